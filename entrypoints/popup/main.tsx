import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import { createBrowserApi } from '@/lib/ui/browser-api';

const root = document.getElementById('app');
if (root) render(<PopupApp api={createBrowserApi()} />, root);
