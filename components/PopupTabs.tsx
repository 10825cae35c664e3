import { useRef } from 'preact/hooks';
import { t, type MessageKey } from '@/lib/i18n';

/** The popup's two views: the contacts who use the app, and those to invite. */
export type PopupView = 'users' | 'invite';

const TABS: { view: PopupView; label: MessageKey }[] = [
  { view: 'users', label: 'tabUsers' },
  { view: 'invite', label: 'tabInvite' },
];

/** The ids that tie a tab to its panel (`aria-controls`, `aria-labelledby`). */
export const tabId = (view: PopupView) => `tab-${view}`;
export const panelId = (view: PopupView) => `panel-${view}`;

/**
 * The view switcher, as the ARIA tabs pattern has it: one tab in the tab order, arrows (and Home,
 * End) move to the next tab and show it at once.
 */
export function PopupTabs({
  current,
  onSelect,
}: {
  current: PopupView;
  onSelect(view: PopupView): void;
}) {
  const list = useRef<HTMLDivElement>(null);

  function onKeyDown(event: KeyboardEvent) {
    const index = TABS.findIndex((tab) => tab.view === current);
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % TABS.length,
      ArrowLeft: (index - 1 + TABS.length) % TABS.length,
      Home: 0,
      End: TABS.length - 1,
    };
    const next = TABS[moves[event.key] ?? -1];
    if (!next) return;
    event.preventDefault();
    onSelect(next.view);
    list.current?.querySelector<HTMLElement>(`#${tabId(next.view)}`)?.focus();
  }

  return (
    <div ref={list} role="tablist" class="tabs" aria-label={t('tabsLabel')} onKeyDown={onKeyDown}>
      {TABS.map(({ view, label }) => (
        <button
          key={view}
          type="button"
          role="tab"
          id={tabId(view)}
          aria-selected={view === current}
          aria-controls={panelId(view)}
          tabIndex={view === current ? 0 : -1}
          onClick={() => onSelect(view)}
        >
          {t(label)}
        </button>
      ))}
    </div>
  );
}
