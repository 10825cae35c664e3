import { render } from 'preact';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { PopupApp } from '@/components/PopupApp';
import { t } from '@/lib/i18n';
import { createBrowserApi } from '@/lib/ui/browser-api';

// The language the page's text is in (the locale the browser picked), not a fixed "en".
document.documentElement.lang = t('localeTag');

const root = document.getElementById('app');
if (root) {
  const api = createBrowserApi();
  render(
    <ErrorBoundary page="popup" api={api}>
      <PopupApp api={api} />
    </ErrorBoundary>,
    root,
  );
}
