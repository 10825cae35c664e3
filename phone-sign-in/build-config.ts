// The phone sign-in page's build-time settings (README "The phone sign-in page"), read in Node by
// vite.config.ts from the environment or `.env`, checked, and built into the page. A missing or
// malformed variable fails the build with its name: a page built without them could not work, and
// one with a loose redirect list would hand tokens to anyone.

export interface PhonePageConfig {
  apiKey: string;
  projectId: string;
  /** Redirect URL prefixes; a leading `*.` in the host stands for one DNS label (sandboxes). */
  redirects: string[];
  /** The Auth emulator's origin (sandboxes only), else null. */
  emulatorUrl: string | null;
}

const REQUIRED = [
  'WXT_FIREBASE_API_KEY',
  'WXT_FIREBASE_PROJECT_ID',
  'WXT_PHONE_SIGNIN_REDIRECTS',
] as const;

/** `https://`, a host (its first label may be `*`), then `/` and any path: never a bare origin. */
const REDIRECT_PREFIX = /^https:\/\/(?:\*\.)?(?:[a-z0-9-]+\.)+[a-z0-9-]+(?::\d+)?\/[^\s#?*]*$/;

export function phonePageConfig(env: Record<string, string | undefined>): PhonePageConfig {
  const value = (name: string): string => env[name]?.trim() ?? '';
  const missing = REQUIRED.filter((name) => value(name) === '');
  if (missing.length > 0) {
    throw new Error(
      `The phone sign-in page needs ${missing.join(', ')} (README "The phone sign-in page"): ` +
        'set them in the environment or in .env.',
    );
  }
  const projectId = value('WXT_FIREBASE_PROJECT_ID');
  if (!/^[a-z0-9][a-z0-9-]*[a-z0-9]$/.test(projectId)) {
    throw new Error(`WXT_FIREBASE_PROJECT_ID "${projectId}" is not a Firebase project id.`);
  }
  const redirects = value('WXT_PHONE_SIGNIN_REDIRECTS')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  for (const prefix of redirects) {
    if (!REDIRECT_PREFIX.test(prefix)) {
      throw new Error(
        `WXT_PHONE_SIGNIN_REDIRECTS: "${prefix}" is not an https URL prefix ending its host with ` +
          '"/" (e.g. https://<extension-id>.chromiumapp.org/).',
      );
    }
  }
  return {
    apiKey: value('WXT_FIREBASE_API_KEY'),
    projectId,
    redirects,
    emulatorUrl: emulatorOrigin(value('WXT_FIREBASE_AUTH_EMULATOR_URL')),
  };
}

function emulatorOrigin(url: string): string | null {
  if (url === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`WXT_FIREBASE_AUTH_EMULATOR_URL "${url}" is not a URL.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`WXT_FIREBASE_AUTH_EMULATOR_URL "${url}" is not an http(s) URL.`);
  }
  return parsed.origin;
}

/**
 * The page's Content-Security-Policy (a meta tag, so it travels with the static files): its own
 * scripts and Google's reCAPTCHA only, no inline script; requests to Firebase Auth (or the
 * emulator). Styles allow inline ones because the reCAPTCHA badge is inserted with `style`
 * attributes; no script can be injected through them.
 */
export function contentSecurityPolicy(config: PhonePageConfig): string {
  const connect = [
    'https://identitytoolkit.googleapis.com',
    'https://securetoken.googleapis.com',
    ...(config.emulatorUrl ? [config.emulatorUrl] : []),
  ];
  return [
    "default-src 'none'",
    "script-src 'self' https://www.google.com/recaptcha/ https://www.gstatic.com/recaptcha/",
    'frame-src https://www.google.com/recaptcha/ https://recaptcha.google.com/recaptcha/',
    `connect-src ${connect.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https://www.gstatic.com/recaptcha/",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
