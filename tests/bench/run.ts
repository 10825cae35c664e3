// `npm run bench`: what a sync costs, in requests, bytes and time, for 1,000 and 25,000 contacts.
// Requests and bytes are exact (the sandboxes log every request); times are wall-clock on this
// machine, in Node with fake-indexeddb, median of a few runs where cheap enough.
import { performance } from 'node:perf_hooks';
import { buildEntries } from '../../lib/contacts/entries.ts';
import type { PersonRecord } from '../../lib/contacts/types.ts';
import { generatePeople } from '../sandbox/index.ts';
import { createWorld, type World } from './world.ts';

interface Cost {
  googleRequests: number;
  googleBytes: number;
  cubeRequests: number;
  cubeUploadBytes: number;
  cubeBytes: number;
  ms: number;
}

async function measure(world: World, action: () => Promise<unknown>): Promise<Cost> {
  world.google.log.clear();
  world.cube.log.clear();
  const start = performance.now();
  const outcome = await action();
  const ms = performance.now() - start;
  if ((outcome as { status?: string }).status !== 'ok')
    throw new Error(`sync failed: ${JSON.stringify(outcome)}`);
  const sum = (entries: readonly { requestBytes: number; responseBytes: number }[]) =>
    entries.reduce((n, e) => n + e.requestBytes + e.responseBytes, 0);
  const uploads = world.cube.log.entries.filter(
    (e) => e.method === 'POST' && e.path === '/address_book',
  );
  return {
    googleRequests: world.google.log.entries.length,
    googleBytes: sum(world.google.log.entries),
    cubeRequests: world.cube.log.entries.length,
    cubeUploadBytes: uploads.reduce((n, e) => n + e.requestBytes, 0),
    cubeBytes: sum(world.cube.log.entries),
    ms,
  };
}

const rows: (Cost & { scenario: string })[] = [];
const record = (scenario: string, cost: Cost): void => {
  rows.push({ scenario, ...cost });
};

for (const size of [1_000, 25_000]) {
  const world = await createWorld();
  const refs = world.google.addPeople(generatePeople(size, 7));
  record(`${size} contacts: first sync`, await measure(world, () => world.engine.run('bench')));
  record(
    `${size} contacts: nothing changed`,
    await measure(world, () => world.engine.run('bench')),
  );
  world.google.updatePerson(refs[size / 2]!, { givenName: 'Renamed' });
  record(
    `${size} contacts: one contact renamed`,
    await measure(world, () => world.engine.run('bench')),
  );
  world.google.addPerson({ givenName: 'New', familyName: 'Person', phones: ['+1 212 555 0199'] });
  record(
    `${size} contacts: one contact added`,
    await measure(world, () => world.engine.run('bench')),
  );
  world.google.expireSyncTokens();
  record(
    `${size} contacts: expired sync token (full listing)`,
    await measure(world, () => world.engine.run('bench')),
  );
  await world.db.delete();
}

console.table(
  rows.map((r) => ({
    scenario: r.scenario,
    'Google req': r.googleRequests,
    'Google KB': (r.googleBytes / 1024).toFixed(1),
    'Cube req': r.cubeRequests,
    'Cube upload KB': (r.cubeUploadBytes / 1024).toFixed(1),
    'Cube KB': (r.cubeBytes / 1024).toFixed(1),
    ms: r.ms.toFixed(0),
  })),
);

// Mapping people to entries alone (pure: libphonenumber parsing and merging).
const people: PersonRecord[] = generatePeople(25_000, 7).map((p, i) => ({
  resourceName: `people/c${i}`,
  displayName: [p.givenName, p.familyName].filter(Boolean).join(' '),
  phones: (p.phones ?? []).map((ph) =>
    typeof ph === 'string' ? { value: ph } : { value: ph.value },
  ),
  source: 'contact',
}));
const times: number[] = [];
let entries = 0;
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  entries = buildEntries(people, { defaultCountry: 'US', phoneFormat: 'international-digits' })
    .entries.length;
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(
  `buildEntries: 25,000 people -> ${entries} entries, median ${times[2]!.toFixed(0)} ms of 5 runs`,
);
