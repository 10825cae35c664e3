import { describe, expect, it } from 'vitest';
import { consentItem, googleAccountItem } from '@/lib/settings';
import { liveService, sendsEntries } from './live-service.ts';

const ALICE = { displayName: 'Alice Home', phones: ['+12125550101'] };
const BOB = { displayName: 'Bob Work', phones: ['+12125550102'] };

describe('consent bound to the Google account too', () => {
  it('connecting another Google account asks again, and nothing of it is uploaded before', async () => {
    const world = await liveService({ people: [ALICE] });
    world.google.setAccountEmail('ana@example.com');
    await world.connectGoogle();
    await world.signIn();
    await world.ask('consent', {});
    await world.idle();
    expect([...(await world.serverBook()).keys()]).toEqual(['12125550101']);
    const sent = world.uploads.length;

    // The same browser connects the user's work account, whose contacts differ.
    world.google.setAccountEmail('ana@work.example');
    world.google.addPerson(BOB);
    await world.ask('disconnectGoogle', {});
    const status = await world.connectGoogle();
    await world.idle();
    expect(status.google.email).toBe('ana@work.example');
    expect(status.consent.consent).toEqual({ state: 'needed', changed: true });
    expect((await world.service.sync('manual')).status).toBe('ok');
    expect(world.uploads.slice(sent).filter(sendsEntries)).toEqual([]);
    expect([...(await world.serverBook()).keys()]).toEqual(['12125550101']);

    // Agreeing for this account uploads it.
    expect((await world.ask('consent', {})).consent.consent.state).toBe('given');
    await world.idle();
    expect([...(await world.serverBook()).keys()].sort()).toEqual(['12125550101', '12125550102']);
  });

  it('reconnecting the same Google account keeps the consent', async () => {
    const world = await liveService({ people: [ALICE] });
    await world.connectGoogle();
    await world.signIn();
    await world.ask('consent', {});
    await world.idle();
    await world.ask('disconnectGoogle', {});
    expect((await world.connectGoogle()).consent.consent.state).toBe('given');
  });

  it('a record from before the binding covers the Google account connected when it was given', async () => {
    const world = await liveService({ people: [ALICE] });
    await world.connectGoogle();
    await world.signIn();
    const given = await world.ask('consent', {});
    expect(given.consent.consent.state).toBe('given');
    await world.idle();
    // As an earlier version stored it: no Google account named.
    const { google: _google, ...older } = (await consentItem.getValue())!;
    await consentItem.setValue(older);
    expect((await world.service.status()).consent.consent.state).toBe('given');
    // Connected again after it was given: maybe another account, so it asks again.
    world.clock.advance(60_000);
    await world.ask('disconnectGoogle', {});
    await world.connectGoogle();
    expect((await googleAccountItem.getValue())?.connectedAt).toBeGreaterThan(older.at);
    expect((await world.service.status()).consent.consent).toEqual({
      state: 'needed',
      changed: true,
    });
  });
});
