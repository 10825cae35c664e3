import { render } from 'preact';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { OptionsApp } from '@/components/OptionsApp';
import { t } from '@/lib/i18n';
import { createOptionsApi } from '@/lib/ui/options-api';

// The language the page's text is in (the locale the browser picked), not a fixed "en".
document.documentElement.lang = t('localeTag');
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
