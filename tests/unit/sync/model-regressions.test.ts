// Bugs the model-based test (tests/unit/model) found, each replayed as a plain history on the same
// world: the real engine and clients over the in-process sandbox servers.

import { afterEach, describe, expect, it } from 'vitest';
import type { RunOutcome } from '@/lib/sync/engine';
import { GLOBAL_BOOK, requestReupload } from '@/lib/sync/upload';
import { PHONE_APP_ENTRIES, UDID } from '../model/world.ts';
import { ADA, disposeWorld, killedRun, newWorld, UPLOAD } from './regression-world.ts';

afterEach(disposeWorld);

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
    expect(runs.map((r) => r.status)).toEqual(['ok', 'interrupted', 'ok']);
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
      expect.objectContaining({ phone: '12125550101', book: GLOBAL_BOOK, state: 'adopted' }),
    ]);

    // And back: the own book is filled again, the phone app's entry stays.
    w.settings = { ...w.settings, bookMode: 'own' };
    expect((await w.run()).status).toBe('ok');
    expect(w.serverBook(UDID)).toEqual(new Map([['12125550101', 'Ada Lovelace']]));
    expect(w.serverBook(GLOBAL_BOOK).get('12125550101')).toBe('Phone App Ada');
  });

  // Shrunk: addContact(Ada +1 212-555-0101), sync(), registerWithEntryPhone(0) (deserves a
  // notification: Ada's entry is on the server), reuploadAll(killed before the forced upload),
  // killDuringSync(step 1, before), then the final sync: the user was never notified. The forced
  // batch deleted the book's acknowledgements and wrote them anew, dated after the registration.
  it("a forced re-upload keeps the entries' history: a join before it is still notified", async () => {
    const w = await newWorld();
    w.google.addPerson(ADA);
    expect((await w.run()).status).toBe('ok');
    const user = w.cube.registerUser({ login: 'ada', password: 'pw', phone: '12125550101' });

    await requestReupload(w.current.db, 'own');
    await killedRun(w, (label) => label === UPLOAD);
    await killedRun(w, 1);
    expect((await w.run()).status).toBe('ok');

    expect(w.shown).toEqual([{ id: `join-${user.id}`, userIds: [user.id] }]);
    expect(w.serverBook(UDID)).toEqual(new Map([['12125550101', 'Ada Lovelace']]));
    const sent = w.cube.log.entries.filter((e) => `${e.method} ${e.path}` === UPLOAD);
    expect(sent.at(-1)?.body).toMatchObject({ force: 1 });
  });

  // Shrunk: changeSettings({bookMode: 'global'}), addContact(Ada +1 212-555-0102), sync(),
  // reuploadAll(), deleteContact(Ada), sync(): Ada stayed in the global book. The re-upload deleted
  // the acknowledgements, so the next sync adopted Ada's entry as the phone app's, never destroyed.
  it("a re-upload of the global book keeps its entries the extension's own", async () => {
    const w = await newWorld();
    w.settings = { ...w.settings, bookMode: 'global' };
    const ada = w.google.addPerson({ ...ADA, phones: ['+1 212-555-0102'] });
    expect((await w.run()).status).toBe('ok');

    await requestReupload(w.current.db, 'global');
    const from = w.cube.log.entries.length;
    expect((await w.run()).status).toBe('ok');
    // Sent again, as "re-upload everything" says.
    const sent = w.cube.log.entries.slice(from).filter((e) => `${e.method} ${e.path}` === UPLOAD);
    expect(sent.map((e) => e.body)).toEqual([
      { contacts: [{ phone: '12125550102', name: 'Ada Lovelace' }] },
    ]);

    w.google.deletePerson(ada);
    expect((await w.run()).status).toBe('ok');
    expect(w.serverBook(GLOBAL_BOOK)).toEqual(
      new Map(PHONE_APP_ENTRIES.map((e) => [e.phone, e.name])),
    );
  });

  // Shrunk: refusePhone(493012345670), addContact(Ada, [+49 30 12345670, +1 212-555-0101]),
  // reuploadAll(), removePhone(Ada, +1 212-555-0101), reuploadAll(): 12125550101 stayed in the own
  // book. Every entry left was refused, so the forced upload had nothing to carry it and was not
  // sent; and a forced upload destroys nothing of its own.
  it('a re-upload with every entry refused still destroys what left the book', async () => {
    const w = await newWorld();
    for (const phone of ['493012345670', '+493012345670']) w.cube.refusedPhones.set(phone, 'No');
    const ada = w.google.addPerson({ ...ADA, phones: ['+49 30 12345670', '+1 212-555-0101'] });
    await requestReupload(w.current.db, 'own');
    expect((await w.run()).status).toBe('ok');
    expect(w.serverBook(UDID)).toEqual(new Map([['12125550101', 'Ada Lovelace']]));

    w.google.updatePerson(ada, { phones: [{ value: '+49 30 12345670' }] });
    await requestReupload(w.current.db, 'own');
    expect((await w.run()).status).toBe('ok');
    expect(w.serverBook(UDID)).toEqual(new Map());
  });

  // Shrunk: addContact(Ada, [0101, 0103]), changeSettings(e164), sync(), addPhone(Ada, 0102),
  // loseUploadAnswer, reuploadAll(killed), fail(upload x4), sync() (failed), refusePhone(0103),
  // sync(), changeSettings(international digits), finalSync(): uploaded 6 entries, at most 5
  // changed. The forced re-upload was refused +12125550103, which the force had also wiped from
  // the book, yet the engine kept believing the server held it (a useless destroy followed).
  it.each([
    ['in the forced batch itself', ['+1 212-555-0101', '+1 212-555-0103']],
    ['in a batch after the forced one', ['+1 212-555-0101', '+1 212-555-0102', '+1 212-555-0103']],
  ])('an entry refused %s is no longer believed to be on the server', async (_where, phones) => {
    const w = await newWorld();
    w.google.addPerson({ ...ADA, phones });
    expect((await w.run()).status).toBe('ok');
    for (const phone of ['12125550103', '+12125550103']) w.cube.refusedPhones.set(phone, 'No');
    await requestReupload(w.current.db, 'own');
    expect((await w.run()).status).toBe('ok');
    const kept = phones.length - 1;
    expect(w.serverBook(UDID).size).toBe(kept);
    const acked = (await w.current.db.acked.toArray()).map((a) => a.phone);
    expect(acked).toHaveLength(kept);
    expect(acked).not.toContain('12125550103');
    expect((await w.current.db.rejected.toArray()).map((r) => r.phone)).toEqual(['12125550103']);
    // Nothing left to fix: the next sync sends nothing (no destroy of an entry the server lacks).
    const before = w.cube.log.entries.length;
    expect((await w.run()).status).toBe('ok');
    expect(
      w.cube.log.entries
        .slice(before)
        .filter((e) => e.path === '/address_book' && e.method === 'POST'),
    ).toEqual([]);
  });

  // Shrunk: addOtherContact(Ada, [0102]), addOtherContact(Ada, [0101, 0103]), includeOther on,
  // sync(), reuploadAll(killed before upload step 3), includeOther off, kill, finalSync(): uploaded
  // 3 entries, at most 2 changed. The forced batch had wiped the third entry from the book; when
  // the contacts went, the engine still sent a destroy for it.
  it('an entry a forced upload wiped is forgotten, not destroyed, when it leaves', async () => {
    const w = await newWorld();
    const ada = w.google.addPerson({
      ...ADA,
      phones: ['+1 212-555-0101', '+1 212-555-0102', '+1 212-555-0103'],
    });
    expect((await w.run()).status).toBe('ok');
    await requestReupload(w.current.db, 'own');
    // The forced first batch (two entries) is answered; the worker stops before the second.
    let inflightWrites = 0;
    await killedRun(w, (label) => label === 'put inflight' && ++inflightWrites === 2);
    expect(w.serverBook(UDID).size).toBe(2);
    w.google.deletePerson(ada);
    const before = w.cube.log.entries.length;
    expect((await w.run()).status).toBe('ok');
    const destroyed = w.cube.log.entries
      .slice(before)
      .filter((e) => e.method === 'POST' && e.path === '/address_book')
      .flatMap((e) => (e.body as { contacts: { phone: string }[] }).contacts.map((c) => c.phone));
    expect(destroyed).toHaveLength(2);
    expect(w.serverBook(UDID)).toEqual(new Map());
    expect(await w.current.db.acked.count()).toBe(0);
  });
  // Shrunk: fail(global-book, 500 x5), addContact(Ada), sync(), changeSettings({bookMode: global}),
  // sync() failing with the shared book while the settings go back to own, then a sync that "ended
  // ok" with Ada missing from the own book. The failed run had left the own book (destroyed Ada
  // there) before the shared book's read failed, while the own book's mark still said it was clean.
  it('a switch to the shared book that fails after leaving the own book leaves it to be filled again', async () => {
    const w = await newWorld();
    w.google.addPerson(ADA);
    expect((await w.run()).status).toBe('ok');
    expect(w.serverBook(UDID)).toEqual(new Map([['12125550101', 'Ada Lovelace']]));

    w.cube.injectFault(
      '/address_book',
      Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 500 })),
      'GET',
    );
    w.settings = { ...w.settings, bookMode: 'global' };
    expect((await w.run()).status).toBe('failed');
    expect(w.serverBook(UDID)).toEqual(new Map());

    w.settings = { ...w.settings, bookMode: 'own' };
    expect((await w.run()).status).toBe('ok');
    expect(w.serverBook(UDID)).toEqual(new Map([['12125550101', 'Ada Lovelace']]));
  });

  // Found while making a failed `GET /users/v2` no longer fail the check (issue 19, item 15): a
  // sync with notifications off whose check got no profiles cannot judge a user whose entry was
  // sent since the last completed check (only `created_at` tells). It leaves them for a later
  // check, which announces them once; not recorded silently, not lost.
  it('a check without profiles leaves a join it cannot judge to the next check, which shows it once', async () => {
    const w = await newWorld();
    expect((await w.run()).status).toBe('ok');
    w.clock.advance(61_000);
    w.google.addPerson(ADA);
    const fail = (path: string, method: string) =>
      w.cube.injectFault(
        path,
        Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 500 })),
        method,
      );
    // Ada's entry is uploaded, but the check after it fails: she was sent since the last check.
    fail('/address_book/registered_users', 'GET');
    expect((await w.run()).status).toBe('failed');
    w.clock.advance(61_000);
    const ada = w.cube.registerUser({ login: 'ada', password: 'pw', phone: '12125550101' });
    w.clock.advance(61_000);
    w.settings = { ...w.settings, notifications: false };
    fail('/users/v2', 'GET');
    expect((await w.run()).status).toBe('ok');
    expect(await w.current.db.registered.get(ada.id)).toBeUndefined();
    w.settings = { ...w.settings, notifications: true };
    expect((await w.run()).status).toBe('ok');
    expect(w.shown).toEqual([{ id: `join-${ada.id}`, userIds: [ada.id] }]);
    expect((await w.run()).status).toBe('ok');
    expect(w.shown).toHaveLength(1);
  });
});
