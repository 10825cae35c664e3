// The names-free mode against the real engine and clients over the in-process sandbox: with
// "Send names to the server" off, no contact name leaves the browser, switching re-sends exactly the
// entries the extension owns, and the user still sees their own names.
import { describe, expect, it } from 'vitest';
import { generatePeople } from '../../sandbox/index.ts';
import { engineWorld } from './engine-world.ts';

type World = Awaited<ReturnType<typeof engineWorld>>;

/** The contacts of every address-book upload since the log was cleared. */
const sent = (w: World) =>
  w.cube.log.entries
    .filter((e) => e.method === 'POST' && e.path === '/address_book')
    .flatMap((e) => (e.body as { contacts: { phone: string; name?: string }[] }).contacts);

/** Every name of the Google contacts, as the user knows them. */
const localNames = async (w: World) => new Set((await w.db.entries.toArray()).map((e) => e.name));

describe('names-free mode', () => {
  it('uploads each number under itself: the server book holds no name of the user', async () => {
    const w = await engineWorld({ people: generatePeople(40, 3) });
    w.settings.sendNames = false;
    expect((await w.engine.run('manual')).status).toBe('ok');
    const book = w.serverBook();
    expect(book.size).toBe((await w.wanted()).size);
    for (const [phone, name] of book) expect(name).toBe(phone);
    const names = await localNames(w);
    expect(sent(w).some((c) => c.name !== undefined && names.has(c.name))).toBe(false);
    // Nothing changed: nothing is sent again.
    w.cube.log.clear();
    expect((await w.engine.run('manual')).status).toBe('ok');
    expect(sent(w)).toEqual([]);
  });

  it('a registered contact still shows the name the user gave them', async () => {
    const w = await engineWorld({ people: generatePeople(20, 4) });
    w.settings.sendNames = false;
    expect((await w.engine.run('manual')).status).toBe('ok');
    const [phone, name] = [...(await w.wanted())][0]!;
    w.clock.advance(60_000);
    const user = w.cube.registerUser({ login: 'amy', password: 'amy-pass-1', phone });
    expect((await w.engine.run('manual')).status).toBe('ok');
    const row = await w.db.registered.get(user.id);
    expect(row?.addressBookName).toBe(name);
    expect(row?.joinedAt).toBeDefined();
  });

  it('switching off re-sends exactly the owned entries, once; switching on restores the names', async () => {
    const w = await engineWorld({ people: generatePeople(30, 5) });
    expect((await w.engine.run('manual')).status).toBe('ok');
    const wanted = await w.wanted();
    w.cube.log.clear();
    w.settings.sendNames = false;
    expect((await w.engine.run('settings')).status).toBe('ok');
    const off = sent(w);
    expect(off.map((c) => c.phone).sort()).toEqual([...wanted.keys()].sort());
    expect(off.every((c) => c.name === c.phone)).toBe(true);
    w.cube.log.clear();
    expect((await w.engine.run('manual')).status).toBe('ok');
    expect(sent(w)).toEqual([]);
    w.settings.sendNames = true;
    expect((await w.engine.run('settings')).status).toBe('ok');
    expect(sent(w)).toHaveLength(wanted.size);
    expect([...w.serverBook()].sort()).toEqual([...wanted].sort());
  });

  it('a switch stopped half-way, then switched back: no name is left on the server', async () => {
    const w = await engineWorld({ people: generatePeople(30, 7), batchSize: 10 });
    w.settings.sendNames = false;
    expect((await w.engine.run('manual')).status).toBe('ok');
    // Names on: the first batch is renamed, the second is refused, the run fails half-way.
    w.settings.sendNames = true;
    w.cube.injectFault(
      '/address_book',
      [
        { kind: 'delay', ms: 0 },
        { kind: 'status', status: 400 },
      ],
      'POST',
    );
    expect((await w.engine.run('settings')).status).toBe('failed');
    const names = await localNames(w);
    expect([...w.serverBook().values()].filter((name) => names.has(name))).toHaveLength(10);
    // Off again before any upload completed: the renamed ten go back to numbers.
    w.cube.faults.clear();
    w.settings.sendNames = false;
    expect((await w.engine.run('settings')).status).toBe('ok');
    for (const [phone, name] of w.serverBook()) expect(name).toBe(phone);
  });

  it('a batch in doubt from before the switch goes again without its names', async () => {
    const w = await engineWorld({ people: generatePeople(10, 6) });
    w.settings.sendNames = false;
    const [phone, name] = ['12125550199', 'Sent Before The Switch'];
    await w.db.inflight.put({
      id: 'lost-answer',
      book: 'this-browser',
      force: false,
      contacts: [{ phone, name }],
      createdAt: w.clock.now(),
    });
    expect((await w.engine.run('manual')).status).toBe('ok');
    expect(sent(w).some((c) => c.name === name)).toBe(false);
    expect(sent(w)).toContainEqual({ phone, name: phone });
  });
});
