import { beforeEach, describe, expect, it } from 'vitest';
import { useEnglish } from '../english.ts';
import type { PersonInput } from '../../sandbox/index.ts';
import { HOLD_MS, liveService, sendsEntries } from './live-service.ts';

/**
 * Eight people, one phone each: with two contacts per request, four upload batches — the forced
 * first alone, then two side by side (lib/sync/batch.ts `sendTogether`), then the last.
 */
const PEOPLE: PersonInput[] = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({
  displayName: `Person ${i}`,
  phones: [`+1212555010${i}`],
}));

/**
 * Signed in, consent given, and the first sync's second upload batch held at the server (the third,
 * sent beside it, answered): a run uploading names when the user asks for the removal.
 */
async function uploading() {
  const world = await liveService({ people: PEOPLE, batchSize: 2 });
  await world.connectGoogle();
  await world.signIn();
  await world.idle();
  expect(world.uploads).toEqual([]);
  world.cube.injectFault(
    '/address_book',
    [
      { kind: 'delay', ms: 0 },
      { kind: 'delay', ms: HOLD_MS },
    ],
    'POST',
  );
  await world.ask('consent', {});
  await world.hold.held();
  expect(world.uploads.map(sendsEntries)).toEqual([true, true, true]);
  return world;
}

describe('"Remove my contacts from the server" while a sync is uploading', () => {
  // A failed removal answers with the run's error in words (lib/run-error-text.ts).
  beforeEach(useEnglish);
  it('stops the sync first: no entry is sent after the ask, and the book ends empty', async () => {
    const world = await uploading();
    const asked = world.uploads.length;
    const reply = world.service.handle({ type: 'removeFromServer' });
    // The held batch reaches the server after all (its answer is lost to the stopped run).
    world.hold.release();
    expect(await reply).toMatchObject({ ok: true });
    await world.idle();
    const after = world.uploads.slice(asked);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter(sendsEntries)).toEqual([]);
    expect(await world.serverBook()).toEqual(new Map());
    expect(await world.db.acked.count()).toBe(0);
    expect(await world.db.inflight.count()).toBe(0);
  });

  it('when the removal then fails, what the sync had not sent yet stays unsent', async () => {
    const world = await uploading();
    const asked = world.uploads.length;
    world.cube.injectFault(
      '/address_book',
      Array.from({ length: 20 }, () => ({ kind: 'status' as const, status: 503 })),
      'POST',
    );
    const reply = world.service.handle({ type: 'removeFromServer' });
    world.hold.release();
    expect(await reply).toMatchObject({ ok: false, error: { kind: 'sync-failed' } });
    await world.idle();
    world.cube.faults.clear();
    expect(world.uploads.slice(asked).filter(sendsEntries)).toEqual([]);
    // Only the batches sent before the ask can be there; the last was never sent.
    const sentBefore = world.uploads.slice(0, asked).flatMap((u) => u.contacts.map((c) => c.phone));
    expect([...(await world.serverBook()).keys()].every((p) => sentBefore.includes(p))).toBe(true);
    // Consent stays withdrawn: nothing uploads until the user agrees again, and asking again
    // empties the book (the batch in doubt is resent as destroys).
    expect((await world.service.sync('scheduled')).status).toBe('ok');
    expect(world.uploads.slice(asked).filter(sendsEntries)).toEqual([]);
    expect(await world.service.handle({ type: 'removeFromServer' })).toMatchObject({ ok: true });
    expect(await world.serverBook()).toEqual(new Map());
  });
});
