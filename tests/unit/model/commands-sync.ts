// Commands on the extension: sync, get killed mid-sync, change a setting, re-upload everything.

import type { RunOutcome } from '@/lib/sync/engine';
import { requestReupload } from '@/lib/sync/upload';
import { fail, ModelCommand, type Model, type Real } from './command.ts';
import { removalProblems } from './expected.ts';
import { beginRun, checkedRun, endRun, recordProblems, settled } from './invariants.ts';
import type { KillWhen, StepKind } from './kill.ts';
import { count } from './tracker.ts';
import type { ModelSettings } from './world.ts';

/**
 * Runs one checked sync with the kill switch armed by `arm`, then starts a new worker (killed or
 * not: a worker may stop between runs too). Returns what happened, for the report.
 */
async function killedRun(real: Real, arm: (controller: AbortController) => void): Promise<string> {
  const { world, tracker } = real;
  const controller = new AbortController();
  arm(controller);
  let outcome;
  try {
    outcome = await checkedRun(real, controller.signal);
  } finally {
    world.kill.disarm();
  }
  const fired = world.kill.fired;
  count(fired ? `kill fired ${fired.split(' ').slice(0, 2).join(' ')}` : 'kill not reached');
  if (fired && outcome.status !== 'stopped')
    throw new Error(`killed (${fired}) but the run ended ${outcome.status}`);
  if (fired) tracker.changed = true;
  await world.restart();
  return fired ? `killed ${fired}` : `ran to the end: ${outcome.status}`;
}

export class Sync extends ModelCommand {
  protected async apply(_model: Model, real: Real): Promise<void> {
    const outcome = await checkedRun(real);
    this.detail = outcome.status === 'failed' ? `failed: ${outcome.error}` : outcome.status;
  }

  protected describe(): string {
    return 'sync()';
  }
}

/**
 * The browser stops the worker at the k-th I/O step of a sync. The old run must settle as
 * 'stopped' (its signal aborted); then a new worker starts over the same database and storage.
 */
export class KillDuringSync extends ModelCommand {
  constructor(
    private readonly step: number,
    private readonly when: KillWhen,
    /** Count only steps of this kind (a run does many more writes than requests). */
    private readonly kind?: StepKind,
  ) {
    super();
  }

  protected async apply(_model: Model, real: Real): Promise<void> {
    this.detail = await killedRun(real, (controller) =>
      real.world.kill.arm(this.step, this.when, controller, this.kind),
    );
  }

  protected describe(): string {
    return `killDuringSync(${this.kind ?? 'step'} ${this.step}, ${this.when})`;
  }
}

export class ChangeSettings extends ModelCommand {
  constructor(private readonly patch: Partial<ModelSettings>) {
    super();
  }

  protected async apply(_model: Model, real: Real): Promise<void> {
    const before = JSON.stringify(real.world.settings);
    real.world.settings = { ...real.world.settings, ...this.patch };
    if (JSON.stringify(real.world.settings) !== before) real.tracker.changed = true;
  }

  protected describe(): string {
    return `changeSettings(${JSON.stringify(this.patch)})`;
  }
}

/**
 * The user changes a setting while a sync runs (just before its k-th I/O step), and the service
 * asks for a sync at once, as saving settings does. That request gets the run that follows the
 * current one, with the new settings: it is the run checked (its cost is not: settings changed).
 */
export class ChangeSettingsDuringSync extends ModelCommand {
  constructor(
    private readonly step: number,
    private readonly patch: Partial<ModelSettings>,
  ) {
    super();
  }

  protected async apply(_model: Model, real: Real): Promise<void> {
    const { world, tracker } = real;
    const start = { ...(await beginRun(real)), bound: Infinity, quiet: false, peopleFaults: 0 };
    const before = world.settings.notifications;
    let follow: Promise<RunOutcome> | undefined;
    const change = (): void => {
      world.settings = { ...world.settings, ...this.patch };
      tracker.changed = true;
      follow = world.run();
    };
    const meanwhile = world.kill.during(this.step, change);
    const first = await settled(world.run());
    // The run ended before its k-th step: the change comes after it.
    if (meanwhile.cancel()) change();
    if (!follow) throw new Error('no sync was asked for after the change');
    const outcome = await settled(follow);
    this.detail = `first ${first.status}, then ${outcome.status}`;
    // Promises the change broke weaken now, not after the command: the second run is judged too.
    tracker.weaken(world);
    // The first run read the old or the new settings (the change may come before it reads them);
    // what it recorded is not checked (the second may change it): it may not have completed.
    fail('the first sync', await tracker.ran(world, before && world.settings.notifications, false));
    await endRun(real, { ...start, notifications: world.settings.notifications }, outcome);
  }

  protected describe(): string {
    return `changeSettingsDuringSync(step ${this.step}, ${JSON.stringify(this.patch)})`;
  }
}

/** "Remove my contacts from the server": every entry the extension made goes, from both books. */
export class RemoveFromServer extends ModelCommand {
  protected async apply(_model: Model, real: Real): Promise<void> {
    const { world, tracker } = real;
    const outcome = await settled(world.current.engine.run('remove', undefined, 'remove'));
    this.detail = outcome.status;
    const problems = await recordProblems(real, outcome);
    if (outcome.status === 'ok') problems.push(...removalProblems(world));
    fail(`removal ended ${outcome.status}`, problems);
    tracker.removed();
  }

  protected describe(): string {
    return 'removeFromServer()';
  }
}

/**
 * "Re-upload everything", as the service does it (the same `requestReupload`, then a sync): in the
 * own book a forced first batch replaces the book, in the global one the diff resends all. With
 * `killAt`, the worker is killed around an upload step of the sync (1, 2: the forced batch).
 */
export class RequestReupload extends ModelCommand {
  constructor(private readonly killAt?: { step: number; when: KillWhen }) {
    super();
  }

  protected async apply(_model: Model, real: Real): Promise<void> {
    const { world, tracker } = real;
    await requestReupload(world.current.db, world.settings.bookMode);
    tracker.reupload = true;
    tracker.changed = true;
    count(`re-upload in the ${world.settings.bookMode} book${this.killAt ? ', killed' : ''}`);
    const kill = this.killAt;
    if (!kill) {
      this.detail = (await checkedRun(real)).status;
      return;
    }
    // A batch takes two steps: stored as in doubt, then sent. Before the first = after the batch
    // before it was acknowledged (the forced batch replaced the book, the rest is still to come).
    let steps = 0;
    const isUpload = (kind: StepKind, label: string): boolean =>
      ((kind === 'db' && label === 'put inflight') ||
        (kind === 'fetch' && label === 'POST /address_book')) &&
      ++steps === kill.step;
    this.detail = await killedRun(real, (controller) =>
      world.kill.arm(isUpload, kill.when, controller),
    );
  }

  protected describe(): string {
    const kill = this.killAt ? `killed ${this.killAt.when} upload step ${this.killAt.step}` : '';
    return `reuploadAll(${kill})`;
  }
}
