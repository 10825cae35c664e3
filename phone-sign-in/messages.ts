// The page's words, in English and German (the extension's two languages), picked from the
// browser's preferred languages; and what each Firebase Auth error means to the person typing.

export type Language = 'en' | 'de';

const EN = {
  title: 'Sign in with your phone number',
  intro: 'We will send a code by SMS to confirm that this number is yours.',
  country: 'Country',
  phone: 'Phone number',
  sendCode: 'Send code',
  sending: 'Sending the code…',
  codeSent: 'We sent a code to {phone}.',
  code: 'Code',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  sendAgain: 'Send again',
  sendAgainIn: 'Send again in {seconds} s',
  changeNumber: 'Use another number',
  signedIn: 'Signed in. Returning to the extension…',
  privacy: 'Your number goes to Google Firebase, which sends the code.',
  invalidNumber: 'That is not a valid phone number for the country chosen.',
  wrongCode: 'That code is not right. Check the SMS and try again.',
  codeExpired: 'That code has expired. Send a new one.',
  tooMany: 'Too many attempts. Wait a while, then try again.',
  network: 'No connection to the sign-in service. Check your connection and try again.',
  captcha: 'The check that you are not a robot failed. Try again.',
  unavailable: 'Phone sign-in is not available right now. Please contact the extension’s provider.',
  disabled: 'The account of this number is disabled.',
  badRedirect: 'This sign-in page was opened from an address it does not serve. Nothing was sent.',
  missingState: 'This sign-in page was opened without its request details. Nothing was sent.',
  unknown: 'Something went wrong ({code}). Try again.',
};

export type MessageKey = keyof typeof EN;

const DE: Record<MessageKey, string> = {
  title: 'Mit Ihrer Telefonnummer anmelden',
  intro: 'Wir senden einen Code per SMS, um zu bestätigen, dass diese Nummer Ihnen gehört.',
  country: 'Land',
  phone: 'Telefonnummer',
  sendCode: 'Code senden',
  sending: 'Der Code wird gesendet…',
  codeSent: 'Wir haben einen Code an {phone} gesendet.',
  code: 'Code',
  signIn: 'Anmelden',
  signingIn: 'Anmeldung läuft…',
  sendAgain: 'Erneut senden',
  sendAgainIn: 'Erneut senden in {seconds} s',
  changeNumber: 'Andere Nummer verwenden',
  signedIn: 'Angemeldet. Zurück zur Erweiterung…',
  privacy: 'Ihre Nummer geht an Google Firebase, das den Code sendet.',
  invalidNumber: 'Das ist keine gültige Telefonnummer für das gewählte Land.',
  wrongCode: 'Dieser Code stimmt nicht. Prüfen Sie die SMS und versuchen Sie es erneut.',
  codeExpired: 'Dieser Code ist abgelaufen. Lassen Sie einen neuen senden.',
  tooMany: 'Zu viele Versuche. Warten Sie eine Weile und versuchen Sie es dann erneut.',
  network:
    'Keine Verbindung zum Anmeldedienst. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  captcha: 'Die Prüfung, dass Sie kein Roboter sind, ist fehlgeschlagen. Versuchen Sie es erneut.',
  unavailable:
    'Die Anmeldung per Telefon ist gerade nicht verfügbar. Bitte wenden Sie sich an den Anbieter der Erweiterung.',
  disabled: 'Das Konto dieser Nummer ist gesperrt.',
  badRedirect:
    'Diese Anmeldeseite wurde von einer Adresse geöffnet, die sie nicht bedient. Es wurde nichts gesendet.',
  missingState:
    'Diese Anmeldeseite wurde ohne die Angaben ihrer Anfrage geöffnet. Es wurde nichts gesendet.',
  unknown: 'Etwas ist schiefgegangen ({code}). Versuchen Sie es erneut.',
};

const MESSAGES: Record<Language, Record<MessageKey, string>> = { en: EN, de: DE };

/** The first of the browser's languages the page speaks; English otherwise. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const language = tag.toLowerCase().split('-')[0];
    if (language === 'en' || language === 'de') return language;
  }
  return 'en';
}

export function say(
  language: Language,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  return MESSAGES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** What a Firebase Auth error code (`auth/…`) tells the person; `unknown` shows the code. */
export function errorMessage(code: string): MessageKey {
  switch (code) {
    case 'auth/invalid-phone-number':
    case 'auth/missing-phone-number':
      return 'invalidNumber';
    case 'auth/invalid-verification-code':
    case 'auth/missing-verification-code':
      return 'wrongCode';
    case 'auth/code-expired':
    case 'auth/invalid-verification-id':
    case 'auth/missing-verification-id':
      return 'codeExpired';
    case 'auth/too-many-requests':
    case 'auth/quota-exceeded':
      return 'tooMany';
    case 'auth/network-request-failed':
    case 'auth/timeout':
      return 'network';
    case 'auth/captcha-check-failed':
    case 'auth/invalid-app-credential':
    case 'auth/missing-app-credential':
      return 'captcha';
    // The distributor's setup, not the person's doing: Phone provider off, domain not
    // authorised, a wrong key, an app blocked by App Check or a region policy.
    case 'auth/operation-not-allowed':
    case 'auth/unauthorized-domain':
    case 'auth/invalid-api-key':
    case 'auth/api-key-not-valid.-please-pass-a-valid-api-key.':
    case 'auth/app-not-authorized':
    case 'auth/admin-restricted-operation':
      return 'unavailable';
    case 'auth/user-disabled':
      return 'disabled';
    default:
      return 'unknown';
  }
}
