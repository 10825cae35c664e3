// Killing the engine at an arbitrary await point, like the browser stopping a service worker.
//
// Every I/O step of an incarnation (each fetch attempt to either server, each Dexie write, each
// notifier call) goes through `KillSwitch.step`. Armed with (k, when[, kind]), the k-th step (of
// that kind, when given: a run has many writes and few requests) aborts the
// run's signal and fails: 'before' = the step never happens, 'after' = it happened (a request the
// server applied, a notification shown) but the worker died before seeing its answer. A Dexie
// write is only ever killed before: a write inside a transaction dies with it, and "after a lone
// write" is the same as "before the next step", which is what 'after' means for it.

import type { DBCore, DBCoreTable, Middleware } from 'dexie';

export type StepKind = 'fetch' | 'db' | 'notify';
export type KillWhen = 'before' | 'after';
/** Picks the step to kill at by what it is (for regression tests), instead of by its number. */
export type StepMatcher = (kind: StepKind, label: string) => boolean;

export class KillSwitch {
  private count = 0;
  private armed:
    | { k: number | StepMatcher; when: KillWhen; kind?: StepKind; controller: AbortController }
    | undefined;
  /** A db step reached with 'after': the kill happens at the next step. */
  private killAtNext = false;
  /** What the kill hit, for the command's description (e.g. "after fetch POST /address_book"). */
  fired: string | undefined;
  /** Something the user does while a run goes on: runs just before the k-th step. */
  private meanwhile: { k: number; count: number; action: () => void } | undefined;

  /** Runs `action` just before the k-th I/O step from now (once; `cancel` drops it). */
  during(k: number, action: () => void): { cancel: () => boolean } {
    const meanwhile = { k, count: 0, action };
    this.meanwhile = meanwhile;
    return {
      cancel: () => {
        const pending = this.meanwhile === meanwhile;
        if (pending) this.meanwhile = undefined;
        return pending;
      },
    };
  }

  arm(k: number | StepMatcher, when: KillWhen, controller: AbortController, kind?: StepKind): void {
    this.count = 0;
    this.killAtNext = false;
    this.fired = undefined;
    this.armed = { k, when, controller, ...(kind ? { kind } : {}) };
  }

  disarm(): void {
    this.armed = undefined;
    this.killAtNext = false;
  }

  /** Runs one I/O step, or kills the run around it. */
  async step<T>(kind: StepKind, label: string, op: () => Promise<T>): Promise<T> {
    const meanwhile = this.meanwhile;
    if (meanwhile && ++meanwhile.count === meanwhile.k) {
      this.meanwhile = undefined;
      meanwhile.action();
    }
    const armed = this.armed;
    if (!armed) return op();
    if (this.killAtNext) this.fire(`before ${kind} ${label}`);
    const counted = armed.kind === undefined || armed.kind === kind;
    if (counted) this.count += 1;
    const target =
      counted && (typeof armed.k === 'number' ? this.count === armed.k : armed.k(kind, label));
    if (target && armed.when === 'before') this.fire(`before ${kind} ${label}`);
    const result = await op();
    if (target && armed.when === 'after') {
      if (kind === 'db') this.killAtNext = true;
      else this.fire(`after ${kind} ${label}`);
    }
    return result;
  }

  private fire(what: string): never {
    const armed = this.armed;
    if (!armed) throw new Error('kill switch fired while disarmed');
    this.armed = undefined;
    this.killAtNext = false;
    this.fired = what;
    armed.controller.abort(new DOMException('killed by the model test', 'AbortError'));
    throw armed.controller.signal.reason;
  }
}

/** Dexie middleware routing every write of one database connection through `guard`. */
export function writeGuard(
  guard: <T>(label: string, op: () => Promise<T>) => Promise<T>,
): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'model-kill-switch',
    create: (down) => ({
      ...down,
      table: (name: string): DBCoreTable => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (request) => guard(`${request.type} ${name}`, () => table.mutate(request)),
        };
      },
    }),
  };
}
