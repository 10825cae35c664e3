// "Check and repair" against the real engine and clients over the in-process sandbox: the book is
// changed behind the extension's back, and one repair run sends the fewest contacts, never a force.
import { describe, expect, it } from 'vitest';
import { generatePeople } from '../../sandbox/index.ts';
import { engineWorld, UDID } from './engine-world.ts';

type World = Awaited<ReturnType<typeof engineWorld>>;

/** The address-book uploads since the log was cleared, as their contacts and force flag. */
const posts = (w: World) =>
  w.cube.log.entries
    .filter((e) => e.method === 'POST' && e.path === '/address_book')
    .map((e) => e.body as { force?: number; contacts: { phone: string; destroy?: number }[] });

describe('check and repair', () => {
  it('own book: 2 deleted, 1 renamed, 1 added behind its back -> 4 contacts sent, no force', async () => {
    const w = await engineWorld({ people: generatePeople(30, 9) });
    expect((await w.engine.run('manual')).status).toBe('ok');
    const [a, b, c] = [...(await w.wanted()).keys()];
    w.cube.upload(
      w.owner.id,
      [
        { phone: a!, destroy: 1 },
        { phone: b!, destroy: 1 },
        { phone: c!, name: 'Renamed Elsewhere' },
        { phone: '19995550123', name: 'Never Sent' },
      ],
      { udid: UDID },
    );
    w.cube.log.clear();
    const outcome = await w.engine.run('repair', undefined, 'repair');
    expect(outcome).toMatchObject({
      status: 'ok',
      counts: { drift: { missing: 2, renamed: 1, extra: 1 } },
    });
    const sent = posts(w);
    expect(sent.every((p) => p.force === undefined)).toBe(true);
    expect(
      sent
        .flatMap((p) => p.contacts)
        .map((c) => c.phone)
        .sort(),
    ).toEqual([a, b, c, '19995550123'].sort());
    expect([...w.serverBook()].sort()).toEqual([...(await w.wanted())].sort());
    // A second check finds nothing and sends nothing.
    w.cube.log.clear();
    expect(await w.engine.run('repair', undefined, 'repair')).toMatchObject({
      status: 'ok',
      counts: { drift: { missing: 0, renamed: 0, extra: 0 } },
    });
    expect(posts(w)).toEqual([]);
  });

  it('shared book: an entry the extension did not create is never touched', async () => {
    const w = await engineWorld({ people: generatePeople(30, 9) });
    w.settings.bookMode = 'global';
    expect((await w.engine.run('manual')).status).toBe('ok');
    const [a] = [...(await w.wanted()).keys()];
    w.cube.upload(
      w.owner.id,
      [
        { phone: a!, destroy: 1 },
        { phone: '19995550124', name: 'The phone app put me here' },
      ],
      {},
    );
    w.cube.log.clear();
    expect(await w.engine.run('repair', undefined, 'repair')).toMatchObject({
      status: 'ok',
      counts: { drift: { missing: 1, renamed: 0, extra: 0 } },
    });
    expect(
      posts(w)
        .flatMap((p) => p.contacts)
        .map((c) => c.phone),
    ).toEqual([a]);
    const global = new Map(w.cube.book(w.owner.id).map((e) => [e.phone, e.name]));
    expect(global.get('19995550124')).toBe('The phone app put me here');
    for (const [phone, name] of await w.wanted()) expect(global.get(phone)).toBe(name);
  });

  it.each([
    ['names sent', true],
    ['names-free', false],
  ])(
    'shared book, %s: an entry the phone app renamed is adopted as its own, never renamed back',
    async (_title, sendNames) => {
      const w = await engineWorld({ people: generatePeople(30, 9) });
      w.settings.bookMode = 'global';
      w.settings.sendNames = sendNames;
      expect((await w.engine.run('manual')).status).toBe('ok');
      const [a] = [...(await w.wanted()).keys()];
      w.cube.upload(w.owner.id, [{ phone: a!, name: 'Mom (phone app)' }], {});
      w.cube.log.clear();
      expect(await w.engine.run('repair', undefined, 'repair')).toMatchObject({
        status: 'ok',
        counts: { drift: { missing: 0, renamed: 1, extra: 0 } },
      });
      expect(posts(w).flatMap((p) => p.contacts)).toEqual([]);
      const global = () => new Map(w.cube.book(w.owner.id).map((e) => [e.phone, e.name]));
      expect(global().get(a!)).toBe('Mom (phone app)');
      expect(await w.db.acked.get(a!)).toMatchObject({ name: 'Mom (phone app)', state: 'adopted' });
      // Neither the next sync nor the next check renames it back.
      w.cube.log.clear();
      expect((await w.engine.run('manual')).status).toBe('ok');
      expect(await w.engine.run('repair', undefined, 'repair')).toMatchObject({
        status: 'ok',
        counts: { drift: { missing: 0, renamed: 0, extra: 0 } },
      });
      expect(posts(w)).toEqual([]);
      expect(global().get(a!)).toBe('Mom (phone app)');
    },
  );

  it.each(['', '  '])(
    'own book with udid %j: the run is refused before it reads or writes any book',
    async (udid) => {
      const w = await engineWorld({ people: generatePeople(30, 9) });
      // The phone app's shared book: what an empty udid would name on the server.
      w.cube.upload(w.owner.id, [{ phone: '19995550124', name: 'The phone app put me here' }], {});
      w.settings.udid = udid;
      w.cube.log.clear();
      for (const mode of ['repair', 'sync'] as const) {
        const outcome = await w.engine.run('manual', undefined, mode);
        expect(outcome).toMatchObject({
          status: 'failed',
          error: { kind: 'other', code: 'missing-udid', params: [] },
        });
      }
      expect(w.cube.log.entries.filter((e) => e.path.startsWith('/address_book'))).toEqual([]);
      expect(w.cube.book(w.owner.id)).toEqual([
        { phone: '19995550124', name: 'The phone app put me here' },
      ]);
    },
  );
});
