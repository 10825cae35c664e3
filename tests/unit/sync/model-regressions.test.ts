// Bugs the model-based test (tests/unit/model) found, each replayed as a plain history on the same
// world: the real engine and clients over the in-process sandbox servers.

import { afterEach, describe, expect, it } from 'vitest';
import type { RunOutcome } from '@/lib/sync/engine';
import { GLOBAL_BOOK } from '@/lib/sync/upload';
import { PHONE_APP_ENTRIES, UDID, World } from '../model/world.ts';

const ADA = { givenName: 'Ada', familyName: 'Lovelace', phones: ['+1 212-555-0101'] };
let world: World | undefined;
let worlds = 0;

async function newWorld(): Promise<World> {
  world = await World.create(`regression-${++worlds}`);
  return world;
}

afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

describe('model-based test regressions', () => {
  // Shrunk: addContact(Ada), sync(), loseUploadAnswer(x5), deleteContact(Ada),
  // killDuringSync(step 22, before) — the step being the write that records the failed run.
  it('a run killed while recording its failure resolves as stopped instead of rejecting', async () => {
    const w = await newWorld();
    const ada = w.google.addPerson(ADA);
    expect((await w.run()).status).toBe('ok');
    w.google.deletePerson(ada);
    w.cube.injectFault(
      '/address_book',
      [
        { kind: 'drop-after-apply' },
        ...Array.from({ length: 4 }, () => ({ kind: 'drop' as const })),
      ],
      'POST',
    );
    let uploads = 0;
    const controller = new AbortController();
    w.kill.arm(
      (kind, label) => {
        if (kind === 'fetch' && label === 'POST /address_book') uploads += 1;
        // The client gave up on the upload (5 attempts): this is the failure being recorded.
        return uploads === 5 && label === 'put runs';
      },
      'before',
      controller,
    );
    const outcome: RunOutcome = await w.run(controller.signal);
    w.kill.disarm();
    expect(w.kill.fired).toBe('before db put runs');
    expect(outcome).toEqual({ status: 'stopped' });

    await w.restart();
    const next = await w.run();
    expect(next.status).toBe('ok');
    expect(w.serverBook(UDID)).toEqual(new Map());
    const runs = await w.current.db.runs.toArray();
    expect(runs.map((r) => [r.endedAt !== undefined, r.error?.startsWith('interrupted')])).toEqual([
      [true, undefined],
      [true, true],
      [true, undefined],
    ]);
  });

  // Shrunk: addContact(Ada +1 212-555-0101), sync(), changeSettings({bookMode: 'global'}),
  // killDuringSync(step 1, before) (a restart), then the final sync — Ada's phone is also in the
  // global book, put there by the user's phone app.
  it('switching to the global book empties the own book even for phones the phone app has', async () => {
    const w = await newWorld();
    w.google.addPerson(ADA);
    expect((await w.run()).status).toBe('ok');
    expect(w.serverBook(UDID)).toEqual(new Map([['12125550101', 'Ada Lovelace']]));

    w.settings = { ...w.settings, bookMode: 'global' };
    expect((await w.run()).status).toBe('ok');
    expect(w.serverBook(UDID)).toEqual(new Map());
    // The phone app's entry is adopted as it is, never renamed.
    expect(w.serverBook(GLOBAL_BOOK)).toEqual(
      new Map(PHONE_APP_ENTRIES.map((e) => [e.phone, e.name])),
    );
    expect(await w.current.db.acked.toArray()).toEqual([
      expect.objectContaining({ phone: '12125550101', book: GLOBAL_BOOK, owned: false }),
    ]);

    // And back: the own book is filled again, the phone app's entry stays.
    w.settings = { ...w.settings, bookMode: 'own' };
    expect((await w.run()).status).toBe('ok');
    expect(w.serverBook(UDID)).toEqual(new Map([['12125550101', 'Ada Lovelace']]));
    expect(w.serverBook(GLOBAL_BOOK).get('12125550101')).toBe('Phone App Ada');
  });
});
