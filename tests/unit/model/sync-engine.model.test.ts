// Model-based test of the sync engine (issue 9), after vdirsyncer's stateful test: random
// histories of contact and "other contact" edits, registrations, failures, kills, settings changes
// (book, formats, other contacts, notifications) and re-uploads, run against the real engine and
// clients over the in-process sandbox servers, with uploads in batches of MODEL_BATCH_SIZE, with
// invariants checked after every command and, at the end, after one more sync with every fault
// cleared.
//
// `npm test` runs MODEL_RUNS histories (200 by default); `npm run test:deep` runs 5000. A failure
// prints the seed, the path and the shrunk history (with what each command resolved to); replay
// it with MODEL_SEED=<seed> MODEL_PATH=<path> MODEL_REPLAY=<replayPath>. MODEL_STATS=1 prints how
// many commands ran and what they exercised.

import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { commandArbitrary } from './arbitraries.ts';
import { fail, type Model, type Real } from './command.ts';
import { checkedRun } from './invariants.ts';
import { stats, Tracker } from './tracker.ts';
import { World } from './world.ts';

const RUNS = Number(process.env.MODEL_RUNS ?? 200);
// CI runs one fixed set of histories, so a landing is judged on what was tested before it; a local
// `npm test` and `npm run test:deep` draw new histories every time (the seed is printed on failure).
const CI_SEED = 20261122;
const SEED =
  process.env.MODEL_SEED !== undefined
    ? Number(process.env.MODEL_SEED)
    : process.env.CI === 'true' && process.env.MODEL_RUNS === undefined
      ? CI_SEED
      : undefined;
const PATH = process.env.MODEL_PATH;
const REPLAY = process.env.MODEL_REPLAY;
const MAX_COMMANDS = 40;

let histories = 0;
let commands = 0;

/** Clears every fault, syncs, and checks every promise the history made. */
async function finalSync(real: Real): Promise<void> {
  const { world, tracker } = real;
  world.google.faults.clear();
  world.cube.faults.clear();
  const outcome = await checkedRun(real);
  if (outcome.status !== 'ok')
    throw new Error(`a sync with no fault did not recover: ${JSON.stringify(outcome)}`);
  tracker.weaken(world);
  fail('after the final sync', tracker.finalProblems(world));
  // Nothing changed since: the next sync is free.
  const again = await checkedRun(real);
  if (again.status !== 'ok') throw new Error(`a second clean sync ended ${again.status}`);
}

describe('sync engine, model-based', () => {
  afterAll(() => {
    if (process.env.MODEL_STATS) {
      console.log(`model: ${histories} histories, ${commands} commands (+2 final syncs each)`);
      for (const [what, n] of [...stats].sort()) console.log(`  ${what}: ${n}`);
    }
  });

  it(
    'keeps the server book equal to Google and notifies each join exactly once, whatever happens',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.commands([commandArbitrary], {
            maxCommands: MAX_COMMANDS,
            size: 'max',
            ...(REPLAY === undefined ? {} : { replayPath: REPLAY }),
          }),
          async (history) => {
            histories += 1;
            const world = await World.create(`model-${histories}`);
            const tracker = new Tracker();
            const real: Real = { world, tracker, trace: [] };
            try {
              await fc.asyncModelRun(
                () => ({ model: { contacts: [], others: [] } satisfies Model, real }),
                history,
              );
              real.trace.push('finalSync()');
              await finalSync(real);
            } catch (error) {
              const message = error instanceof Error ? error.message : String(error);
              throw new Error(`${message}\nexecuted:\n  ${real.trace.join('\n  ')}`, {
                cause: error,
              });
            } finally {
              commands += tracker.commands;
              await world.dispose();
            }
          },
        ),
        {
          numRuns: RUNS,
          ...(SEED === undefined ? {} : { seed: SEED }),
          ...(PATH === undefined ? {} : { path: PATH, endOnFailure: true }),
        },
      );
    },
    Math.max(60_000, RUNS * 1_000),
  );
});
