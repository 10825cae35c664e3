import { describe, expect, it } from 'vitest';
import { readRequest } from '@/lib/background/validate';

const refused = (message: unknown): string => {
  try {
    readRequest(message);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('the background trusts nothing from its pages', () => {
  it.each<[string, unknown, string]>([
    ['no type', {}, 'a request needs a type'],
    ['an inherited name', { type: 'constructor' }, 'unknown request constructor'],
    ['another inherited name', { type: '__proto__' }, 'unknown request __proto__'],
    [
      'an interval of 0.001 minutes',
      { type: 'saveSettings', settings: { intervalMinutes: 0.001 } },
      'intervalMinutes',
    ],
    [
      'a book that is neither',
      { type: 'saveSettings', settings: { bookMode: 'weird' } },
      'bookMode',
    ],
    [
      'an http chat link',
      { type: 'saveSettings', settings: { chatLinkTemplate: 'http://x.example/{id}' } },
      'chatLinkTemplate',
    ],
    [
      'a javascript: chat link',
      { type: 'saveSettings', settings: { chatLinkTemplate: 'javascript:alert(1)//{id}' } },
      'chatLinkTemplate',
    ],
    [
      'a setting nobody has',
      { type: 'saveSettings', settings: { isAdmin: true } },
      'unknown setting isAdmin',
    ],
    [
      'a country in lower case',
      { type: 'saveSettings', settings: { defaultCountry: 'us' } },
      'defaultCountry',
    ],
    ['a flag as text', { type: 'forgetEverything', removeFirst: 'yes' }, 'removeFirst'],
    ['names on as text', { type: 'saveSettings', settings: { sendNames: 'no' } }, 'sendNames'],
    [
      'a password that is not text',
      { type: 'cubeSignIn', login: 'a', password: 5, staySignedIn: true },
      'password',
    ],
    [
      '"Delete it" without the account shown',
      { type: 'cubeConfirmNew', keep: false },
      'userId must be a positive whole number',
    ],
    [
      '"Delete it" for an id as text',
      { type: 'cubeConfirmNew', keep: false, userId: '81' },
      'userId',
    ],
    ['"Keep it" for user 0', { type: 'cubeConfirmNew', keep: true, userId: 0 }, 'userId'],
    ['"Keep it" for user 8.5', { type: 'cubeConfirmNew', keep: true, userId: 8.5 }, 'userId'],
    [
      'a phone sign-in without the choice of staying signed in',
      { type: 'cubePhoneSignIn' },
      'staySignedIn must be true or false',
    ],
    [
      'a phone sign-in staying as text',
      { type: 'cubePhoneSignIn', staySignedIn: 'yes' },
      'staySignedIn',
    ],
    ['an invitation without a phone', { type: 'markInvited' }, 'phone must be a phone number'],
    ['an invitation to a name', { type: 'markInvited', phone: 'Ana' }, 'phone'],
    [
      'an invitation to a formatted phone',
      { type: 'markInvited', phone: '+1 212 555 0101' },
      'phone',
    ],
    ['an invitation to a number', { type: 'markInvited', phone: 12125550101 }, 'phone'],
    ['an invitation to a huge phone', { type: 'markInvited', phone: '1'.repeat(40) }, 'phone'],
  ])('refuses %s', (_title, message, problem) => {
    expect(refused(message)).toContain(problem);
  });

  it('passes on only what the request allows', () => {
    expect(
      readRequest({
        type: 'saveSettings',
        settings: { intervalMinutes: 30, notifications: false },
        extra: 1,
      }),
    ).toEqual({ type: 'saveSettings', settings: { intervalMinutes: 30, notifications: false } });
    expect(readRequest({ type: 'status', anything: 'else' })).toEqual({ type: 'status' });
    // The page's URL, the redirect and the state are the background's own: none is passed on.
    expect(
      readRequest({
        type: 'cubePhoneSignIn',
        staySignedIn: false,
        pageUrl: 'https://evil.example/',
        state: 's',
      }),
    ).toEqual({ type: 'cubePhoneSignIn', staySignedIn: false });
    expect(readRequest({ type: 'cubeConfirmNew', keep: false, userId: 8101 })).toEqual({
      type: 'cubeConfirmNew',
      keep: false,
      userId: 8101,
    });
    expect(readRequest({ type: 'markInvited', phone: '12125550101', at: 0 })).toEqual({
      type: 'markInvited',
      phone: '12125550101',
    });
    expect(readRequest({ type: 'markInvited', phone: '+12125550101' })).toMatchObject({
      phone: '+12125550101',
    });
    expect(
      readRequest({
        type: 'saveSettings',
        settings: { chatLinkTemplate: 'https://chat.example/u/{id}', defaultCountry: 'DE' },
      }),
    ).toEqual({
      type: 'saveSettings',
      settings: { chatLinkTemplate: 'https://chat.example/u/{id}', defaultCountry: 'DE' },
    });
  });
});
