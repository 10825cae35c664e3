// The least work any client must do to put a Google address book into ConnectyCube and read who
// uses the app: page People 1,000 at a time, normalise each phone with libphonenumber-js, upload in
// batches of 500, read the registered users. No storage, no UI: the bench's yardstick.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

interface WirePerson {
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

export async function minimalClient(opts: {
  googleUrl: string;
  googleToken: string;
  cubeUrl: string;
  cubeToken: string;
  udid: string;
}): Promise<MinimalTimes> {
  const start = performance.now();
  const book = new Map<string, string>();
  let pageToken: string | undefined;
  do {
    const url = new URL(`${opts.googleUrl}/v1/people/me/connections`);
    url.searchParams.set('personFields', 'names,phoneNumbers');
    url.searchParams.set('pageSize', '1000');
    if (pageToken) url.searchParams.set('pageToken', pageToken);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${opts.googleToken}` } });
    if (!response.ok) throw new Error(`People: HTTP ${response.status}`);
    const page = (await response.json()) as { connections?: WirePerson[]; nextPageToken?: string };
    for (const person of page.connections ?? []) {
      const name = person.names?.[0]?.displayName?.slice(0, 255) || undefined;
      for (const phone of person.phoneNumbers ?? []) {
        const parsed = parsePhoneNumberFromString(phone.value ?? '', 'US');
        if (!parsed?.isPossible()) continue;
        const digits = parsed.number.slice(1);
        if (digits.length < 10 || digits.length > 15 || book.has(digits)) continue;
        book.set(digits, name ?? digits);
      }
    }
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
  }
  const uploaded = performance.now();
  const registered = await fetch(
    `${opts.cubeUrl}/address_book/registered_users?compact=1&udid=${encodeURIComponent(opts.udid)}`,
    { headers },
  );
  await registered.arrayBuffer();
  const end = performance.now();
  return {
    importMs: Math.round(imported - start),
    uploadMs: Math.round(uploaded - imported),
    registeredMs: Math.round(end - uploaded),
    totalMs: Math.round(end - start),
    entries: contacts.length,
  };
}
