import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ConsentCard } from '@/components/ConsentCard';
import { CubeCard } from '@/components/CubeCard';
import { OptionsApp } from '@/components/OptionsApp';
import { SettingsCard } from '@/components/SettingsCard';
import type { CubeCredentials } from '@/lib/connectycube/types';
import { RequestFailed } from '@/lib/messaging/protocol';
import { cleanup, makeStatus, mount, trackedApi, unmountAll } from './fake-api.ts';

afterEach(cleanup);

const signedOut = makeStatus().cube;
const cube = { ...signedOut, signedIn: false, endpoint: 'https://api.connectycube.com' };
delete (cube as { user?: unknown }).user;

async function fillCube(values: Partial<CubeCredentials>) {
  const labels: Record<keyof CubeCredentials, string> = {
    endpoint: 'API endpoint',
    applicationId: 'Application ID',
    authKey: 'Auth key',
    login: 'Login or email',
    password: 'Password',
  };
  for (const [field, value] of Object.entries(values)) {
    await userEvent.fill(
      page.getByLabelText(labels[field as keyof CubeCredentials], { exact: true }),
      value,
    );
  }
}

describe('ConnectyCube sign-in', () => {
  it('says which fields are missing and sends nothing', async () => {
    const onSignIn = vi.fn(async () => true);
    mount(
      <CubeCard
        cube={cube}
        needsSignIn={false}
        busy={false}
        signInError={null}
        signOutError={null}
        onSignIn={onSignIn}
        onSignOut={() => undefined}
      />,
    );
    await expect
      .element(page.getByLabelText('API endpoint'))
      .toHaveValue('https://api.connectycube.com');
    await expect.element(page.getByLabelText('Password')).toHaveValue('');
    await userEvent.clear(page.getByLabelText('API endpoint'));
    await userEvent.click(page.getByRole('button', { name: 'Sign in' }));
    await expect
      .element(page.getByLabelText('Application ID'))
      .toHaveAttribute('aria-invalid', 'true');
    await expect
      .element(page.getByLabelText('API endpoint'))
      .toHaveAccessibleDescription('Required.');
    await expect.element(page.getByLabelText('Password')).toHaveAccessibleDescription('Required.');
    expect(page.getByText('Required.').elements()).toHaveLength(5);
    await expect.element(page.getByLabelText('API endpoint')).toHaveFocus();
    expect(onSignIn).not.toHaveBeenCalled();
  });

  it('refuses plain http except on loopback', async () => {
    const onSignIn = vi.fn(async () => true);
    mount(
      <CubeCard
        cube={cube}
        needsSignIn={false}
        busy={false}
        signInError={null}
        signOutError={null}
        onSignIn={onSignIn}
        onSignOut={() => undefined}
      />,
    );
    await fillCube({
      endpoint: 'http://example.com',
      applicationId: '42',
      authKey: 'key',
      login: 'ada',
      password: 'secret',
    });
    await userEvent.click(page.getByRole('button', { name: 'Sign in' }));
    await expect
      .element(page.getByLabelText('API endpoint'))
      .toHaveAccessibleDescription(
        'Use an https:// address. Plain http is only allowed for 127.0.0.1 and localhost.',
      );
    expect(onSignIn).not.toHaveBeenCalled();

    await fillCube({ endpoint: 'not a url' });
    await expect
      .element(page.getByText('Enter a full address, such as https://api.connectycube.com.'))
      .toBeVisible();

    await fillCube({ endpoint: 'http://127.0.0.1:8080' });
    await expect.element(page.getByLabelText('API endpoint')).not.toHaveAttribute('aria-invalid');
    await userEvent.click(page.getByRole('button', { name: 'Sign in' }));
    await expect.poll(() => onSignIn.mock.calls.length).toBe(1);
    expect(onSignIn).toHaveBeenCalledWith({
      endpoint: 'http://127.0.0.1:8080',
      applicationId: '42',
      authKey: 'key',
      login: 'ada',
      password: 'secret',
    });
  });

  it("shows the server's error, and never shows the password back", async () => {
    let fail = true;
    const fake = trackedApi(makeStatus({ cube }), {
      cubeSignIn: () => {
        if (fail) throw new RequestFailed('CubeApiError: Unauthorized');
        return makeStatus({
          cube: { ...cube, signedIn: true, user: { id: 81, full_name: 'Ada Tester' } },
        });
      },
    });
    mount(<OptionsApp api={fake} />);
    await fillCube({
      endpoint: 'https://api.example.com',
      applicationId: '42',
      authKey: 'key',
      login: 'ada@example.com',
      password: 'wrong',
    });
    await userEvent.click(page.getByRole('button', { name: 'Sign in' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('Sign-in failed: Unauthorized');
    await expect.element(page.getByLabelText('Password')).toHaveValue('wrong');

    fail = false;
    await userEvent.click(page.getByRole('button', { name: 'Sign in' }));
    await expect.element(page.getByText('Signed in as Ada Tester (user ID 81)')).toBeVisible();
    await expect.element(page.getByLabelText('Password')).not.toBeInTheDocument();
    expect(document.querySelector('input[type=password]')).toBeNull();
    expect(document.body.textContent).not.toContain('wrong');
  });
});

describe('consent', () => {
  const consent = {
    given: false,
    phoneCount: 312,
    skippedCount: 0,
    host: 'api.example.com',
    bookMode: 'own' as const,
  };

  it('says what will be sent where, and waits for the click', async () => {
    const onConsent = vi.fn();
    mount(<ConsentCard ready consent={consent} busy={false} error={null} onConsent={onConsent} />);
    await expect
      .element(
        page.getByText(
          "312 phone numbers with names, to api.example.com, into this browser's own address book.",
        ),
      )
      .toBeVisible();
    expect(onConsent).not.toHaveBeenCalled();
    await userEvent.click(page.getByRole('button', { name: 'Start syncing' }));
    expect(onConsent).toHaveBeenCalledOnce();
  });

  it('names the shared book, asks for both accounts first, and says since when syncing is on', async () => {
    mount(
      <ConsentCard
        ready
        consent={{ ...consent, phoneCount: 25000, bookMode: 'global' }}
        busy={false}
        error={null}
        onConsent={() => undefined}
      />,
    );
    await expect
      .element(
        page.getByText(
          '25,000 phone numbers with names, to api.example.com, into the address book shared with your phone.',
        ),
      )
      .toBeVisible();
    unmountAll();
    mount(
      <ConsentCard
        ready={false}
        consent={consent}
        busy={false}
        error={null}
        onConsent={() => undefined}
      />,
    );
    await expect
      .element(
        page.getByText('Connect both accounts first. Nothing is uploaded until you agree here.'),
      )
      .toBeVisible();
    expect(page.getByRole('button', { name: 'Start syncing' }).elements()).toHaveLength(0);
    unmountAll();
    const at = new Date(2026, 0, 15).getTime();
    mount(
      <ConsentCard
        ready
        consent={{ ...consent, given: true, at }}
        busy={false}
        error={null}
        onConsent={() => undefined}
      />,
    );
    await expect.element(page.getByText(/^Syncing is on since .*2026/)).toBeVisible();
  });
});

describe('sync settings', () => {
  const settings = makeStatus().settings;

  it('accepts an https chat link with {id} or {phone}, or none, and refuses others', async () => {
    const onSave = vi.fn(async () => true);
    mount(
      <SettingsCard
        settings={settings}
        language="en-US"
        busy={false}
        error={null}
        onSave={onSave}
      />,
    );
    const field = page.getByLabelText('Chat link template');
    const save = page.getByRole('button', { name: 'Save' });
    const invalid = 'Enter an https:// link that contains {id} or {phone}, or leave it empty.';
    for (const bad of [
      'http://chat.example.com/{id}',
      'https://chat.example.com/user',
      'javascript:alert({id})',
      'chat {phone}',
    ]) {
      await userEvent.fill(field, bad);
      await userEvent.click(save);
      await expect.element(field).toHaveAccessibleDescription(expect.stringContaining(invalid));
    }
    expect(onSave).not.toHaveBeenCalled();

    await userEvent.fill(field, 'https://chat.example.com/u/{phone}');
    await expect.element(page.getByText(invalid)).not.toBeInTheDocument();
    await userEvent.click(save);
    await expect.element(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    expect(onSave).toHaveBeenLastCalledWith(
      expect.objectContaining({ chatLinkTemplate: 'https://chat.example.com/u/{phone}' }),
    );

    await userEvent.fill(field, '');
    await userEvent.click(save);
    await expect.poll(() => onSave.mock.calls.length).toBe(2);
    expect(onSave).toHaveBeenLastCalledWith(expect.objectContaining({ chatLinkTemplate: '' }));
  });

  it('saves the interval, book, country, format and notifications, warning about the shared book', async () => {
    const onSave = vi.fn(async () => true);
    mount(
      <SettingsCard
        settings={settings}
        language="en-US"
        busy={false}
        error={null}
        onSave={onSave}
      />,
    );
    await userEvent.selectOptions(page.getByLabelText('Sync every'), '1 hour');
    await userEvent.click(
      page.getByRole('radio', { name: 'The address book shared with your phone' }),
    );
    await expect
      .element(page.getByText(/The shared book is the one the app on your phone uploads to/))
      .toBeVisible();
    await userEvent.selectOptions(
      page.getByLabelText('Default country for numbers without a country code'),
      'UA',
    );
    await userEvent.click(page.getByRole('radio', { name: 'E.164 (+380665787842)' }));
    await userEvent.click(page.getByRole('checkbox', { name: 'Notify me when a contact joins' }));
    await userEvent.click(page.getByRole('button', { name: 'Save' }));
    await expect.poll(() => onSave.mock.calls.length).toBe(1);
    expect(onSave).toHaveBeenCalledWith({
      intervalMinutes: 60,
      bookMode: 'global',
      defaultCountry: 'UA',
      phoneFormat: 'e164',
      notifications: false,
      chatLinkTemplate: '',
    });
  });
});
