// The ConnectyCube card's choices with phone sign-in in the build: the phone first, the login and
// password behind "Use a login and password instead"; without it, the card as before. The window
// itself is the background's (lib/phone/sign-in.ts): the page only asks for it.
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { OptionsApp } from '@/components/OptionsApp';
import { RequestFailed, type CubeStatus, type Status } from '@/lib/messaging/protocol';
import {
  buttonTexts,
  cleanup,
  cubeSignedOut,
  ENDPOINT,
  makeStatus,
  mount,
  trackedApi,
  type FakeApi,
  type Handlers,
} from './fake-api.ts';

afterEach(cleanup);

const PHONE = '+1 415 555 0100';
const ADA_PHONE = { id: 90, fullName: 'Ada Phone' };

const byPhone = (extra: Partial<Extract<CubeStatus, { state: 'signed-in' }>> = {}): CubeStatus => ({
  state: 'signed-in',
  endpoint: ENDPOINT,
  builtInApp: true,
  phoneSignIn: true,
  user: ADA_PHONE,
  phone: PHONE,
  staySignedIn: true,
  needsSignIn: false,
  ...extra,
});

function open(cube: CubeStatus, handlers: Handlers = {}): FakeApi {
  const fake = trackedApi(makeStatus({ cube }), handlers);
  mount(<OptionsApp api={fake} />);
  return fake;
}

const card = () => page.getByRole('region', { name: 'ConnectyCube account' });
const phoneButton = () => card().getByRole('button', { name: 'Sign in with your phone number' });
const requests = (fake: FakeApi) =>
  fake.sent.filter((s) => s.type !== 'status').map((s) => ({ [s.type]: s.request }));

describe('the ConnectyCube card with phone sign-in', () => {
  it('offers the phone first; the login and password sit behind "Use a login and password instead"', async () => {
    open(cubeSignedOut(true, ENDPOINT, true));
    await expect.element(phoneButton()).toBeVisible();
    await expect
      .element(phoneButton())
      .toHaveAccessibleDescription(/Your number goes to Google Firebase, which sends the code/);
    const buttons = card()
      .getByRole('button')
      .elements()
      .filter((b) => b.checkVisibility());
    expect(buttons[0]?.textContent).toBe('Sign in with your phone number');
    await expect.element(card().getByLabelText('Password')).not.toBeVisible();
    await expect
      .element(card().getByRole('checkbox', { name: 'Stay signed in on this device' }))
      .toHaveAccessibleDescription(/never a password/);

    await userEvent.click(card().getByText('Use a login and password instead'));
    await expect.element(card().getByLabelText('Login or email')).toBeVisible();
    await expect.element(card().getByLabelText('Password')).toBeVisible();
  });

  it('without phone sign-in in the build (or the browser): the login form, as before', async () => {
    open(cubeSignedOut(true, ENDPOINT, false));
    await expect.element(card().getByLabelText('Login or email')).toBeVisible();
    expect(phoneButton().elements()).toHaveLength(0);
    expect(card().getByText('Use a login and password instead').elements()).toHaveLength(0);
  });

  it('asks the background to sign in, with "Stay signed in" as chosen, and shows who is signed in', async () => {
    let release: (status: Status) => void = () => undefined;
    const fake = open(cubeSignedOut(true, ENDPOINT, true), {
      cubePhoneSignIn: () => new Promise<Status>((resolve) => (release = resolve)),
    });
    await userEvent.click(card().getByRole('checkbox', { name: 'Stay signed in on this device' }));
    await userEvent.click(phoneButton());
    // While the window is open the card says where to go on.
    await expect
      .element(card().getByRole('status'))
      .toHaveTextContent('Finish signing in in the window that opened.');
    await expect.element(phoneButton()).toBeDisabled();
    release(makeStatus({ cube: byPhone({ staySignedIn: false }) }));
    await expect.element(card().getByText(`Signed in as Ada Phone (${PHONE})`)).toBeVisible();
    expect(requests(fake)).toEqual([{ cubePhoneSignIn: { staySignedIn: false } }]);
  });

  it('a closed window: the line says so, nothing else changes, and the button works again', async () => {
    const closed = 'The sign-in window was closed before you finished. Nothing changed.';
    let attempts = 0;
    open(cubeSignedOut(true, ENDPOINT, true), {
      cubePhoneSignIn: () => {
        attempts += 1;
        if (attempts === 1) throw new RequestFailed('other', closed);
        return makeStatus({ cube: byPhone() });
      },
    });
    await userEvent.click(phoneButton());
    await expect.element(card().getByRole('alert')).toHaveTextContent(`Sign-in failed: ${closed}`);
    await userEvent.click(phoneButton());
    await expect.element(card().getByText(`Signed in as Ada Phone (${PHONE})`)).toBeVisible();
  });

  it('a number the server did not know: "A new account was created for …" with Keep / Delete for that account', async () => {
    const created: CubeStatus = {
      state: 'confirm-new',
      endpoint: ENDPOINT,
      builtInApp: true,
      phoneSignIn: true,
      user: { id: 91 },
      phone: '+1 415 555 0199',
      needsSignIn: false,
    };
    const fake = open(created, {
      cubeConfirmNew: () => makeStatus({ cube: cubeSignedOut(true, ENDPOINT, true) }),
    });
    await expect
      .element(card().getByRole('alert'))
      .toHaveTextContent(
        'A new account was created for +1 415 555 0199: no account used this number, so ConnectyCube just created one. Nothing is uploaded until you choose.',
      );
    expect(buttonTexts(card())).toEqual(['Delete it', 'Keep it']);
    await userEvent.click(card().getByRole('button', { name: 'Delete it' }));
    await expect.element(phoneButton()).toBeVisible();
    expect(requests(fake)).toEqual([{ cubeConfirmNew: { keep: false, userId: 91 } }]);
  });

  it('a phone account whose session ended signs in again by phone, never with a password', async () => {
    open(byPhone({ staySignedIn: false, needsSignIn: true, user: { id: 90 } }));
    await expect.element(card().getByText(`Signed in as ${PHONE} (user ID 90)`)).toBeVisible();
    await expect
      .element(card().getByText('Your ConnectyCube session ended. Sign in again to keep syncing.'))
      .toBeVisible();
    await expect.element(phoneButton()).toBeVisible();
    expect(card().getByLabelText('Password').elements()).toHaveLength(0);
  });

  it('a login account whose session ended signs in again with its login, even with phone sign-in offered', async () => {
    open({
      state: 'signed-in',
      endpoint: ENDPOINT,
      builtInApp: true,
      phoneSignIn: true,
      user: { id: 81, fullName: 'Ada Tester', login: 'ada' },
      staySignedIn: false,
      needsSignIn: true,
    });
    await expect.element(card().getByLabelText('Login or email')).toHaveValue('ada');
    await expect.element(card().getByLabelText('Password')).toBeVisible();
    expect(phoneButton().elements()).toHaveLength(0);
  });
});
