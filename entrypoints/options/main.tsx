import { render } from 'preact';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { OptionsApp } from '@/components/OptionsApp';
import { t } from '@/lib/i18n';
import { createOptionsApi } from '@/lib/ui/options-api';

document.title = t('optionsTitle');
const root = document.getElementById('app');
if (root) {
  const api = createOptionsApi();
  render(
    <ErrorBoundary page="options" api={api}>
      <OptionsApp api={api} />
    </ErrorBoundary>,
    root,
  );
}
