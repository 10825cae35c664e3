import { t } from '@/lib/i18n';
import { formatCount } from '@/lib/ui/format';

export type PopupEmptyProps =
  { kind: 'setup'; onSetup(): void } | { kind: 'none'; phoneCount: number };

/** An empty popup that says what to do next. */
export function PopupEmpty(props: PopupEmptyProps) {
  if (props.kind === 'setup') {
    return (
      <section class="empty-state">
        <p>{t('setupNeeded')}</p>
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
