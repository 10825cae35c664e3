import { describe, expect, it } from 'vitest';
import {
  INVALID_FIELDS_MESSAGE,
  NAME_LENGTH_MESSAGE,
  PHONE_LENGTH_MESSAGE,
} from '../../sandbox/cube-books.ts';
import { cubeFixture } from './fixtures.ts';

async function session() {
  const fixture = cubeFixture();
  const { user, token } = await fixture.login('alice', '13105550100');
  const upload = (body: unknown) => fixture.call('POST', '/address_book', { token, body });
  const read = (query = '') => fixture.call('GET', `/address_book${query}`, { token });
  return { ...fixture, user, token, upload, read };
}

describe('connectycube sandbox: address book upload', () => {
  it('creates, updates (new name only), destroys, and counts each', async () => {
    const { upload, read } = await session();
    const first = await upload({
      contacts: [
        { name: 'Gordie Kann', phone: '1879108395' },
        { name: 'Wildon Gilleon', phone: '2759108396' },
        { name: 'Gaston Center', phone: '3759108396' },
      ],
    });
    expect(first).toMatchObject({
      status: 200,
      body: { deleted: 0, rejected: {}, created: 3, updated: 0 },
    });
    const second = await upload({
      contacts: [
        { name: 'Gordie K.', phone: '1879108395' },
        { name: 'Wildon Gilleon', phone: '2759108396' },
        { phone: '3759108396', destroy: 1 },
        { phone: '9999999999', destroy: 1 },
      ],
    });
    expect(second.body).toEqual({ deleted: 1, rejected: {}, created: 0, updated: 1 });
    expect((await read()).body).toEqual([
      { phone: '1879108395', name: 'Gordie K.' },
      { phone: '2759108396', name: 'Wildon Gilleon' },
    ]);
  });

  it.each([
    ['phone too short', { name: 'A', phone: '123456789' }, [PHONE_LENGTH_MESSAGE]],
    ['phone too long', { name: 'A', phone: '1234567890123456' }, [PHONE_LENGTH_MESSAGE]],
    ['phone missing', { name: 'A' }, [PHONE_LENGTH_MESSAGE]],
    ['phone not text', { name: 'A', phone: { n: 1 } }, [PHONE_LENGTH_MESSAGE]],
    ['name missing', { phone: '1234567890' }, [NAME_LENGTH_MESSAGE]],
    ['name empty', { name: '', phone: '1234567890' }, [NAME_LENGTH_MESSAGE]],
    [
      'name of 256 characters',
      { name: 'n'.repeat(256), phone: '1234567890' },
      [NAME_LENGTH_MESSAGE],
    ],
    ['both wrong', { name: '', phone: '1' }, [PHONE_LENGTH_MESSAGE, NAME_LENGTH_MESSAGE]],
    ['destroy with a short phone', { phone: '12', destroy: 1 }, [PHONE_LENGTH_MESSAGE]],
    [
      'an unknown field',
      { name: 'A', phone: '1234567890', email: 'a@b.c' },
      [INVALID_FIELDS_MESSAGE],
    ],
    ['not an object', 'A,1234567890', [INVALID_FIELDS_MESSAGE]],
    ['a strange destroy value', { phone: '1234567890', destroy: 'yes' }, [INVALID_FIELDS_MESSAGE]],
  ])('rejects an entry with %s, by its index, and applies the others', async (_, bad, reasons) => {
    const { upload, read } = await session();
    const { body } = await upload({
      contacts: [
        { name: 'Ok One', phone: '1111111111' },
        bad,
        { name: 'Ok Two', phone: '2222222222' },
      ],
    });
    expect(body).toEqual({ deleted: 0, rejected: { '1': reasons }, created: 2, updated: 0 });
    expect(((await read()).body as unknown[]).length).toBe(2);
  });

  it.each([
    ['10-character phone, 1-character name', { name: 'A', phone: '1234567890' }],
    ['15-character phone, 255-character name', { name: 'é'.repeat(255), phone: '123456789012345' }],
    ['numeric phone', { name: 'A', phone: 1234567890 }],
    ['destroy: "0" is an upsert', { name: 'A', phone: '1234567890', destroy: '0' }],
  ])('accepts %s', async (_, entry) => {
    const { upload } = await session();
    expect((await upload({ contacts: [entry] })).body).toEqual({
      deleted: 0,
      rejected: {},
      created: 1,
      updated: 0,
    });
  });

  it('force: 1 replaces the whole book with the valid contacts of the request', async () => {
    const { upload, read } = await session();
    await upload({
      contacts: [
        { name: 'Old A', phone: '1000000001' },
        { name: 'Old B', phone: '1000000002' },
        { name: 'Keep', phone: '1000000003' },
      ],
    });
    const { body } = await upload({
      force: 1,
      contacts: [
        { name: 'Keep', phone: '1000000003' },
        { name: 'Renamed', phone: '1000000002' },
        { name: 'New', phone: '1000000004' },
        { name: 'Bad', phone: '1' },
      ],
    });
    expect(body).toEqual({
      deleted: 1,
      rejected: { '3': [PHONE_LENGTH_MESSAGE] },
      created: 1,
      updated: 1,
    });
    expect((await read()).body).toEqual([
      { phone: '1000000003', name: 'Keep' },
      { phone: '1000000002', name: 'Renamed' },
      { phone: '1000000004', name: 'New' },
    ]);
    expect((await upload({ force: '1', contacts: [] })).body).toEqual({
      deleted: 3,
      rejected: {},
      created: 0,
      updated: 0,
    });
    expect((await read()).body).toEqual([]);
  });

  it('keeps one global book and one book per udid, isolated from each other and from other users', async () => {
    const { upload, read, state, user, login, call } = await session();
    state.addToBook(user.id, [{ phone: '4400000000', name: 'From my phone' }]);
    await upload({ udid: 'ext-A', contacts: [{ name: 'In A', phone: '1000000001' }] });
    await upload({ udid: 'ext-B', force: 1, contacts: [{ name: 'In B', phone: '1000000002' }] });
    expect((await read()).body).toEqual([{ phone: '4400000000', name: 'From my phone' }]);
    expect((await read('?udid=ext-A')).body).toEqual([{ phone: '1000000001', name: 'In A' }]);
    expect((await read('?udid=ext-B')).body).toEqual([{ phone: '1000000002', name: 'In B' }]);
    expect((await read('?udid=never-used')).body).toEqual([]);
    const bob = await login('bob');
    expect((await call('GET', '/address_book?udid=ext-A', { token: bob.token })).body).toEqual([]);
    expect(state.book(user.id, 'ext-A')).toEqual([{ phone: '1000000001', name: 'In A' }]);
  });

  it.each([
    [
      'a udid of 65 characters',
      { udid: 'u'.repeat(65), contacts: [] },
      422,
      { errors: { udid: ['is too long (maximum is 64 characters)'] } },
    ],
    ['contacts missing', { udid: 'x' }, 422, { errors: { base: ['Contacts should be an array'] } }],
    [
      'contacts not an array',
      { contacts: { name: 'A', phone: '1234567890' } },
      422,
      { errors: { base: ['Contacts should be an array'] } },
    ],
    [
      'an invalid force',
      { force: 'always', contacts: [] },
      422,
      { errors: { force: ['is invalid'] } },
    ],
    [
      'a body that is not JSON',
      '{"contacts": [',
      400,
      { errors: { base: [expect.stringMatching(/^Invalid JSON/)] } },
    ],
  ])('refuses %s', async (_, body, status, answer) => {
    const { upload } = await session();
    expect(await upload(body)).toMatchObject({ status, body: answer });
  });

  it('test hook: refuses creating or renaming a listed phone with its reason, never a destroy', async () => {
    const { upload, read, state } = await session();
    await upload({ contacts: [{ name: 'Kept', phone: '1000000001' }] });
    state.refusedPhones.set('1000000001', 'Blocked number');
    state.refusedPhones.set('1000000002', 'Blocked number');
    const { body } = await upload({
      contacts: [
        { name: 'Renamed', phone: '1000000001' },
        { name: 'New', phone: '1000000002' },
        { name: 'Fine', phone: '1000000003' },
      ],
    });
    expect(body).toEqual({
      deleted: 0,
      rejected: { '0': ['Blocked number'], '1': ['Blocked number'] },
      created: 1,
      updated: 0,
    });
    expect((await upload({ contacts: [{ phone: '1000000001', destroy: 1 }] })).body).toEqual({
      deleted: 1,
      rejected: {},
      created: 0,
      updated: 0,
    });
    expect((await read()).body).toEqual([{ phone: '1000000003', name: 'Fine' }]);
  });

  it('accepts a udid of exactly 64 characters, and refuses a longer one on reads', async () => {
    const { upload, read } = await session();
    expect((await upload({ udid: 'u'.repeat(64), contacts: [] })).status).toBe(200);
    expect((await read(`?udid=${'u'.repeat(65)}`)).status).toBe(422);
  });
});

describe('connectycube sandbox: registered users', () => {
  async function world() {
    const fixture = await session();
    const bob = fixture.state.registerUser({
      login: 'bob',
      password: 'pw',
      phone: '12125550143',
      full_name: 'Bob B',
    });
    fixture.state.registerUser({ login: 'carol', password: 'pw', phone: '447700900123' });
    const otherApp = fixture.state.addApp();
    fixture.state.registerUser({
      login: 'dave',
      password: 'pw',
      phone: '4915123456789',
      applicationId: otherApp.applicationId,
    });
    await fixture.upload({
      udid: 'ext',
      contacts: [
        { name: 'Bobby', phone: '12125550143' },
        { name: 'Me myself', phone: '13105550100' },
        { name: 'Dave (other app)', phone: '4915123456789' },
        { name: 'Nobody', phone: '15550001111' },
      ],
    });
    const registered = (query: string) =>
      fixture.call('GET', `/address_book/registered_users${query}`, { token: fixture.token });
    return { ...fixture, bob, registered };
  }

  it('compact=1: id, phone and the name the contact was uploaded under', async () => {
    const { registered, bob } = await world();
    expect((await registered('?udid=ext&compact=1')).body).toEqual({
      items: [{ user: { id: bob.id, phone: '12125550143', address_book_name: 'Bobby' } }],
    });
  });

  it.each(['?udid=ext&compact=0', '?udid=ext'])(
    '%s: the whole profile plus address_book_name',
    async (query) => {
      const { registered, bob } = await world();
      const { body } = await registered(query);
      expect(body).toEqual({ items: [{ user: { ...bob, address_book_name: 'Bobby' } }] });
      expect(JSON.stringify(body)).not.toContain('password');
    },
  );

  it('only looks at the book asked for', async () => {
    const { registered, state, user } = await world();
    expect((await registered('?compact=1')).body).toEqual({ items: [] });
    state.addToBook(user.id, [{ phone: '447700900123', name: 'Carol' }]);
    expect((await registered('?compact=1')).body).toMatchObject({
      items: [{ user: { phone: '447700900123', address_book_name: 'Carol' } }],
    });
  });

  it('finds a user who registers after the upload, and records the push the service would send', async () => {
    const { registered, state, user } = await world();
    const erin = state.registerUser({ login: 'erin', password: 'pw', phone: '15550001111' });
    const { body } = await registered('?udid=ext&compact=1');
    expect(body).toMatchObject({
      items: [
        { user: { phone: '12125550143' } },
        { user: { id: erin.id, address_book_name: 'Nobody' } },
      ],
    });
    expect(state.joinEvents.at(-1)).toMatchObject({
      toUserId: user.id,
      udid: 'ext',
      joinedUserId: erin.id,
      phone: '15550001111',
      addressBookName: 'Nobody',
    });
  });
});
