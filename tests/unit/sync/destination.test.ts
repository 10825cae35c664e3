import { beforeEach, describe, expect, it } from 'vitest';
import { FRESH_BOOK_STATE, readBookState, updateBookState } from '@/lib/db/book-state';
import { getMeta } from '@/lib/db/meta';
import { CubeDb } from '@/lib/db/schema';
import { bindDestination, destinationKey } from '@/lib/sync/destination';
import { UDID, World } from '../model/world.ts';

let db: CubeDb;
const A = destinationKey('https://api.example.com', '7', 81);
const B = destinationKey('https://api.example.com', '7', 82);

async function believe(phone: string): Promise<void> {
  await db.acked.put({
    phone,
    name: 'N',
    book: 'udid-1',
    since: 1,
    sentAt: 1,
    state: 'owned' as const,
  });
  await db.registered.put({
    userId: Number(phone.slice(-3)),
    phone,
    addressBookName: 'N',
    firstSeenAt: 0,
    notified: 1,
    seen: 1,
  });
  await updateBookState(db, {
    outbox: { kind: 'changed', book: 'udid-1', phones: [] },
    ownBook: 'started',
    namesSent: false,
    checks: 3,
  });
}

beforeEach(() => {
  db = new CubeDb(`destination-${Math.random()}`);
});

describe('what the server holds is believed per account', () => {
  it('an install from before destinations keeps its state for the signed-in account', async () => {
    await believe('12125550101');
    expect(await bindDestination(db, A)).toBe(false);
    expect(await db.acked.count()).toBe(1);
    expect(await getMeta(db, 'destination')).toBe(A);
  });

  it('another account starts from nothing: a complete first upload, a fresh baseline', async () => {
    await bindDestination(db, A);
    await believe('12125550101');
    await db.inflight.put({ id: 'b1', book: 'udid-1', force: false, contacts: [], createdAt: 1 });
    expect(await bindDestination(db, B)).toBe(true);
    expect(await db.acked.count()).toBe(0);
    expect(await db.registered.count()).toBe(0);
    expect(await db.inflight.count()).toBe(0);
    expect(await readBookState(db)).toEqual(FRESH_BOOK_STATE);
  });

  it('coming back to an account takes its state out again, batches in doubt included', async () => {
    await bindDestination(db, A);
    await believe('12125550101');
    await db.inflight.put({ id: 'b1', book: 'udid-1', force: false, contacts: [], createdAt: 1 });
    await bindDestination(db, B);
    await believe('12125550202');
    await bindDestination(db, A);
    expect((await db.acked.toArray()).map((a) => a.phone)).toEqual(['12125550101']);
    expect((await db.inflight.toArray()).map((b) => b.id)).toEqual(['b1']);
    // Its books' state comes back but for the outbox mark: the entries changed meanwhile, so its
    // next upload compares them all.
    expect(await readBookState(db)).toEqual({
      checks: 3,
      ownBook: 'started',
      namesSent: false,
      outbox: { kind: 'everything' },
    });
    expect(await getMeta(db, `belief:${A}`)).toBeUndefined();
    // B's is put aside in turn.
    expect((await getMeta(db, `belief:${B}`))?.acked.map((a) => a.phone)).toEqual(['12125550202']);
    expect(await bindDestination(db, A)).toBe(false);
  });
});

describe('an account signed in again picks up what changed meanwhile', () => {
  // Found in review: the restored mark said the account's book was clean, so changes projected
  // while another account was signed in (noted in that account's mark) never reached this book.
  it('a contact added while another account was signed in is uploaded to the first one', async () => {
    const w = await World.create('destination-return');
    try {
      w.google.addPerson({ givenName: 'Ada', familyName: 'Lovelace', phones: ['+1 212-555-0101'] });
      expect((await w.run()).status).toBe('ok');
      // Another account: Bob is projected while it is signed in, and its uploads fail.
      w.settings = { ...w.settings, destination: 'other-account' };
      expect((await w.run()).status).toBe('ok');
      w.google.addPerson({ givenName: 'Bob', familyName: 'Byte', phones: ['+1 212-555-0102'] });
      w.cube.injectFault(
        '/address_book',
        Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 500 })),
        'POST',
      );
      expect((await w.run()).status).toBe('failed');
      w.settings = { ...w.settings, destination: 'model-owner' };
      expect((await w.run()).status).toBe('ok');
      expect(w.serverBook(UDID)).toEqual(
        new Map([
          ['12125550101', 'Ada Lovelace'],
          ['12125550102', 'Bob Byte'],
        ]),
      );
    } finally {
      await w.dispose();
    }
  });
});
