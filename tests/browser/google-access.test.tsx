import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { OptionsApp } from '@/components/OptionsApp';
import { cleanup, makeStatus, mount, trackedApi as api } from './fake-api.ts';

afterEach(cleanup);

describe('access Google may still grant after a disconnect', () => {
  it.each([
    [{ email: 'ana@example.com' }, /to the contacts of ana@example\.com/],
    // After "Forget everything" the email is forgotten too.
    [{}, /to your contacts/],
  ])('says so and links Google’s permissions page (%o)', async (accessLeft, text) => {
    mount(<OptionsApp api={api(makeStatus({ google: { connected: false, accessLeft } }))} />);
    const card = page.getByRole('region', { name: 'Google account' });
    await expect.element(card.getByText(text)).toBeVisible();
    await expect
      .element(card.getByText(/Google could not be told to withdraw Cube Contacts' access/))
      .toBeVisible();
    const link = card.getByRole('link', {
      name: 'Google Account permissions (opens in a new tab)',
    });
    await expect.element(link).toHaveAttribute('href', 'https://myaccount.google.com/permissions');
    await expect.element(link).toHaveAttribute('target', '_blank');
    await expect.element(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('says nothing when the access was withdrawn', async () => {
    mount(<OptionsApp api={api(makeStatus({ google: { connected: false } }))} />);
    const card = page.getByRole('region', { name: 'Google account' });
    await expect.element(card.getByRole('button', { name: 'Connect Google' })).toBeVisible();
    await expect.element(card.getByText(/could not be told/)).not.toBeInTheDocument();
    await expect.element(card.getByRole('link')).not.toBeInTheDocument();
  });
});
