import { useMemo, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { ServerBookReport } from '@/lib/messaging/protocol';
import { formatCount, formatDateTime } from '@/lib/ui/format';

/** Rows shown at once: the search narrows a big book down. */
const SHOWN = 100;

export interface ServerBookListProps {
  report: ServerBookReport;
}

/**
 * "What the server holds": the book in use as the server answered it, searchable by name and
 * phone, so a user can see exactly what is stored about their contacts. Names render as text.
 */
export function ServerBookList({ report }: ServerBookListProps) {
  const [query, setQuery] = useState('');
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    const digits = q.replace(/\D/g, '');
    if (q === '') return report.entries;
    return report.entries.filter(
      (e) => e.name.toLowerCase().includes(q) || (digits !== '' && e.phone.includes(digits)),
    );
  }, [report, query]);
  return (
    <section class="server-book" aria-label={t('serverHoldsTitle')}>
      <h3>{t('serverHoldsTitle')}</h3>
      <p>{t('serverHolds', [formatCount(report.serverCount), formatDateTime(report.readAt)])}</p>
      <label class="field">
        <span>{t('serverHoldsSearch')}</span>
        <input
          type="search"
          value={query}
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
      </label>
      <ul class="server-book-list">
        {matches.slice(0, SHOWN).map((entry) => (
          <li key={entry.phone}>
            <span>{entry.name}</span> <span class="muted">{entry.phone}</span>
          </li>
        ))}
      </ul>
      {matches.length > SHOWN && (
        <p class="muted">{t('serverHoldsMore', formatCount(matches.length - SHOWN))}</p>
      )}
    </section>
  );
}
