import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { formatCount } from '@/lib/ui/format';
import { filterUsers, type Searchable } from '@/lib/ui/users';
import { VirtualList, type VirtualListProps } from './VirtualList.tsx';

/** Every row of the popup's lists is this tall (px). */
export const LIST_ROW_HEIGHT = 64;

export interface SearchableListProps<T extends Searchable> extends Pick<
  VirtualListProps<T>,
  'items' | 'label' | 'itemKey' | 'renderRow'
> {
  /** The summary while nothing is searched, from the formatted count ("Using the app: 7"). */
  summary(count: string): string;
  /** Said after the summary ("Click a contact to …"); empty: nothing. */
  hint?: string;
  /** Height of the scrolling list (px). */
  height?: number;
  /**
   * How many items there are, when `items` are only the first of them (still being read): counted
   * with it, and a search waits for the rest.
   */
  total?: number;
}

/**
 * A virtualised list with a search box that filters as you type, by name or by the digits of a
 * phone (the popup's users and its contacts to invite).
 */
export function SearchableList<T extends Searchable>({
  items,
  label,
  itemKey,
  renderRow,
  summary,
  hint = '',
  height = 360,
  total,
}: SearchableListProps<T>): ComponentChildren {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterUsers(items, query), [items, query]);
  const filtered = query.trim() !== '';
  const count = Math.max(total ?? 0, items.length);
  const partial = count > items.length;

  return (
    <section class="user-list">
      <label class="search">
        <span>{t('searchLabel')}</span>
        <input
          type="search"
          value={query}
          placeholder={t('searchPlaceholder')}
          autocomplete="off"
          spellcheck={false}
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
      </label>
      <p class="muted list-summary" aria-live="polite">
        {filtered && !partial
          ? t('matchesCount', [formatCount(shown.length), formatCount(count)])
          : summary(formatCount(count))}
        {hint && ` · ${hint}`}
      </p>
      {filtered && partial ? (
        <p class="muted">{t('loading')}</p>
      ) : shown.length === 0 ? (
        <p class="empty">{t('noMatches', query.trim())}</p>
      ) : (
        <VirtualList
          items={shown}
          rowHeight={LIST_ROW_HEIGHT}
          height={Math.min(height, count * LIST_ROW_HEIGHT + 2)}
          label={label}
          itemKey={itemKey}
          renderRow={renderRow}
        />
      )}
    </section>
  );
}
