// The shape every command of the model test shares: time passes, the command acts, then the
// promises that no longer hold are weakened and the notification counts are checked.

import type fc from 'fast-check';
import type { Tracker } from './tracker.ts';
import type { World } from './world.ts';

/** What preconditions need: the live Google contacts and other contacts, by resourceName. */
export interface Model {
  contacts: string[];
  others: string[];
}

export interface Real {
  world: World;
  tracker: Tracker;
  /** The commands run so far with what they resolved to, for the failure report. */
  trace: string[];
}

/** Time between two commands: whole seconds, since the server's timestamps drop milliseconds. */
export const COMMAND_GAP_MS = 61_000;

export function fail(what: string, problems: string[]): void {
  if (problems.length > 0) throw new Error(`${what}:\n  ${problems.join('\n  ')}`);
}

export abstract class ModelCommand implements fc.AsyncCommand<Model, Real> {
  /**
   * Filled in while running (the contact or phone a command resolved to). Shrinking reruns the same
   * objects, so fast-check's counterexample may show a later run's detail: `Real.trace` is exact.
   */
  protected detail = '';

  check(_model: Readonly<Model>): boolean {
    return true;
  }

  async run(model: Model, real: Real): Promise<void> {
    real.world.clock.advance(COMMAND_GAP_MS);
    real.tracker.commands += 1;
    this.detail = '';
    try {
      await this.apply(model, real);
    } finally {
      real.trace.push(this.toString());
    }
    real.tracker.weaken(real.world);
    fail(`after ${this.toString()}`, real.tracker.problems(real.world));
  }

  protected abstract apply(model: Model, real: Real): Promise<void>;
  protected abstract describe(): string;

  toString(): string {
    const text = this.describe();
    return this.detail ? `${text} /*${this.detail}*/` : text;
  }
}

/** Picks the index-th item of a non-empty list, wrapping around. */
export function pick<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
