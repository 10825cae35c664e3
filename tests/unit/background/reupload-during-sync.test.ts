// "Re-upload everything" asked while a sync is uploading (review of issue 21): the run uploading had
// read the books' state before the ask, and its end wrote a clean outbox over it, so the re-upload
// asked never happened. The ask now stops that run first, as "Remove" and "Forget" do.
import { describe, expect, it } from 'vitest';
import type { PersonInput } from '../../sandbox/index.ts';
import { HOLD_MS, liveService } from './live-service.ts';

const PEOPLE: PersonInput[] = [1, 2, 3, 4].map((i) => ({
  displayName: `Person ${i}`,
  phones: [`+1212555010${i}`],
}));

describe('"Re-upload everything" while a sync is uploading', () => {
  it('is carried out: the own book is replaced by a forced upload after the ask', async () => {
    const world = await liveService({ people: PEOPLE, batchSize: 2 });
    await world.connectGoogle();
    await world.signIn();
    await world.ask('consent', {});
    await world.idle();
    expect(world.uploads[0]?.force).toBe(true);
    // A new contact: the next sync uploads it, and its request is held at the server.
    world.google.addPerson({ displayName: 'Person 5', phones: ['+12125550105'] });
    world.cube.injectFault('/address_book', [{ kind: 'delay', ms: HOLD_MS }], 'POST');
    void world.service.handle({ type: 'syncNow' });
    await world.hold.held();
    const asked = world.uploads.length;
    const reply = world.service.handle({ type: 'reuploadAll' });
    world.hold.release();
    expect(await reply).toMatchObject({ ok: true });
    await world.idle();
    // The stopped run's batch in doubt goes again first; then the forced upload replaces the book.
    const after = world.uploads.slice(asked);
    expect(after.filter((u) => u.force)).toHaveLength(1);
    expect([...(await world.serverBook()).keys()].sort()).toEqual([
      '12125550101',
      '12125550102',
      '12125550103',
      '12125550104',
      '12125550105',
    ]);
  });
});
