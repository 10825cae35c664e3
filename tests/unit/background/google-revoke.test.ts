import { describe, expect, it } from 'vitest';
import { liveService } from './live-service.ts';

const PEOPLE = [{ displayName: 'Alice Home', phones: ['+12125550101'] }];

/** Google connected as ana@example.com an hour and more ago: the stored token has expired. */
async function expired() {
  const world = await liveService({ people: PEOPLE });
  world.google.setAccountEmail('ana@example.com');
  await world.connectGoogle();
  await world.idle();
  world.clock.advance(2 * 3_600_000);
  return world;
}

const revokes = (world: Awaited<ReturnType<typeof expired>>) =>
  world.google.log.entries.filter((e) => e.path === '/revoke').map((e) => e.status);

describe('Disconnect and Forget withdraw the access at Google, even with an expired token', () => {
  it('renews the expired token silently and revokes it', async () => {
    const world = await expired();
    const status = await world.ask('disconnectGoogle', {});
    expect(revokes(world)).toEqual([200]);
    expect(status.google.connected).toBe(false);
    expect(status.google.accessLeft).toBeNull();
  });

  it('says so, naming the account, when it cannot; connecting again clears it', async () => {
    const world = await expired();
    world.google.setAuthMode('deny-silent');
    const status = await world.ask('disconnectGoogle', {});
    expect(revokes(world)).toEqual([]);
    expect(status.google).toMatchObject({
      connected: false,
      accessLeft: { email: 'ana@example.com' },
    });
    // Still said after a reload, and after "Forget everything", which clears all else (the email
    // too).
    expect((await world.service.status()).google.accessLeft).toEqual({ email: 'ana@example.com' });
    const forgotten = await world.ask('forgetEverything', { removeFirst: false });
    expect(forgotten.google.accessLeft).toEqual({});
    world.google.setAuthMode('approve');
    expect((await world.connectGoogle()).google.accessLeft).toBeNull();
  });

  it('Forget everything tells the same', async () => {
    const world = await expired();
    world.google.setAuthMode('deny-silent');
    const status = await world.ask('forgetEverything', { removeFirst: false });
    expect(status.google).toMatchObject({ connected: false, accessLeft: {} });
    expect(revokes(world)).toEqual([]);
  });
});
