interface ImportMetaEnv {
  readonly WXT_GOOGLE_CLIENT_ID?: string;
  readonly WXT_GOOGLE_AUTH_URL?: string;
  readonly WXT_GOOGLE_API_URL?: string;
  readonly WXT_CONNECTYCUBE_API_URL?: string;
  readonly WXT_CONNECTYCUBE_VAPID_KEY?: string;
  readonly WXT_CONNECTYCUBE_APP_ID?: string;
  readonly WXT_CONNECTYCUBE_AUTH_KEY?: string;
  readonly WXT_GOOGLE_REVOKE_URL?: string;
  readonly WXT_HOMEPAGE_URL?: string;
  readonly WXT_INVITE_TEXT?: string;
  readonly WXT_INVITE_URL?: string;
  readonly WXT_PHONE_SIGNIN_URL?: string;
  readonly WXT_FIREBASE_PROJECT_ID?: string;
  readonly WXT_FIREBASE_API_KEY?: string;
  readonly WXT_FIREBASE_AUTH_EMULATOR_URL?: string;
}
