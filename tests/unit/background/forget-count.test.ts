import { describe, expect, it } from 'vitest';
import type { AckedRow, AckedState } from '@/lib/db/schema';
import { db, service, signInRequest } from './service-harness.ts';

const signIn = (login: string) => signInRequest(login);

const row = (phone: string, state: AckedState, book = 'udid-1'): AckedRow => ({
  phone,
  name: `N ${phone}`,
  book,
  since: 1,
  sentAt: 1,
  state,
});

describe('what "Forget everything" would leave on the server', () => {
  it('counts the entries of other accounts this browser uploaded to, signed in or out', async () => {
    const s = service();
    await s.handle(signIn('alice'));
    // Alice's books: two entries the extension made (one asked to be sent again), one of the phone
    // app's in the shared book (never destroyed), one a forced upload already wiped.
    await db.acked.bulkPut([
      row('12125550101', 'owned'),
      row('12125550102', 'resend', 'global'),
      row('12125550103', 'adopted', 'global'),
      row('12125550104', 'wiped'),
    ]);
    let status = await s.status();
    expect(status.serverEntryCount).toBe(4);
    expect(status.otherAccountsEntryCount).toBe(0);

    // Bob signs in on this browser: Alice's entries are put aside, still on her server books.
    await s.handle(signIn('bob'));
    await db.acked.bulkPut([row('12125550201', 'owned'), row('12125550202', 'owned')]);
    status = await s.status();
    expect(status.serverEntryCount).toBe(2);
    expect(status.otherAccountsEntryCount).toBe(2);

    // Signed out, Bob's are out of reach as well; both counts stay for the warning.
    await s.handle({ type: 'cubeSignOut' });
    status = await s.status();
    expect(status.cube.state).toBe('signed-out');
    expect(status.serverEntryCount).toBe(2);
    expect(status.otherAccountsEntryCount).toBe(2);

    // Back to Alice: hers are the current account's again, Bob's are the others'.
    await s.handle(signIn('alice'));
    status = await s.status();
    expect(status.serverEntryCount).toBe(4);
    expect(status.otherAccountsEntryCount).toBe(2);
  });
});
