import { DEFAULT_HOMEPAGE_URL } from './homepage.ts';

/**
 * Build-time configuration (README "Build-time configuration"). Read once here so the rest of the
 * code never touches `import.meta.env`, and tests can pass their own values instead.
 */
export interface BuildConfig {
  googleClientId: string;
  googleAuthUrl: string;
  googleApiUrl: string;
  cubeApiUrl: string;
  /**
   * The distributor's ConnectyCube application (the SDK's `init`): built in, so end users give only
   * their own login and password. Empty: the options page asks for them.
   */
  cubeAppId: string;
  cubeAuthKey: string;
  /** Where a Google token is revoked when the user disconnects or forgets everything. */
  googleRevokeUrl: string;
  /** The application's VAPID public key for "contact joined" pushes; empty: polling only. */
  cubeVapidKey: string;
  /**
   * The invitation the popup's Invite view copies, with `{name}` and `{url}` (lib/invite-text.ts).
   * Empty: the default text of the browser's language.
   */
  inviteText: string;
  /** Where an invitation sends people: WXT_INVITE_URL, else WXT_HOMEPAGE_URL's value. */
  inviteUrl: string;
  /**
   * The hosted phone sign-in page (README "The phone sign-in page"); empty: no phone sign-in, the
   * ConnectyCube card asks for a login and password only.
   */
  phoneSignInUrl: string;
  /** The Firebase project of the page and the mobile app (`firebase_phone.project_id`). */
  firebaseProjectId: string;
  /** Its Web API key: renews ID tokens at the secure token service. */
  firebaseApiKey: string;
  /** Sandboxes only: the Auth emulator, whose secure token endpoint then renews ID tokens. */
  firebaseAuthEmulatorUrl: string;
}

export const DEFAULT_CONFIG: BuildConfig = {
  googleClientId: '',
  googleAuthUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  googleApiUrl: 'https://people.googleapis.com',
  cubeApiUrl: 'https://api.connectycube.com',
  cubeAppId: '',
  cubeAuthKey: '',
  googleRevokeUrl: 'https://oauth2.googleapis.com/revoke',
  cubeVapidKey: '',
  inviteText: '',
  inviteUrl: DEFAULT_HOMEPAGE_URL,
  phoneSignInUrl: '',
  firebaseProjectId: '',
  firebaseApiKey: '',
  firebaseAuthEmulatorUrl: '',
};

function pick(value: string | undefined, fallback: string): string {
  return value && value.trim() !== '' ? value.trim().replace(/\/+$/, '') : fallback;
}

/** The build variables as Vite hands them to the bundle (`import.meta.env`), by name. */
export type BuildEnv = { readonly [K in keyof ImportMetaEnv]?: string | undefined };

/**
 * The configuration these variables make, with the defaults above. The build reads
 * `import.meta.env`; `npm run live-check` (tools/live-check.ts) reads the same names from the
 * environment and `.env` files, so it checks exactly what a build with them would use.
 */
export function configFrom(env: BuildEnv): BuildConfig {
  return {
    googleClientId: pick(env.WXT_GOOGLE_CLIENT_ID, DEFAULT_CONFIG.googleClientId),
    googleAuthUrl: pick(env.WXT_GOOGLE_AUTH_URL, DEFAULT_CONFIG.googleAuthUrl),
    googleApiUrl: pick(env.WXT_GOOGLE_API_URL, DEFAULT_CONFIG.googleApiUrl),
    cubeApiUrl: pick(env.WXT_CONNECTYCUBE_API_URL, DEFAULT_CONFIG.cubeApiUrl),
    cubeAppId: pick(env.WXT_CONNECTYCUBE_APP_ID, DEFAULT_CONFIG.cubeAppId),
    cubeAuthKey: pick(env.WXT_CONNECTYCUBE_AUTH_KEY, DEFAULT_CONFIG.cubeAuthKey),
    googleRevokeUrl: pick(env.WXT_GOOGLE_REVOKE_URL, DEFAULT_CONFIG.googleRevokeUrl),
    cubeVapidKey: pick(env.WXT_CONNECTYCUBE_VAPID_KEY, DEFAULT_CONFIG.cubeVapidKey),
    // Text, not a URL: kept as written (`pick` would drop a trailing slash).
    inviteText: env.WXT_INVITE_TEXT?.trim() ?? DEFAULT_CONFIG.inviteText,
    // A link as the distributor wrote it: `pick` would drop a trailing slash some servers need.
    inviteUrl:
      env.WXT_INVITE_URL?.trim() || env.WXT_HOMEPAGE_URL?.trim() || DEFAULT_CONFIG.inviteUrl,
    // The page's address as given: its folder may need the trailing slash.
    phoneSignInUrl: env.WXT_PHONE_SIGNIN_URL?.trim() ?? DEFAULT_CONFIG.phoneSignInUrl,
    firebaseProjectId: pick(env.WXT_FIREBASE_PROJECT_ID, DEFAULT_CONFIG.firebaseProjectId),
    firebaseApiKey: pick(env.WXT_FIREBASE_API_KEY, DEFAULT_CONFIG.firebaseApiKey),
    firebaseAuthEmulatorUrl: pick(
      env.WXT_FIREBASE_AUTH_EMULATOR_URL,
      DEFAULT_CONFIG.firebaseAuthEmulatorUrl,
    ),
  };
}

/**
 * The variables by name: Vite inlines exactly these (naming `import.meta.env` whole would put every
 * WXT_* variable of the build's environment into the bundle). A Node tool importing this module
 * (`npm run live-check`) has no `import.meta.env`: the first read throws, and it uses `configFrom`.
 */
function viteEnv(): BuildEnv {
  try {
    return {
      WXT_GOOGLE_CLIENT_ID: import.meta.env.WXT_GOOGLE_CLIENT_ID,
      WXT_GOOGLE_AUTH_URL: import.meta.env.WXT_GOOGLE_AUTH_URL,
      WXT_GOOGLE_API_URL: import.meta.env.WXT_GOOGLE_API_URL,
      WXT_CONNECTYCUBE_API_URL: import.meta.env.WXT_CONNECTYCUBE_API_URL,
      WXT_CONNECTYCUBE_APP_ID: import.meta.env.WXT_CONNECTYCUBE_APP_ID,
      WXT_CONNECTYCUBE_AUTH_KEY: import.meta.env.WXT_CONNECTYCUBE_AUTH_KEY,
      WXT_GOOGLE_REVOKE_URL: import.meta.env.WXT_GOOGLE_REVOKE_URL,
      WXT_CONNECTYCUBE_VAPID_KEY: import.meta.env.WXT_CONNECTYCUBE_VAPID_KEY,
      WXT_INVITE_TEXT: import.meta.env.WXT_INVITE_TEXT,
      WXT_INVITE_URL: import.meta.env.WXT_INVITE_URL,
      WXT_HOMEPAGE_URL: import.meta.env.WXT_HOMEPAGE_URL,
      WXT_PHONE_SIGNIN_URL: import.meta.env.WXT_PHONE_SIGNIN_URL,
      WXT_FIREBASE_PROJECT_ID: import.meta.env.WXT_FIREBASE_PROJECT_ID,
      WXT_FIREBASE_API_KEY: import.meta.env.WXT_FIREBASE_API_KEY,
      WXT_FIREBASE_AUTH_EMULATOR_URL: import.meta.env.WXT_FIREBASE_AUTH_EMULATOR_URL,
    };
  } catch {
    return {};
  }
}

export const buildConfig: BuildConfig = configFrom(viteEnv());

/** The built-in application, when the build has both its id and its key. */
export function builtInApp(
  config: Pick<BuildConfig, 'cubeApiUrl' | 'cubeAppId' | 'cubeAuthKey'>,
): { endpoint: string; applicationId: string; authKey: string } | null {
  if (!config.cubeAppId || !config.cubeAuthKey) return null;
  return {
    endpoint: config.cubeApiUrl,
    applicationId: config.cubeAppId,
    authKey: config.cubeAuthKey,
  };
}

/**
 * What phone sign-in needs from the build: the page (https, or loopback in sandboxes), the Firebase
 * project and its key, and the built-in application (whose users the mobile app's phone sign-ins
 * are). Null when any is missing: the card then offers the login and password only.
 */
export function phoneSignInConfig(config: BuildConfig): {
  pageUrl: string;
  projectId: string;
  apiKey: string;
  emulatorUrl: string;
  app: { endpoint: string; applicationId: string; authKey: string };
} | null {
  const app = builtInApp(config);
  if (!app || !config.phoneSignInUrl || !config.firebaseProjectId || !config.firebaseApiKey)
    return null;
  if (!checkEndpoint(config.phoneSignInUrl).ok) return null;
  if (config.firebaseAuthEmulatorUrl && !checkEndpoint(config.firebaseAuthEmulatorUrl).ok)
    return null;
  return {
    pageUrl: config.phoneSignInUrl,
    projectId: config.firebaseProjectId,
    apiKey: config.firebaseApiKey,
    emulatorUrl: config.firebaseAuthEmulatorUrl,
    app,
  };
}

/**
 * Credentials only travel over https; loopback is the one exception, for local development and the
 * sandbox servers.
 */
export function checkEndpoint(
  url: string,
): { ok: true; url: string } | { ok: false; reason: string } {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { ok: false, reason: 'not-a-url' };
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback)) {
    return { ok: true, url: parsed.origin + parsed.pathname.replace(/\/+$/, '') };
  }
  return { ok: false, reason: 'not-https' };
}
