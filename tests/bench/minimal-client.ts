// The least work any client must do to put a Google address book into ConnectyCube and read who
// uses the app: page People 1,000 at a time, normalise each phone with libphonenumber-js, upload in
// batches of 500, read the registered users. No storage, no UI: the bench's yardstick.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

export interface WirePerson {
  resourceName?: string;
  names?: { displayName?: string }[];
  phoneNumbers?: { value?: string }[];
}

export interface MinimalTimes {
  importMs: number;
  uploadMs: number;
  registeredMs: number;
  totalMs: number;
  entries: number;
}

/**
 * What a client that keeps its data does with it, awaited inside the phase it belongs to (the
 * storing minimal client, tests/bench/storing-client.ts, writes one packed IndexedDB row each).
 */
export interface MinimalStore {
  /** A People page, with each person's normalised phones and the name uploaded. */
  page(index: number, people: StoredPerson[]): Promise<void>;
  /** An upload batch the server acknowledged. */
  batch(index: number, contacts: { phone: string; name: string }[]): Promise<void>;
  /** The registered users' answer, as read. */
  registered(body: unknown): Promise<void>;
}

export interface StoredPerson {
  resourceName: string;
  name: string;
  phones: string[];
}

export interface MinimalOptions {
  googleUrl: string;
  googleToken: string;
  cubeUrl: string;
  cubeToken: string;
  udid: string;
}

export async function minimalClient(
  opts: MinimalOptions,
  store?: MinimalStore,
): Promise<MinimalTimes> {
  const start = performance.now();
  const book = new Map<string, string>();
  let pageToken: string | undefined;
  let pages = 0;
  do {
    const url = new URL(`${opts.googleUrl}/v1/people/me/connections`);
    url.searchParams.set('personFields', 'names,phoneNumbers');
    url.searchParams.set('pageSize', '1000');
    if (pageToken) url.searchParams.set('pageToken', pageToken);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${opts.googleToken}` } });
    if (!response.ok) throw new Error(`People: HTTP ${response.status}`);
    const page = (await response.json()) as { connections?: WirePerson[]; nextPageToken?: string };
    const stored: StoredPerson[] = [];
    for (const person of page.connections ?? []) {
      const name = person.names?.[0]?.displayName?.slice(0, 255) || undefined;
      const phones: string[] = [];
      for (const phone of person.phoneNumbers ?? []) {
        const parsed = parsePhoneNumberFromString(phone.value ?? '', 'US');
        if (!parsed?.isPossible()) continue;
        const digits = parsed.number.slice(1);
        if (digits.length < 10 || digits.length > 15) continue;
        phones.push(digits);
        if (!book.has(digits)) book.set(digits, name ?? digits);
      }
      stored.push({ resourceName: person.resourceName ?? '', name: name ?? '', phones });
    }
    await store?.page(pages++, stored);
    pageToken = page.nextPageToken;
  } while (pageToken);
  const imported = performance.now();
  const contacts = [...book].map(([phone, name]) => ({ phone, name }));
  const headers = { 'Content-Type': 'application/json', 'CB-Token': opts.cubeToken };
  for (let i = 0; i < contacts.length; i += 500) {
    const response = await fetch(`${opts.cubeUrl}/address_book`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ contacts: contacts.slice(i, i + 500), udid: opts.udid }),
    });
    if (!response.ok) throw new Error(`address_book: HTTP ${response.status}`);
    await response.arrayBuffer();
    await store?.batch(i / 500, contacts.slice(i, i + 500));
  }
  const uploaded = performance.now();
  const registered = await fetch(
    `${opts.cubeUrl}/address_book/registered_users?compact=1&udid=${encodeURIComponent(opts.udid)}`,
    { headers },
  );
  const body: unknown = await registered.json();
  await store?.registered(body);
  const end = performance.now();
  return {
    importMs: Math.round(imported - start),
    uploadMs: Math.round(uploaded - imported),
    registeredMs: Math.round(end - uploaded),
    totalMs: Math.round(end - start),
    entries: contacts.length,
  };
}
