// The hosted phone sign-in page (README "The phone sign-in page"). Opened by the extension with
// `identity.launchWebAuthFlow` at `?redirect_uri=…&state=…`, it signs the number in with Firebase
// (invisible reCAPTCHA, the SMS code) and navigates to
// `redirect_uri#id_token=…&refresh_token=…&state=…` — only to a redirect URL it was built for.
// Firebase keeps nothing in this page's storage (in-memory persistence): the tokens leave in the
// fragment and nowhere else.

import { initializeApp } from 'firebase/app';
import {
  RecaptchaVerifier,
  connectAuthEmulator,
  inMemoryPersistence,
  initializeAuth,
  signInWithPhoneNumber,
  type ConfirmationResult,
} from 'firebase/auth';
import { defaultCountryFromLocale } from '../lib/contacts/locale.ts';
import { countryOptions } from '../lib/ui/countries.ts';
import { errorMessage, pickLanguage, say, type MessageKey } from './messages.ts';
import { callingCode, displayNumber, formatAsTyped, toE164 } from './phone-number.ts';
import { readRequest, redirectWithTokens } from './redirect.ts';

/** Seconds before "Send again" is offered: an SMS can take a while to arrive. */
const RESEND_AFTER_S = 30;

const config = __PHONE_PAGE_CONFIG__;
const language = pickLanguage(navigator.languages.length > 0 ? navigator.languages : ['en']);
const text = (key: MessageKey, values?: Record<string, string | number>) =>
  say(language, key, values);

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

const phoneForm = element<HTMLFormElement>('phone-form');
const codeForm = element<HTMLFormElement>('code-form');
const countrySelect = element<HTMLSelectElement>('country');
const phoneInput = element<HTMLInputElement>('phone');
const sendButton = element<HTMLButtonElement>('send-code');
const codeInput = element<HTMLInputElement>('code');
const signInButton = element<HTMLButtonElement>('sign-in');
const sendAgainButton = element<HTMLButtonElement>('send-again');
const changeNumberButton = element<HTMLButtonElement>('change-number');
const alertLine = element<HTMLParagraphElement>('message');
const statusLine = element<HTMLParagraphElement>('status');

function localise(): void {
  document.documentElement.lang = language;
  document.title = text('title');
  const labels: [string, MessageKey][] = [
    ['title', 'title'],
    ['intro', 'intro'],
    ['country-label', 'country'],
    ['phone-label', 'phone'],
    ['send-code', 'sendCode'],
    ['code-label', 'code'],
    ['sign-in', 'signIn'],
    ['send-again', 'sendAgain'],
    ['change-number', 'changeNumber'],
    ['privacy', 'privacy'],
  ];
  for (const [id, key] of labels) element(id).textContent = text(key);
}

function showError(key: MessageKey | null, values?: Record<string, string>): void {
  alertLine.textContent = key ? text(key, values) : '';
}

function showStatus(key: MessageKey | null, values?: Record<string, string>): void {
  statusLine.textContent = key ? text(key, values) : '';
}

function fillCountries(): void {
  const chosen = defaultCountryFromLocale(navigator.language);
  for (const { code, name } of countryOptions(language)) {
    const dial = callingCode(code);
    const option = new Option(dial ? `${name} (${dial})` : name, code);
    option.selected = code === chosen;
    countrySelect.add(option);
  }
}

function busy(on: boolean): void {
  for (const control of [sendButton, signInButton, phoneInput, codeInput, countrySelect]) {
    control.disabled = on;
  }
}

const request = readRequest(location.search, config.redirects);
localise();
if (request.kind === 'error') {
  // Never sign in (nor redirect) for a caller the page was not built for.
  phoneForm.hidden = true;
  codeForm.hidden = true;
  showError(request.reason === 'bad-redirect' ? 'badRedirect' : 'missingState');
} else {
  start(request.redirect, request.state);
}

function start(redirect: URL, state: string): void {
  const app = initializeApp({
    apiKey: config.apiKey,
    projectId: config.projectId,
    authDomain: `${config.projectId}.firebaseapp.com`,
  });
  const auth = initializeAuth(app, { persistence: inMemoryPersistence });
  auth.languageCode = language; // the SMS's language
  if (config.emulatorUrl) connectAuthEmulator(auth, config.emulatorUrl, { disableWarnings: true });
  let verifier: RecaptchaVerifier | null = null;
  // A verifier per attempt, in a box of its own: once Firebase has used one it resets it, and the
  // emulator's mock reCAPTCHA cannot be asked again after a reset (the real one can).
  const freshVerifier = (): RecaptchaVerifier => {
    verifier?.clear();
    const box = document.createElement('div');
    element('recaptcha').replaceChildren(box);
    verifier = new RecaptchaVerifier(auth, box, { size: 'invisible' });
    return verifier;
  };

  let confirmation: ConfirmationResult | null = null;
  let number = '';
  let countdown: ReturnType<typeof setInterval> | undefined;

  fillCountries();
  phoneInput.addEventListener('input', () => {
    // Reformat only while typing at the end, so an edit in the middle keeps its caret.
    if (phoneInput.selectionStart !== phoneInput.value.length) return;
    const typed = formatAsTyped(phoneInput.value, countrySelect.value);
    phoneInput.value = typed.text;
    if (typed.country !== countrySelect.value) countrySelect.value = typed.country;
    showError(null);
  });
  countrySelect.addEventListener('change', () => {
    phoneInput.value = formatAsTyped(phoneInput.value, countrySelect.value).text;
  });

  async function sendCode(): Promise<void> {
    const e164 = toE164(phoneInput.value, countrySelect.value);
    if (!e164) {
      showError('invalidNumber');
      phoneInput.setAttribute('aria-invalid', 'true');
      phoneInput.focus();
      return;
    }
    phoneInput.removeAttribute('aria-invalid');
    showError(null);
    showStatus('sending');
    busy(true);
    try {
      confirmation = await signInWithPhoneNumber(auth, e164, freshVerifier());
      number = e164;
      phoneForm.hidden = true;
      codeForm.hidden = false;
      showStatus('codeSent', { phone: displayNumber(e164) });
      codeInput.value = '';
      codeInput.focus();
      startCountdown();
    } catch (error) {
      showStatus(null);
      showFirebaseError(error);
    } finally {
      busy(false);
    }
  }

  async function confirmCode(): Promise<void> {
    const code = codeInput.value.replace(/\D/g, '');
    if (!confirmation || code === '') {
      showError('wrongCode');
      codeInput.focus();
      return;
    }
    showError(null);
    showStatus('signingIn');
    busy(true);
    try {
      const { user } = await confirmation.confirm(code);
      const idToken = await user.getIdToken();
      showStatus('signedIn');
      location.replace(
        redirectWithTokens(redirect, { idToken, refreshToken: user.refreshToken, state }),
      );
    } catch (error) {
      showStatus(null);
      busy(false);
      showFirebaseError(error);
      codeInput.setAttribute('aria-invalid', 'true');
      codeInput.select();
    }
  }

  function startCountdown(): void {
    clearInterval(countdown);
    // From the clock, not by counting ticks: a hidden window's timers are throttled.
    const until = Date.now() + RESEND_AFTER_S * 1000;
    const tick = (): void => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      sendAgainButton.disabled = left > 0;
      sendAgainButton.textContent =
        left > 0 ? text('sendAgainIn', { seconds: left }) : text('sendAgain');
      if (left === 0) clearInterval(countdown);
    };
    tick();
    countdown = setInterval(tick, 1000);
  }

  function showFirebaseError(error: unknown): void {
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const key = errorMessage(code);
    showError(key, { code: code || String(error) });
  }

  phoneForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void sendCode();
  });
  codeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void confirmCode();
  });
  sendAgainButton.addEventListener('click', () => {
    phoneInput.value = number;
    void sendCode();
  });
  changeNumberButton.addEventListener('click', () => {
    clearInterval(countdown);
    confirmation = null;
    codeForm.hidden = true;
    phoneForm.hidden = false;
    showError(null);
    showStatus(null);
    phoneInput.focus();
  });
}
