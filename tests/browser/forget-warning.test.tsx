import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { OptionsApp } from '@/components/OptionsApp';
import type { Status } from '@/lib/messaging/protocol';
import {
  buttonTexts,
  cleanup,
  cubeSignedOut,
  makeStatus,
  mount,
  trackedApi as api,
} from './fake-api.ts';

afterEach(cleanup);

/** Opens the "Forget everything" question; returns its text and its buttons. */
async function forgetQuestion(status: Status) {
  mount(<OptionsApp api={api(status)} />);
  await userEvent.click(page.getByRole('button', { name: 'Forget everything on this device' }));
  const question = page.getByRole('group', { name: 'Forget everything on this device' });
  await expect.element(question).toBeVisible();
  return {
    // The question itself, without its buttons.
    text: question.element().querySelector('p')?.textContent,
    buttons: buttonTexts(question),
  };
}

describe('"Forget everything" warns of entries it leaves on the server for good', () => {
  it('signed out: counts what this browser uploaded, which cannot be removed from here', async () => {
    const { text, buttons } = await forgetQuestion(
      makeStatus({ cube: cubeSignedOut(), serverEntryCount: 42, otherAccountsEntryCount: 7 }),
    );
    expect(text).toContain(
      'This signs you out and deletes everything Cube Contacts stored in this browser.',
    );
    expect(text).toContain(
      '49 entries uploaded from this browser are still on the server, in accounts not signed in here.',
    );
    expect(text).toContain('sign in and remove them first');
    // Nothing can be removed while signed out: no "Remove from the server first".
    expect(buttons).toEqual(['Yes, forget everything', 'Cancel']);
  });

  it('signed in: the other accounts’ entries besides this one’s', async () => {
    const { text, buttons } = await forgetQuestion(
      makeStatus({ serverEntryCount: 42, otherAccountsEntryCount: 7 }),
    );
    expect(text).toContain(
      'Your address book on the server still holds 42 entries uploaded from this browser.',
    );
    expect(text).toContain(
      "7 entries uploaded from this browser are still in other ConnectyCube accounts' address books.",
    );
    expect(buttons).toEqual(['Remove from the server first', 'Forget anyway', 'Cancel']);
  });

  it('signed in with nothing in this account: warns of the others alone', async () => {
    const { text, buttons } = await forgetQuestion(
      makeStatus({ serverEntryCount: 0, otherAccountsEntryCount: 7 }),
    );
    expect(text).toContain('7 entries uploaded from this browser are still in other');
    expect(text).not.toContain('Your address book on the server still holds');
    expect(buttons).toEqual(['Yes, forget everything', 'Cancel']);
  });

  it('signed out with nothing left anywhere: asks plainly', async () => {
    const { text } = await forgetQuestion(
      makeStatus({ cube: cubeSignedOut(), serverEntryCount: 0, otherAccountsEntryCount: 0 }),
    );
    expect(text).toBe(
      'This signs you out and deletes everything Cube Contacts stored in this browser.',
    );
  });
});
