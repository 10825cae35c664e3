import { validChatTemplate } from '../chat-link.ts';
import type { Message, RequestType } from '../messaging/protocol.ts';
import { isRecord, isString } from '../net/shape.ts';
import type { UserSettings } from '../settings.ts';
import { RequestError } from './errors.ts';

/** The sync interval a page may ask for, in minutes: from 5 minutes to a day. */
export const INTERVAL_RANGE = { min: 5, max: 1440 } as const;

const refuse = (type: string, problem: string): never => {
  throw new RequestError('invalid-request', `${type}: ${problem}`);
};

const bool = (type: string, field: string, value: unknown): boolean =>
  typeof value === 'boolean' ? value : refuse(type, `${field} must be true or false`);

/** An id the server gave (a ConnectyCube user's): a positive whole number. */
const id = (type: string, field: string, value: unknown): number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0
    ? value
    : refuse(type, `${field} must be a positive whole number`);

/** Text a person typed: a string of reasonable length. */
const text = (type: string, field: string, value: unknown, max = 1024): string =>
  isString(value) && value.length <= max ? value : refuse(type, `${field} must be text`);

/** An entry's phone as the book stores it: E.164, with or without its "+" (lib/contacts/normalize.ts). */
const BOOK_PHONE = /^\+?[0-9]{6,15}$/;

const phone = (type: string, value: unknown): string =>
  isString(value) && BOOK_PHONE.test(value) ? value : refuse(type, 'phone must be a phone number');

/** Each setting's rule; a key not listed here is refused. */
const SETTING_RULES: { [K in keyof UserSettings]: (value: unknown) => UserSettings[K] } = {
  intervalMinutes: (v) =>
    typeof v === 'number' &&
    Number.isInteger(v) &&
    v >= INTERVAL_RANGE.min &&
    v <= INTERVAL_RANGE.max
      ? v
      : refuse(
          'saveSettings',
          `intervalMinutes must be whole minutes from ${INTERVAL_RANGE.min} to ${INTERVAL_RANGE.max}`,
        ),
  bookMode: (v) =>
    v === 'own' || v === 'global' ? v : refuse('saveSettings', 'bookMode must be own or global'),
  defaultCountry: (v) =>
    isString(v) && /^([A-Z]{2})?$/.test(v)
      ? v
      : refuse('saveSettings', 'defaultCountry must be empty or two capital letters'),
  phoneFormat: (v) =>
    v === 'international-digits' || v === 'e164'
      ? v
      : refuse('saveSettings', 'phoneFormat must be international-digits or e164'),
  notifications: (v) => bool('saveSettings', 'notifications', v),
  includeOther: (v) => bool('saveSettings', 'includeOther', v),
  sendNames: (v) => bool('saveSettings', 'sendNames', v),
  chatLinkTemplate: (v) =>
    isString(v) && v.length <= 2048 && validChatTemplate(v)
      ? v
      : refuse(
          'saveSettings',
          'chatLinkTemplate must be empty or an https URL with {id} or {phone}',
        ),
};

function settings(value: unknown): Partial<UserSettings> {
  if (!isRecord(value)) return refuse('saveSettings', 'settings must be an object');
  const out: Partial<UserSettings> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (!Object.hasOwn(SETTING_RULES, key)) refuse('saveSettings', `unknown setting ${key}`);
    const rule = SETTING_RULES[key as keyof UserSettings] as (v: unknown) => unknown;
    Object.assign(out, { [key]: rule(raw) });
  }
  return out;
}

/** Each request's payload, checked and rebuilt from what is allowed (nothing else is passed on). */
const RULES: { [T in RequestType]: (message: Record<string, unknown>) => Message<T> } = {
  status: () => ({ type: 'status' }),
  syncNow: () => ({ type: 'syncNow' }),
  connectGoogle: (m) => ({
    type: 'connectGoogle',
    includeOther: bool('connectGoogle', 'includeOther', m.includeOther),
  }),
  disconnectGoogle: () => ({ type: 'disconnectGoogle' }),
  cubeSignIn: (m) => {
    const app = m.app;
    if (app !== undefined && !isRecord(app)) refuse('cubeSignIn', 'app must be an object');
    return {
      type: 'cubeSignIn',
      login: text('cubeSignIn', 'login', m.login, 256),
      password: text('cubeSignIn', 'password', m.password, 256),
      staySignedIn: bool('cubeSignIn', 'staySignedIn', m.staySignedIn),
      ...(isRecord(app)
        ? {
            app: {
              endpoint: text('cubeSignIn', 'app.endpoint', app.endpoint, 2048),
              applicationId: text('cubeSignIn', 'app.applicationId', app.applicationId, 64),
              authKey: text('cubeSignIn', 'app.authKey', app.authKey, 256),
            },
          }
        : {}),
    };
  },
  cubePhoneSignIn: (m) => ({
    type: 'cubePhoneSignIn',
    staySignedIn: bool('cubePhoneSignIn', 'staySignedIn', m.staySignedIn),
  }),
  cubeConfirmNew: (m) => ({
    type: 'cubeConfirmNew',
    keep: bool('cubeConfirmNew', 'keep', m.keep),
    userId: id('cubeConfirmNew', 'userId', m.userId),
  }),
  cubeSignOut: () => ({ type: 'cubeSignOut' }),
  consent: () => ({ type: 'consent' }),
  saveSettings: (m) => ({ type: 'saveSettings', settings: settings(m.settings) }),
  reuploadAll: () => ({ type: 'reuploadAll' }),
  removeFromServer: () => ({ type: 'removeFromServer' }),
  forgetEverything: (m) => ({
    type: 'forgetEverything',
    removeFirst: bool('forgetEverything', 'removeFirst', m.removeFirst),
  }),
  markSeen: () => ({ type: 'markSeen' }),
  serverBook: () => ({ type: 'serverBook' }),
  checkAndRepair: () => ({ type: 'checkAndRepair' }),
  markInvited: (m) => ({ type: 'markInvited', phone: phone('markInvited', m.phone) }),
};

/**
 * A message from one of the extension's pages, as a request the background answers: its type must
 * be one of the protocol's own (not `constructor` or anything inherited), and its payload passes
 * that request's rules. The pages are ours, but whatever reaches the background is checked anyway.
 */
export function readRequest(message: unknown): Message {
  if (!isRecord(message) || !isString(message.type))
    throw new RequestError('invalid-request', 'a request needs a type');
  const { type } = message;
  if (!Object.hasOwn(RULES, type))
    throw new RequestError('invalid-request', `unknown request ${type}`);
  return RULES[type as RequestType](message);
}
