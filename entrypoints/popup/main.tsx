import { render } from 'preact';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { PopupApp } from '@/components/PopupApp';
import { t } from '@/lib/i18n';
import { createBrowserApi } from '@/lib/ui/browser-api';

// The language the page's text is in (the locale the browser picked), not a fixed "en".
document.documentElement.lang = t('localeTag');

const root = document.getElementById('app');
if (root) {
  // The users are what the popup is opened for: their read starts before the first render, ahead of
  // the status request (whose answer holds the database for a while).
  const api = createBrowserApi({ preloadUsers: true });
  render(
    <ErrorBoundary page="popup" api={api}>
      <PopupApp api={api} />
    </ErrorBoundary>,
    root,
  );
}
