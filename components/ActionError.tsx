import { t } from '@/lib/i18n';
import { plainError } from '@/lib/ui/format';

/** A request's failure in the background's words, announced when it appears. */
export function ActionError({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return (
    <p class="error-text" role="alert">
      {t('actionFailed', plainError(error))}
    </p>
  );
}
