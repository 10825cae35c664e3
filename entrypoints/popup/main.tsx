import { render } from 'preact';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { PopupApp } from '@/components/PopupApp';
import { createBrowserApi } from '@/lib/ui/browser-api';

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
