/** 'repair': a sync that first checks the server's book and makes the belief true (repair.ts). */
export type RunMode = 'sync' | 'remove' | 'repair';

/** What waits in the queue: at least its mode (the runtime's tickets carry more). */
export interface Queued {
  readonly mode: RunMode;
}

/**
 * One run at a time, and what waits for it. `settled`: the run going on has read its settings;
 * until then an ask of the same mode would see what it wanted, so it joins that run.
 */
export type QueueState<T extends Queued> =
  | { kind: 'idle' }
  | { kind: 'running'; run: T; settled: boolean }
  | { kind: 'queued'; run: T; settled: boolean; waiting: readonly [T, ...T[]] }
  /** stop() was called: the run going on is ending; `waiting` holds only what was asked since. */
  | { kind: 'stopping'; waiting: readonly T[] };

export type AskAction<T> =
  | { action: 'start' }
  | { action: 'join'; with: T }
  /** Sync asks share one follow-up: what changed (consent, a setting) came too late for the run. */
  | { action: 'share'; with: T }
  | { action: 'wait' };

export const idle: QueueState<never> = { kind: 'idle' };

function withWaiting<T extends Queued>(
  state: Extract<QueueState<T>, { kind: 'running' | 'queued' }>,
  waiting: readonly T[],
): QueueState<T> {
  const [head, ...rest] = waiting;
  return head === undefined
    ? { kind: 'running', run: state.run, settled: state.settled }
    : { kind: 'queued', run: state.run, settled: state.settled, waiting: [head, ...rest] };
}

/** A new ask: starts, joins the run going on, shares the queued sync, or waits its turn. */
export function ask<T extends Queued>(
  state: QueueState<T>,
  ticket: T,
): { state: QueueState<T>; do: AskAction<T> } {
  if (state.kind === 'idle') {
    return { state: { kind: 'running', run: ticket, settled: false }, do: { action: 'start' } };
  }
  // A removal always acts on what is true when it starts: it never joins.
  if (
    state.kind !== 'stopping' &&
    ticket.mode !== 'remove' &&
    ticket.mode === state.run.mode &&
    !state.settled
  ) {
    return { state, do: { action: 'join', with: state.run } };
  }
  const waiting = state.kind === 'queued' || state.kind === 'stopping' ? state.waiting : [];
  const follow = ticket.mode === 'sync' ? waiting.find((t) => t.mode === 'sync') : undefined;
  if (follow) return { state, do: { action: 'share', with: follow } };
  const more = [...waiting, ticket];
  if (state.kind === 'stopping')
    return { state: { kind: 'stopping', waiting: more }, do: { action: 'wait' } };
  return { state: withWaiting(state, more), do: { action: 'wait' } };
}

/** The run going on has read its settings: a later ask needs a run of its own. */
export function settle<T extends Queued>(state: QueueState<T>): QueueState<T> {
  if (state.kind === 'running' || state.kind === 'queued') return { ...state, settled: true };
  return state;
}

/** The run going on ended: the first waiting starts. */
export function end<T extends Queued>(
  state: QueueState<T>,
): { state: QueueState<T>; start: T | null } {
  if (state.kind === 'idle' || state.kind === 'running') return { state: idle, start: null };
  const [head, ...rest] = state.waiting;
  if (head === undefined) return { state: idle, start: null };
  const running = { kind: 'running', run: head, settled: false } as const;
  return { state: withWaiting(running, rest), start: head };
}

/** stop(): the run going on is aborted and what waited for it does not start. */
export function stop<T extends Queued>(
  state: QueueState<T>,
): { state: QueueState<T>; dropped: readonly T[] } {
  if (state.kind === 'idle') return { state, dropped: [] };
  const dropped = state.kind === 'running' ? [] : state.waiting;
  return { state: { kind: 'stopping', waiting: [] }, dropped };
}

/** What one run is asked for with. */
export interface Job {
  readonly mode: RunMode;
  /** The caller's signal stops the run too. */
  readonly signal: AbortSignal;
}

export interface RunQueue<J extends Job, O> {
  /** Resolves with the outcome of the run that serves this ask. */
  ask(job: J): Promise<O>;
  /** Aborts the run going on, drops the waiting ones, and resolves once that run has ended. */
  stop(): Promise<void>;
  readonly state: QueueState<Ticket<J, O>>['kind'];
}

interface Ticket<J extends Job, O> extends Queued {
  readonly job: J;
  readonly outcome: Promise<O>;
  resolve(outcome: O | Promise<O>): void;
}

function ticketFor<J extends Job, O>(job: J): Ticket<J, O> {
  let resolve!: (outcome: O | Promise<O>) => void;
  const outcome = new Promise<O>((r) => (resolve = r));
  return { mode: job.mode, job, outcome, resolve };
}

/**
 * The queue around `runOne`, a function that runs one run: it gets its own abort signal and calls
 * `settled()` once it has read its settings. `stopped` is the outcome of an ask dropped by stop().
 */
export function createRunQueue<J extends Job, O>(
  runOne: (job: J, signal: AbortSignal, settled: () => void) => Promise<O>,
  stopped: O,
): RunQueue<J, O> {
  let state: QueueState<Ticket<J, O>> = idle;
  /** The run going on (ended once its queue step is taken) and its abort. */
  let current: { ended: Promise<unknown>; controller: AbortController } | null = null;

  function begin(ticket: Ticket<J, O>): void {
    const controller = new AbortController();
    const { signal } = ticket.job;
    // AbortSignal.any is missing from Firefox before 124.
    const forward = () => controller.abort(signal.reason);
    if (signal.aborted) forward();
    else signal.addEventListener('abort', forward, { once: true });
    const run = runOne(ticket.job, controller.signal, () => (state = settle(state)));
    ticket.resolve(run);
    const ended = run
      .catch(() => undefined)
      .then(() => {
        signal.removeEventListener('abort', forward);
        current = null;
        const next = end(state);
        state = next.state;
        if (next.start) begin(next.start);
      });
    current = { ended, controller };
  }

  return {
    ask(job) {
      const ticket = ticketFor<J, O>(job);
      const step = ask(state, ticket);
      state = step.state;
      switch (step.do.action) {
        case 'start':
          begin(ticket);
          return ticket.outcome;
        case 'join':
        case 'share':
          return step.do.with.outcome;
        case 'wait':
          return ticket.outcome;
      }
    },
    async stop() {
      const step = stop(state);
      state = step.state;
      for (const t of step.dropped) t.resolve(stopped);
      const going = current;
      going?.controller.abort(new DOMException('stopped by the user', 'AbortError'));
      await going?.ended;
    },
    get state() {
      return state.kind;
    },
  };
}
