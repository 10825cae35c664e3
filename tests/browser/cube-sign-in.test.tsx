import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { CubeCard } from '@/components/CubeCard';
import { OptionsApp } from '@/components/OptionsApp';
import { RequestFailed, type CubeStatus, type SignInRequest } from '@/lib/messaging/protocol';
import type { SignInFields } from '@/lib/ui/validate';
import {
  buttonTexts,
  ADA,
  cleanup,
  cubeSignedIn,
  cubeSignedOut,
  ENDPOINT,
  makeStatus,
  mount,
  trackedApi,
  type FakeApi,
} from './fake-api.ts';

afterEach(cleanup);

const LABELS: Record<keyof SignInFields, string> = {
  endpoint: 'API endpoint',
  applicationId: 'Application ID',
  authKey: 'Auth key',
  login: 'Login or email',
  password: 'Password',
};

async function fill(values: Partial<SignInFields>) {
  for (const [field, value] of Object.entries(values)) {
    await userEvent.fill(
      page.getByLabelText(LABELS[field as keyof SignInFields], { exact: true }),
      value,
    );
  }
}

function mountCard(cube: CubeStatus) {
  const onSignIn = vi.fn(async (_request: SignInRequest) => true);
  mount(
    <CubeCard
      cube={cube}
      busy={false}
      signInError={null}
      accountError={null}
      pendingLogin={null}
      onSignIn={onSignIn}
      onSignOut={() => undefined}
      onConfirmNew={() => undefined}
      onCancelPending={() => undefined}
    />,
  );
  return onSignIn;
}

/** The inputs a user can see and type in, by type, in page order. */
function visibleInputs(): string[] {
  return [...document.querySelectorAll('input')]
    .filter((i) => i.checkVisibility())
    .map((i) => i.type);
}

const submit = () => userEvent.click(page.getByRole('button', { name: 'Sign in' }));

describe('ConnectyCube sign-in with the built-in application', () => {
  it('asks only for login and password, stays signed in by default, and sends no app', async () => {
    const onSignIn = mountCard(cubeSignedOut(true));
    expect(visibleInputs()).toEqual(['text', 'password', 'checkbox']);
    const stay = page.getByRole('checkbox', { name: 'Stay signed in on this device' });
    await expect.element(stay).toBeChecked();
    await expect.element(stay).toHaveAccessibleDescription(/Keeps your password on this computer/);
    const advanced = document.querySelector('details');
    expect(advanced?.querySelector('summary')?.textContent).toBe('Advanced');
    expect(advanced?.open).toBe(false);
    await expect.element(page.getByLabelText('Application ID')).not.toBeVisible();

    await submit();
    expect(page.getByText('Required.').elements()).toHaveLength(2);
    await expect.element(page.getByLabelText('Login or email')).toHaveFocus();
    expect(advanced?.open).toBe(false);
    expect(onSignIn).not.toHaveBeenCalled();

    await fill({ login: ' ada ', password: ' secret' });
    await submit();
    await expect.poll(() => onSignIn.mock.calls.length).toBe(1);
    expect(onSignIn.mock.calls[0]?.[0]).toStrictEqual({
      login: 'ada',
      password: ' secret',
      staySignedIn: true,
    });
  });

  it('sends the application given under Advanced, both its id and key or neither', async () => {
    const onSignIn = mountCard(cubeSignedOut(true));
    await userEvent.click(page.getByText('Advanced', { exact: true }));
    await expect.element(page.getByLabelText('API endpoint')).toHaveValue(ENDPOINT);
    await fill({ login: 'ada', password: 'secret', applicationId: '42' });
    // Closed again: the missing half still has to be found.
    await userEvent.click(page.getByText('Advanced', { exact: true }));
    await submit();
    const both =
      'With another application or server, enter both the Application ID and the Auth key.';
    await expect.element(page.getByLabelText('Auth key')).toHaveAccessibleDescription(both);
    await expect.element(page.getByLabelText('Auth key')).toHaveFocus();
    expect(document.querySelector('details')?.open).toBe(true);
    expect(onSignIn).not.toHaveBeenCalled();

    await fill({ authKey: 'key', endpoint: 'http://cube.example.org' });
    await submit();
    await expect
      .element(page.getByLabelText('API endpoint'))
      .toHaveAccessibleDescription(/Use an https:\/\/ address/);
    expect(onSignIn).not.toHaveBeenCalled();

    await fill({ endpoint: ' https://cube.example.org ' });
    await submit();
    await expect.poll(() => onSignIn.mock.calls.length).toBe(1);
    expect(onSignIn.mock.calls[0]?.[0]).toStrictEqual({
      login: 'ada',
      password: 'secret',
      staySignedIn: true,
      app: { endpoint: 'https://cube.example.org', applicationId: '42', authKey: 'key' },
    });
  });

  it('sends staySignedIn false when unticked', async () => {
    const onSignIn = mountCard(cubeSignedOut(true));
    await fill({ login: 'ada', password: 'secret' });
    await userEvent.click(page.getByRole('checkbox', { name: 'Stay signed in on this device' }));
    await submit();
    await expect.poll(() => onSignIn.mock.calls.length).toBe(1);
    expect(onSignIn.mock.calls[0]?.[0]).toStrictEqual({
      login: 'ada',
      password: 'secret',
      staySignedIn: false,
    });
  });
});

describe('ConnectyCube sign-in without a built-in application', () => {
  const cube = cubeSignedOut(false, 'https://api.connectycube.com');

  it('shows all five fields, says which are missing, and sends nothing', async () => {
    const onSignIn = mountCard(cube);
    expect(visibleInputs()).toEqual(['url', 'text', 'text', 'text', 'password', 'checkbox']);
    expect(document.querySelector('details')).toBeNull();
    await expect
      .element(page.getByLabelText('API endpoint'))
      .toHaveValue('https://api.connectycube.com');
    await userEvent.clear(page.getByLabelText('API endpoint'));
    await submit();
    await expect
      .element(page.getByLabelText('Application ID'))
      .toHaveAccessibleDescription('Required.');
    expect(page.getByText('Required.').elements()).toHaveLength(5);
    await expect.element(page.getByLabelText('API endpoint')).toHaveFocus();
    expect(onSignIn).not.toHaveBeenCalled();
  });

  it('refuses plain http except on loopback, and always sends the app', async () => {
    const onSignIn = mountCard(cube);
    await fill({
      endpoint: 'http://example.com',
      applicationId: '42',
      authKey: 'key',
      login: 'ada',
      password: 'secret',
    });
    await submit();
    await expect
      .element(page.getByLabelText('API endpoint'))
      .toHaveAccessibleDescription(
        'Use an https:// address. Plain http is only allowed for 127.0.0.1 and localhost.',
      );
    await fill({ endpoint: 'not a url' });
    await expect
      .element(page.getByText('Enter a full address, such as https://api.connectycube.com.'))
      .toBeVisible();
    expect(onSignIn).not.toHaveBeenCalled();

    await fill({ endpoint: 'http://127.0.0.1:8080' });
    await submit();
    await expect.poll(() => onSignIn.mock.calls.length).toBe(1);
    expect(onSignIn.mock.calls[0]?.[0]).toStrictEqual({
      login: 'ada',
      password: 'secret',
      staySignedIn: true,
      app: { endpoint: 'http://127.0.0.1:8080', applicationId: '42', authKey: 'key' },
    });
  });
});

describe('ConnectyCube account in the options page', () => {
  it("shows the server's error, and never shows the password back", async () => {
    let fail = true;
    const fake = trackedApi(makeStatus({ cube: cubeSignedOut(true) }), {
      cubeSignIn: () => {
        if (fail) throw new RequestFailed('cube-refused', 'Unauthorized');
        return makeStatus();
      },
    });
    mount(<OptionsApp api={fake} />);
    await fill({ login: 'ada@example.com', password: 'wrong' });
    await submit();
    await expect.element(page.getByRole('alert')).toHaveTextContent('Sign-in failed: Unauthorized');
    await expect.element(page.getByLabelText('Password')).toHaveValue('wrong');

    fail = false;
    await submit();
    await expect.element(page.getByText('Signed in as Ada Tester (user ID 81)')).toBeVisible();
    expect(document.querySelector('input[type=password]')).toBeNull();
    expect(document.body.textContent).not.toContain('wrong');
    expect(fake.sent.filter((s) => s.type === 'cubeSignIn').map((s) => s.request)).toEqual([
      { login: 'ada@example.com', password: 'wrong', staySignedIn: true },
      { login: 'ada@example.com', password: 'wrong', staySignedIn: true },
    ]);
  });

  it('asks to sign in again when the session ended, with the login filled in', async () => {
    const fake = trackedApi(makeStatus({ cube: cubeSignedIn({ needsSignIn: true }) }), {
      cubeSignIn: () => makeStatus(),
    });
    mount(<OptionsApp api={fake} />);
    const card = page.getByRole('region', { name: 'ConnectyCube account' });
    await expect
      .element(card.getByText('Your ConnectyCube session ended. Sign in again to keep syncing.'))
      .toBeVisible();
    await expect.element(card.getByText('Signed in as Ada Tester (user ID 81)')).toBeVisible();
    await expect.element(card.getByLabelText('Login or email')).toHaveValue('ada');
    await fill({ password: 'secret' });
    await submit();
    await expect.element(card.getByText(/session ended/)).not.toBeInTheDocument();
    await expect.element(card.getByLabelText('Password')).not.toBeInTheDocument();
    expect(fake.sent.find((s) => s.type === 'cubeSignIn')?.request).toEqual({
      login: 'ada',
      password: 'secret',
      staySignedIn: true,
    });
  });

  it.each([
    [true, 'Keep it', 'Signed in as Ada Tester (user ID 81)'],
    [false, 'Delete it', 'Login or email'],
  ])(
    'offers only the choice about an account the sign-in created: keep %s',
    async (keep, button, after) => {
      const confirm: CubeStatus = {
        state: 'confirm-new',
        endpoint: ENDPOINT,
        builtInApp: true,
        phoneSignIn: false,
        user: { ...ADA, login: 'ada <new>' },
        needsSignIn: false,
      };
      const fake = trackedApi(makeStatus({ cube: confirm }), {
        cubeConfirmNew: ({ keep }) => makeStatus({ cube: keep ? cubeSignedIn() : cubeSignedOut() }),
      });
      mount(<OptionsApp api={fake} />);
      const card = page.getByRole('region', { name: 'ConnectyCube account' });
      await expect
        .element(card.getByRole('alert'))
        .toHaveTextContent(
          'No account with the login “ada <new>” existed, so ConnectyCube just created one. Nothing is uploaded until you choose.',
        );
      expect(buttonTexts(card)).toEqual(['Delete it', 'Keep it']);
      expect(card.getByLabelText('Password').elements()).toHaveLength(0);

      await userEvent.click(card.getByRole('button', { name: button }));
      await expect.element(card.getByText(after, { exact: true })).toBeVisible();
      // The answer names the account the page showed.
      expect(fake.sent.filter((s) => s.type === 'cubeConfirmNew').map((s) => s.request)).toEqual([
        { keep, userId: 81 },
      ]);
    },
  );

  /** The account a mistyped login created, as the background reports it. */
  const created = (needsSignIn = false): CubeStatus => ({
    state: 'confirm-new',
    endpoint: ENDPOINT,
    builtInApp: true,
    phoneSignIn: false,
    user: { id: 90, login: 'ownr' },
    needsSignIn,
  });
  const requests = (fake: FakeApi) =>
    fake.sent.filter((s) => s.type !== 'status').map((s) => ({ [s.type]: s.request }));

  it('a stale "Delete it" refused by the background: says why, and shows the account as it is', async () => {
    const changed =
      'Nothing was deleted or kept: that account is no longer the one waiting for your choice (it changed in another tab or window). This page now shows the current account.';
    // Another tab deleted it and signed in to the real account meanwhile.
    let now = created();
    const fake = trackedApi(makeStatus(), {
      status: () => makeStatus({ cube: now }),
      cubeConfirmNew: () => {
        now = cubeSignedIn();
        throw new RequestFailed('cube-changed', changed);
      },
    });
    mount(<OptionsApp api={fake} />);
    const card = page.getByRole('region', { name: 'ConnectyCube account' });
    await userEvent.click(card.getByRole('button', { name: 'Delete it' }));
    await expect.element(card.getByText('Signed in as Ada Tester (user ID 81)')).toBeVisible();
    await expect.element(card.getByRole('alert')).toHaveTextContent(`Failed: ${changed}`);
    expect(requests(fake)).toEqual([{ cubeConfirmNew: { keep: false, userId: 90 } }]);
  });

  it('a sign-in while an account a sign-in created waits: asks about it first, then signs in', async () => {
    // The page still shows the form; another tab's sign-in created "ownr" meanwhile.
    let now = cubeSignedOut();
    const fake = trackedApi(makeStatus(), {
      status: () => makeStatus({ cube: now }),
      cubeSignIn: ({ login }) => {
        if (now.state === 'confirm-new') {
          throw new RequestFailed(
            'cube-unconfirmed',
            'An earlier sign-in created the new account “ownr”…',
          );
        }
        now = {
          state: 'signed-in',
          endpoint: ENDPOINT,
          builtInApp: true,
          phoneSignIn: false,
          user: { id: 82, fullName: 'Bob', login },
          staySignedIn: true,
          needsSignIn: false,
        };
        return makeStatus({ cube: now });
      },
      cubeConfirmNew: () => {
        now = cubeSignedOut();
        return makeStatus({ cube: now });
      },
    });
    mount(<OptionsApp api={fake} />);
    const card = page.getByRole('region', { name: 'ConnectyCube account' });
    await fill({ login: 'bob', password: 'bob-pass' });
    now = created();
    await submit();
    await expect
      .element(card.getByRole('alert'))
      .toHaveTextContent(
        'No account with the login “ownr” existed, so ConnectyCube just created one. Nothing is uploaded until you choose.' +
          'Choose first what happens to this account; your sign-in as “bob” continues after that.',
      );
    expect(buttonTexts(card)).toEqual(['Cancel the sign-in', 'Delete it', 'Keep it']);
    // The refusal was a question, not a failed sign-in.
    expect(document.body.textContent).not.toContain('Sign-in failed');

    await userEvent.click(card.getByRole('button', { name: 'Delete it' }));
    await expect.element(card.getByText('Signed in as Bob (user ID 82)')).toBeVisible();
    const bob = { login: 'bob', password: 'bob-pass', staySignedIn: true };
    expect(requests(fake)).toEqual([
      { cubeSignIn: bob },
      { cubeConfirmNew: { keep: false, userId: 90 } },
      { cubeSignIn: bob },
    ]);
  });

  it('"Cancel the sign-in" leaves only the question about the account', async () => {
    let now = cubeSignedOut();
    const fake = trackedApi(makeStatus(), {
      status: () => makeStatus({ cube: now }),
      cubeSignIn: () => {
        now = created();
        throw new RequestFailed('cube-unconfirmed', 'first');
      },
    });
    mount(<OptionsApp api={fake} />);
    const card = page.getByRole('region', { name: 'ConnectyCube account' });
    await fill({ login: 'bob', password: 'bob-pass' });
    await submit();
    await userEvent.click(card.getByRole('button', { name: 'Cancel the sign-in' }));
    await expect.element(card.getByText(/your sign-in as/)).not.toBeInTheDocument();
    expect(buttonTexts(card)).toEqual(['Delete it', 'Keep it']);
    expect(requests(fake)).toEqual([
      { cubeSignIn: { login: 'bob', password: 'bob-pass', staySignedIn: true } },
    ]);
  });

  it('an account a sign-in created whose session is gone: signs in to it again to delete it', async () => {
    const fake = trackedApi(makeStatus({ cube: created(true) }), {
      cubeSignIn: () => makeStatus({ cube: created() }),
    });
    mount(<OptionsApp api={fake} />);
    const card = page.getByRole('region', { name: 'ConnectyCube account' });
    await expect
      .element(card.getByText(/deleting it takes its password: sign in to it again below/))
      .toBeVisible();
    // Deleting needs a session: only "Keep it" until then.
    expect(buttonTexts(card)).toEqual(['Keep it', 'Sign in']);
    await expect.element(card.getByLabelText('Login or email')).toHaveValue('ownr');
    await fill({ password: 'pw' });
    await submit();
    await expect.element(card.getByRole('button', { name: 'Delete it' })).toBeVisible();
    expect(requests(fake)).toEqual([
      { cubeSignIn: { login: 'ownr', password: 'pw', staySignedIn: true } },
    ]);
  });
});
