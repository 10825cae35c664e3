import { describe, expect, it } from 'vitest';
import { getMeta } from '@/lib/db/meta';
import { HOLD_MS, liveService } from './live-service.ts';

const HOME = 'ana@example.com';
const WORK = 'ana@work.example';
const ALICE = { displayName: 'Alice Home', phones: ['+12125550101'] };
const BOB = { displayName: 'Bob Work', phones: ['+12125550102'] };
/** In both accounts, under the same name: its entry is the same in either book. */
const CAROL = { displayName: 'Carol Both', phones: ['+12125550103'] };
const DAVE = { displayName: 'Dave Home', phones: ['+12125550104'] };

type World = Awaited<ReturnType<typeof liveService>>;

const CONNECTIONS = '/v1/people/me/connections';

/** The contacts listings Google answered since `from` (an index into its request log). */
function listings(world: World, from: number) {
  return world.google.log.entries
    .slice(from)
    .filter((entry) => entry.path === CONNECTIONS && entry.status === 200);
}

/** Every contacts listing Google was asked for since `from`, answered or not. */
const asked = (world: World, from: number) =>
  world.google.log.entries.slice(from).filter((entry) => entry.path === CONNECTIONS);

const names = async (world: World) =>
  (await world.db.people.toArray()).map((p) => p.displayName).sort();

/** The home account connected, consent given, its contacts synced to the server. */
async function synced(people = [ALICE, CAROL]) {
  const world = await liveService({ people, account: HOME });
  await world.connectGoogle();
  await world.signIn();
  await world.ask('consent', {});
  await world.idle();
  expect([...(await world.serverBook()).keys()].sort()).toEqual(
    people.flatMap((p) => p.phones.map((phone) => phone.slice(1))).sort(),
  );
  return world;
}

describe('the local contacts are the connected Google account’s', () => {
  it('connecting another account drops the first one’s; its book follows once agreed to', async () => {
    const world = await synced();
    await world.ask('disconnectGoogle', {});
    // Disconnecting alone keeps them (a reconnect of the same account goes on from them).
    expect(await names(world)).toEqual(['Alice Home', 'Carol Both']);

    world.google.setAccountEmail(WORK);
    world.google.addPeople([BOB, CAROL]);
    const from = world.google.log.entries.length;
    await world.connectGoogle();
    await world.idle();

    // Only the work account's contacts are here, listed in full: no sync token of the home
    // account was sent to Google with the work account's token.
    expect(await names(world)).toEqual(['Bob Work', 'Carol Both']);
    expect(asked(world, from).length).toBeGreaterThan(0);
    expect(asked(world, from).map((entry) => entry.query.syncToken)).toEqual(
      asked(world, from).map(() => undefined),
    );
    const status = await world.service.status();
    expect(status.google.contactCount).toBe(2);
    expect(status.consent.phoneCount).toBe(2);
    expect(status.consent.consent).toEqual({ state: 'needed', changed: true });
    // Nothing of the work account is uploaded before consent; the book is still the home one's.
    expect([...(await world.serverBook()).keys()].sort()).toEqual(['12125550101', '12125550103']);

    const sent = world.uploads.length;
    await world.ask('consent', {});
    await world.idle();
    // Exactly the work account's contacts: the home account's own are destroyed, the shared one
    // left as it was.
    expect(await world.serverBook()).toEqual(
      new Map([
        ['12125550102', 'Bob Work'],
        ['12125550103', 'Carol Both'],
      ]),
    );
    expect(world.uploads.slice(sent).flatMap((u) => u.contacts)).toEqual(
      expect.arrayContaining([
        { phone: '12125550102', name: 'Bob Work' },
        { phone: '12125550101', destroy: 1 },
      ]),
    );
    expect(world.uploads.slice(sent).flatMap((u) => u.contacts.map((c) => c.phone))).not.toContain(
      '12125550103',
    );
    expect(await names(world)).toEqual(['Bob Work', 'Carol Both']);
  });

  it('reconnecting the same account keeps its contacts and goes on incrementally', async () => {
    const world = await synced([ALICE]);
    await world.ask('disconnectGoogle', {});
    world.google.addPerson(DAVE);
    const from = world.google.log.entries.length;
    await world.connectGoogle();
    await world.idle();
    expect(await names(world)).toEqual(['Alice Home', 'Dave Home']);
    const after = listings(world, from);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((entry) => entry.query.syncToken !== undefined)).toBe(true);
    expect([...(await world.serverBook()).keys()].sort()).toEqual(['12125550101', '12125550104']);
  });

  it('an account switched while a sync runs: the run stops, and none of the first account’s stay', async () => {
    const world = await synced();
    // The next listing is held at Google while the user connects again and picks the work
    // account (as "Include other contacts" asks to connect again, without disconnecting first).
    world.google.injectFault(CONNECTIONS, [{ kind: 'delay', ms: HOLD_MS }], 'GET');
    const running = world.service.sync('manual');
    await world.hold.held();
    world.google.setAccountEmail(WORK);
    world.google.addPerson(BOB);
    const from = world.google.log.entries.length;
    const connected = world.connectGoogle();
    world.hold.release();
    await connected;
    expect((await running).status).toBe('stopped');
    await world.idle();
    expect(await names(world)).toEqual(['Bob Work']);
    // The held listing (logged once answered) was the home account's own; the work account's
    // was a full one: Google refused nothing, as it would another account's sync token.
    const after = asked(world, from);
    expect(after.map((entry) => entry.status)).toEqual([200, 200]);
    expect(after[1]?.query.syncToken).toBeUndefined();
    expect((await world.service.status()).consent.consent.state).toBe('needed');
    expect([...(await world.serverBook()).keys()].sort()).toEqual(['12125550101', '12125550103']);
  });

  it('contacts imported before their account was recorded are the connected one’s, listed in full once', async () => {
    const world = await synced([ALICE]);
    // As an earlier version left them: no account named.
    await world.db.meta.delete('peopleAccount');
    world.google.addPerson(DAVE);
    const from = world.google.log.entries.length;
    const sent = world.uploads.length;
    expect((await world.service.sync('manual')).status).toBe('ok');
    expect(await names(world)).toEqual(['Alice Home', 'Dave Home']);
    expect(listings(world, from).map((entry) => entry.query.syncToken)).toEqual([undefined]);
    // Only what changed is uploaded: the full listing found Alice as she was.
    expect(world.uploads.slice(sent).flatMap((u) => u.contacts)).toEqual([
      { phone: '12125550104', name: 'Dave Home' },
    ]);
    expect(await getMeta(world.db, 'peopleAccount')).toEqual(expect.stringMatching(/^people\//));
    // From then on incremental again.
    const next = world.google.log.entries.length;
    expect((await world.service.sync('manual')).status).toBe('ok');
    expect(listings(world, next).map((entry) => entry.query.syncToken)).toEqual([
      expect.any(String),
    ]);
  });

  it('…and when they were another account’s, that full listing lets them go', async () => {
    const world = await synced([ALICE]);
    await world.db.meta.delete('peopleAccount');
    await world.ask('disconnectGoogle', {});
    world.google.setAccountEmail(WORK);
    world.google.addPerson(BOB);
    await world.connectGoogle();
    await world.idle();
    expect(await names(world)).toEqual(['Bob Work']);
    await world.ask('consent', {});
    await world.idle();
    expect([...(await world.serverBook()).keys()]).toEqual(['12125550102']);
  });
});
