import { describe, expect, it } from 'vitest';
import { NEEDS_PRIMARY_FILTER } from '../../sandbox/cube-users-query.ts';
import { cubeFixture, type Json } from './fixtures.ts';

const MISSING = { errors: { base: ['Required session does not exist'] } };

/** Alice signed in; five more users of her app (one tagged, one with an avatar) and one of another. */
async function world() {
  const fixture = cubeFixture();
  const { state, clock } = fixture;
  const alice = await fixture.login('alice', '13105550100');
  const others = ['bob', 'carol', 'dave', 'erin', 'frank'].map((login, i) => {
    clock.advance(60_000);
    return state.registerUser({
      login,
      password: 'pw',
      full_name: `${login[0]?.toUpperCase()}${login.slice(1)} Example`,
      phone: `1212555010${i}`,
      ...(login === 'carol' ? { user_tags: ['vip'], avatar: 'https://cdn.example/carol.png' } : {}),
    });
  });
  const otherApp = state.addApp();
  const stranger = state.registerUser({
    login: 'stranger',
    password: 'pw',
    applicationId: otherApp.applicationId,
  });
  const get = async (query: string, token: string | null = alice.token) => {
    const answer = await fixture.call('GET', `/users/v2${query}`, token ? { token } : {});
    return { status: answer.status, body: answer.body as Json };
  };
  const ids = (body: Json) => (body.items as { id: number }[]).map((u) => u.id);
  return { ...fixture, alice, others, stranger, get, ids };
}

describe('connectycube sandbox: GET /users/v2', () => {
  it('answers the profiles of the ids asked, in the shape the docs and the SDK types give', async () => {
    const { get, others, alice, stranger } = await world();
    const [bob, carol] = others;
    const query = [bob?.id, carol?.id, stranger.id, 424242].map((id) => `id[in][]=${id}`);
    const answer = await get(`?${query.join('&')}&limit=100`);
    expect(answer.status).toBe(200);
    // Another application's user and an unknown id are not there; items are not wrapped in `user`.
    expect(answer.body).toEqual({ limit: 100, skip: 0, total_entries: 2, items: [bob, carol] });
    expect(Object.keys(answer.body)).toEqual(['limit', 'skip', 'total_entries', 'items']);
    expect(carol).toMatchObject({ avatar: 'https://cdn.example/carol.png', user_tags: ['vip'] });
    // The caller is a user like any other.
    expect((await get(`?id=${alice.user.id}`)).body).toMatchObject({
      items: [{ id: alice.user.id, login: 'alice' }],
    });
  });

  it.each([
    ['the SDK route', '/users/v2.json?id[in][]=ID'],
    ['escaped brackets', '/users/v2?id%5Bin%5D%5B%5D=ID'],
  ])('reads %s', async (_title, path) => {
    const { call, alice, others } = await world();
    const answer = await call('GET', path.replace('ID', String(others[0]?.id)), {
      token: alice.token,
    });
    expect(answer.body).toMatchObject({ total_entries: 1, items: [{ login: 'bob' }] });
  });

  it('pages with limit (at most 100) and offset, counting every match', async () => {
    const { get, ids, others, alice } = await world();
    const all = [alice.user.id, ...others.map((u) => u.id)];
    const query = all.map((id) => `id[in][]=${id}`).join('&');
    const page = await get(`?${query}&limit=2&offset=3`);
    expect(page.body).toMatchObject({ limit: 2, skip: 3, total_entries: 6 });
    expect(ids(page.body)).toEqual(all.slice(3, 5));
    expect((await get(`?${query}&limit=500`)).body).toMatchObject({ limit: 100 });
    expect(ids((await get(`?${query}&sort_desc=id`)).body)).toEqual([...all].reverse());
  });

  it.each([
    { title: 'login', query: 'login=carol', logins: ['carol'] },
    { title: 'phone', query: 'phone=12125550102', logins: ['dave'] },
    { title: 'a tag', query: 'user_tags=vip', logins: ['carol'] },
    {
      title: 'start_with (case-insensitive, limit 5)',
      query: 'full_name[start_with]=ERIN',
      logins: ['erin'],
      limit: 5,
    },
    {
      title: 'in, narrowed by nin',
      query: 'login[in][]=bob&login[in][]=dave&login[nin][]=dave',
      logins: ['bob'],
    },
    {
      title: 'created_at compared',
      query: 'login[in][]=bob&login[in][]=frank&created_at[gt]=2026-11-01T10:02:00Z',
      logins: ['frank'],
    },
    {
      title: 'created_at in Unix seconds',
      query: `login[in][]=bob&login[in][]=frank&created_at[lte]=${Date.parse('2026-11-01T10:01:00Z') / 1000}`,
      logins: ['bob'],
    },
    { title: 'an unknown parameter is ignored', query: 'login=bob&colour=red', logins: ['bob'] },
  ])('filters by $title', async ({ query, logins, limit }) => {
    const { get } = await world();
    const answer = await get(`?${query}`);
    expect(answer.status).toBe(200);
    expect((answer.body.items as { login: string }[]).map((u) => u.login)).toEqual(logins);
    expect(answer.body.limit).toBe(limit ?? 100);
  });

  it.each([
    { title: 'no filter', query: '', reason: NEEDS_PRIMARY_FILTER },
    { title: 'only an exclusion', query: '?login[nin][]=admin19', reason: NEEDS_PRIMARY_FILTER },
    {
      title: 'an additional field alone',
      query: '?created_at[gte]=2019-11-06T09:21:41Z',
      reason: NEEDS_PRIMARY_FILTER,
    },
    {
      title: 'a stand-alone field compared',
      query: '?login=bob&id[gt]=1',
      reason: "'id' can't be used with the 'gt' operator",
    },
    {
      title: 'start_with shorter than 4',
      query: '?login[start_with]=vip',
      reason: "'start_with' needs at least 4 characters",
    },
  ])('refuses $title (422)', async ({ query, reason }) => {
    const { get } = await world();
    expect(await get(query)).toEqual({ status: 422, body: { errors: { base: [reason] } } });
  });

  it('needs a user session; other methods are not routes', async () => {
    const { get, call, app, others } = await world();
    const query = `?id[in][]=${others[0]?.id}`;
    expect(await get(query, null)).toEqual({ status: 401, body: MISSING });
    const appSession = await call('POST', '/session', {
      body: { application_id: app.applicationId, auth_key: app.authKey },
    });
    const appToken = (appSession.body as { session: { token: string } }).session.token;
    expect(await get(query, appToken)).toEqual({
      status: 403,
      body: { errors: { base: ['Forbidden. Need user.'] } },
    });
    const { alice } = await world();
    for (const method of ['POST', 'DELETE']) {
      expect(await call(method, '/users/v2', { token: alice.token })).toMatchObject({
        status: 404,
      });
    }
  });

  it('logs the query string as sent, repeated keys included', async () => {
    const { get, state, others } = await world();
    await get(`?id[in][]=${others[0]?.id}&id[in][]=${others[1]?.id}&limit=100`);
    expect(state.log.entries.at(-1)).toMatchObject({
      path: '/users/v2',
      search: `id[in][]=${others[0]?.id}&id[in][]=${others[1]?.id}&limit=100`,
    });
  });
});
