/** Profiles per `GET /users/v2` request: the API's maximum `limit`. */
export const PROFILES_PER_REQUEST = 100;

/**
 * The query of `GET /users/v2` for these ids, as the official SDK encodes
 * `users.getV2({ id: { in: ids }, limit: 100 })`: one `id[in][]` per id, brackets unescaped, the
 * pairs sorted as strings (`id[in][]=10&id[in][]=9&limit=100`).
 */
export function profilesQuery(ids: readonly number[]): string {
  const pairs = ids.map((id) => `id[in][]=${encodeURIComponent(String(id))}`);
  return [...pairs, `limit=${PROFILES_PER_REQUEST}`].sort().join('&');
}
