import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ConsentCard } from '@/components/ConsentCard';
import { SettingsCard } from '@/components/SettingsCard';
import type { ConsentStatus } from '@/lib/messaging/protocol';
import type { UserSettings } from '@/lib/settings';
import { cleanup, makeStatus, mount, unmountAll } from './fake-api.ts';

afterEach(cleanup);

describe('consent', () => {
  const consent: ConsentStatus = {
    consent: { state: 'needed', changed: false },
    accountName: 'Alice Example',
    phoneCount: 312,
    skippedCount: 0,
    host: 'api.example.com',
    bookMode: 'own',
    sendNames: true,
  };

  /** The card with this state, its button doing nothing. */
  const showConsent = (state: ConsentStatus) =>
    mount(<ConsentCard consent={state} busy={false} error={null} onConsent={() => undefined} />);

  it('says what will be sent, as whom and where, and waits for the click', async () => {
    const onConsent = vi.fn();
    mount(<ConsentCard consent={consent} busy={false} error={null} onConsent={onConsent} />);
    await expect
      .element(
        page.getByText(
          "Upload 312 phone numbers and names as Alice Example to api.example.com, into this browser's own address book.",
        ),
      )
      .toBeVisible();
    await expect.element(page.getByText(/agree again/)).not.toBeInTheDocument();
    expect(onConsent).not.toHaveBeenCalled();
    await userEvent.click(page.getByRole('button', { name: 'Start syncing' }));
    expect(onConsent).toHaveBeenCalledOnce();
  });

  it('asks again, saying why, when the destination changed; names the shared book', async () => {
    showConsent({
      ...consent,
      consent: { state: 'needed', changed: true },
      accountName: 'Bob <b>Other</b>',
      phoneCount: 25000,
      bookMode: 'global',
    });
    const paragraphs = [...document.querySelectorAll('.card p')].map((p) => p.textContent);
    expect(paragraphs.slice(0, 2)).toEqual([
      'What you agreed to changed — another account, app, server or book, or names are to be sent now: agree again before anything is uploaded.',
      'Upload 25,000 phone numbers and names as Bob <b>Other</b> to api.example.com, into the address book shared with the app on your phone.',
    ]);
    // The name is text, never markup.
    expect(document.querySelector('.card b')).toBeNull();
    await expect.element(page.getByRole('button', { name: 'Start syncing' })).toBeEnabled();
  });

  it('names-free: the summary says the numbers go without names, and so does the given state', async () => {
    showConsent({ ...consent, sendNames: false });
    await expect
      .element(
        page.getByText(
          "Upload 312 phone numbers, without names, as Alice Example to api.example.com, into this browser's own address book.",
        ),
      )
      .toBeVisible();
    unmountAll();
    showConsent({ ...consent, sendNames: false, consent: { state: 'given', at: 1 } });
    await expect
      .element(
        page.getByText("Only numbers are uploaded: your contacts' names stay in this browser."),
      )
      .toBeVisible();
  });

  it('asks for both accounts first, and says since when, as whom and where syncing is on', async () => {
    showConsent({ ...consent, consent: { state: 'needs-accounts' } });
    await expect
      .element(
        page.getByText('Connect both accounts first. Nothing is uploaded until you agree here.'),
      )
      .toBeVisible();
    expect(page.getByRole('button', { name: 'Start syncing' }).elements()).toHaveLength(0);
    unmountAll();
    const at = new Date(2026, 0, 15).getTime();
    showConsent({ ...consent, consent: { state: 'given', at } });
    await expect
      .element(
        page.getByText(/^Syncing is on since .*2026, as Alice Example to api\.example\.com\.$/),
      )
      .toBeVisible();
    expect(page.getByRole('button', { name: 'Start syncing' }).elements()).toHaveLength(0);
  });
});

describe('sync settings', () => {
  const settings = makeStatus().settings;

  type Apply = (change: Partial<UserSettings>) => Promise<boolean>;

  /** The card as the options page holds it: what `onChange` stored (resolving true) shows next. */
  function Stored({ onChange }: { onChange: Apply }) {
    const [stored, setStored] = useState(settings);
    return (
      <SettingsCard
        settings={stored}
        language="en-US"
        error={null}
        onChange={async (change) => {
          const ok = await onChange(change);
          if (ok) setStored((s) => ({ ...s, ...change }));
          return ok;
        }}
      />
    );
  }
  const showSettings = (onChange: Apply) => mount(<Stored onChange={onChange} />);

  it('applies an https chat link with {id} or {phone}, or none, once typed, and refuses others', async () => {
    const onChange = vi.fn(async () => true);
    showSettings(onChange);
    const field = page.getByLabelText('Chat link template');
    const invalid = 'Enter an https:// link that contains {id} or {phone}, or leave it empty.';
    for (const bad of [
      'http://chat.example.com/{id}',
      'https://chat.example.com/user',
      'javascript:alert({id})',
      'chat {phone}',
    ]) {
      await userEvent.fill(field, bad);
      await userEvent.keyboard('{Enter}');
      await expect.element(field).toHaveAccessibleDescription(expect.stringContaining(invalid));
      // What was typed stays, to be corrected.
      await expect.element(field).toHaveValue(bad);
    }
    expect(onChange).not.toHaveBeenCalled();

    await userEvent.fill(field, ' https://chat.example.com/u/{phone} ');
    await expect.element(page.getByText(invalid)).not.toBeInTheDocument();
    // Typing alone applies nothing: leaving the field does.
    expect(onChange).not.toHaveBeenCalled();
    await userEvent.tab();
    await expect.element(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    expect(onChange.mock.calls).toEqual([
      [{ chatLinkTemplate: 'https://chat.example.com/u/{phone}' }],
    ]);

    await userEvent.fill(field, '');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => onChange.mock.calls.length).toBe(2);
    expect(onChange).toHaveBeenLastCalledWith({ chatLinkTemplate: '' });
  });

  it('applies each setting as it changes, without a Save button, warning about the shared book', async () => {
    const onChange = vi.fn(async () => true);
    showSettings(onChange);
    expect(page.getByRole('button').elements()).toHaveLength(0);
    await userEvent.selectOptions(page.getByLabelText('Sync every'), '1 hour');
    await expect.element(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
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
    const names = page.getByRole('checkbox', { name: 'Send names to the server' });
    await expect.element(names).toBeChecked();
    await expect.element(names).toHaveAccessibleDescription(/never leave this browser/);
    await userEvent.click(names);
    await expect.element(names).not.toBeChecked();
    expect(onChange.mock.calls).toEqual([
      [{ intervalMinutes: 60 }],
      [{ bookMode: 'global' }],
      [{ defaultCountry: 'UA' }],
      [{ phoneFormat: 'e164' }],
      [{ notifications: false }],
      [{ sendNames: false }],
    ]);
  });

  it('a change the background refused goes back to what is stored', async () => {
    let answer: (stored: boolean) => void = () => undefined;
    showSettings(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const shared = page.getByRole('radio', { name: 'The address book shared with your phone' });
    await userEvent.click(shared);
    // Shown as chosen while it is applied.
    await expect.element(shared).toBeChecked();
    answer(false);
    await expect
      .element(page.getByRole('radio', { name: "This browser's own address book" }))
      .toBeChecked();
    await expect.element(page.getByText('Saved.')).not.toBeInTheDocument();
  });
});
