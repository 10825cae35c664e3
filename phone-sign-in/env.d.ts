import type { PhonePageConfig } from './build-config.ts';

declare global {
  /** The page's build-time settings, written in by vite.config.ts (`define`). */
  const __PHONE_PAGE_CONFIG__: PhonePageConfig;
}
