import { describe, expect, it } from 'vitest';
import { getMeta, setMeta } from '@/lib/db/meta';
import { engineWorld } from './engine-world.ts';

const ALICE = { displayName: 'Alice Home', phones: ['+12125550101'] };
const BOB = { displayName: 'Bob Work', phones: ['+12125550102'] };

const CONNECTIONS = '/v1/people/me/connections';

describe('the engine imports onto one Google account’s contacts only', () => {
  it('a run for another account starts from nothing: no token of the first one is sent', async () => {
    const w = await engineWorld({ people: [ALICE] });
    expect((await w.engine.run('manual')).status).toBe('ok');
    const home = await getMeta(w.db, 'syncToken:contact');
    expect(home).toEqual(expect.any(String));
    // As a worker stopped half-way through a listing of the first account leaves it.
    await setMeta(w.db, 'listing:contact', {
      mode: 'incremental',
      listingId: 'stopped',
      syncToken: home,
      pageToken: 'a-page-of-the-home-account',
      pages: 1,
    });
    // Another account is connected with no background in between (the engine alone sees it).
    w.connectGoogle('ana@work.example');
    w.google.addPerson(BOB);
    const from = w.google.log.entries.length;
    expect((await w.engine.run('manual')).status).toBe('ok');
    const listings = w.google.log.entries.slice(from).filter((e) => e.path === CONNECTIONS);
    expect(listings.map((e) => [e.status, e.query.syncToken, e.query.pageToken])).toEqual([
      [200, undefined, undefined],
    ]);
    expect((await w.db.people.toArray()).map((p) => p.displayName)).toEqual(['Bob Work']);
    expect([...(await w.wanted()).keys()]).toEqual(['12125550102']);
    // Consented in these settings: the book is the work account's alone.
    expect([...w.serverBook().keys()]).toEqual(['12125550102']);
    expect(await getMeta(w.db, 'peopleAccount')).toBe(w.settings.google);
  });
});
