// The world the engine's history tests replay on (model-regressions.test.ts, packed-kill.test.ts,
// people-pages.test.ts): the real engine and clients over the in-process sandbox servers.
import { expect } from 'vitest';
import { World } from '../model/world.ts';

export const ADA = { givenName: 'Ada', familyName: 'Lovelace', phones: ['+1 212-555-0101'] };
export const UPLOAD = 'POST /address_book';
let world: World | undefined;
let worlds = 0;

export async function newWorld(): Promise<World> {
  world = await World.create(`regression-${++worlds}`);
  return world;
}

/** Runs a sync killed at the step `at` picks ('before' it happens); the worker then restarts. */
export async function killedRun(
  w: World,
  at: number | ((label: string) => boolean),
): Promise<void> {
  const controller = new AbortController();
  w.kill.arm(typeof at === 'number' ? at : (_kind, label) => at(label), 'before', controller);
  const outcome = await w.run(controller.signal);
  w.kill.disarm();
  expect(w.kill.fired).toBeDefined();
  expect(outcome).toEqual({ status: 'stopped' });
  await w.restart();
}

/** After each test: the world it made is closed. */
export async function disposeWorld(): Promise<void> {
  await world?.dispose();
  world = undefined;
}
