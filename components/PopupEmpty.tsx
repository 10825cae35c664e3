import { t } from '@/lib/i18n';
import { formatCount } from '@/lib/ui/format';

export type PopupEmptyProps =
  | {
      kind: 'setup';
      /** Users from an earlier sync are listed below: syncing is paused, not yet begun. */
      paused: boolean;
      onSetup(): void;
    }
  | { kind: 'none'; phoneCount: number };

/** What to do next, when the popup has nothing (new) to show. */
export function PopupEmpty(props: PopupEmptyProps) {
  if (props.kind === 'setup') {
    return (
      <section class="empty-state">
        <p>{t(props.paused ? 'setupPaused' : 'setupNeeded')}</p>
        <button type="button" class="primary" onClick={() => props.onSetup()}>
          {t('setUp')}
        </button>
      </section>
    );
  }
  return (
    <section class="empty-state">
      <p>{t('noneRegistered', formatCount(props.phoneCount))}</p>
    </section>
  );
}
