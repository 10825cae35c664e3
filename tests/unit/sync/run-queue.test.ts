import { describe, expect, it } from 'vitest';
import {
  ask,
  createRunQueue,
  end,
  idle,
  settle,
  stop,
  type Job,
  type QueueState,
  type RunMode,
} from '@/lib/sync/run-queue';

interface T {
  mode: RunMode;
  name: string;
}

type Event = { ask: T } | { settle: true } | { end: true } | { stop: true };

/** What a state looks like in a table: kind, the running ticket, settled, the waiting names. */
function show(state: QueueState<T>): string {
  switch (state.kind) {
    case 'idle':
      return 'idle';
    case 'running':
      return `running ${state.run.name}${state.settled ? ' settled' : ''}`;
    case 'queued':
      return `queued ${state.run.name}${state.settled ? ' settled' : ''} [${state.waiting.map((t) => t.name).join(' ')}]`;
    case 'stopping':
      return `stopping [${state.waiting.map((t) => t.name).join(' ')}]`;
  }
}

function apply(state: QueueState<T>, event: Event): { state: QueueState<T>; said: string } {
  if ('ask' in event) {
    const step = ask(state, event.ask);
    const to =
      step.do.action === 'join' || step.do.action === 'share' ? ` ${step.do.with.name}` : '';
    return { state: step.state, said: `${step.do.action}${to}` };
  }
  if ('settle' in event) return { state: settle(state), said: '' };
  if ('end' in event) {
    const step = end(state);
    return { state: step.state, said: step.start ? `start ${step.start.name}` : '' };
  }
  const step = stop(state);
  return { state: step.state, said: `drop [${step.dropped.map((t) => t.name).join(' ')}]` };
}

const a = (name: string, mode: RunMode = 'sync'): Event => ({ ask: { name, mode } });
const SETTLE: Event = { settle: true };
const END: Event = { end: true };
const STOP: Event = { stop: true };

// Each row: events from idle, and after each one what it said and the state it left.
const table: { name: string; steps: [Event, string, string][] }[] = [
  {
    name: 'a lone run starts and ends',
    steps: [
      [a('s1'), 'start', 'running s1'],
      [SETTLE, '', 'running s1 settled'],
      [END, '', 'idle'],
    ],
  },
  {
    name: 'sync asks before the run read its settings join it',
    steps: [
      [a('s1'), 'start', 'running s1'],
      [a('s2'), 'join s1', 'running s1'],
      [a('s3'), 'join s1', 'running s1'],
      [END, '', 'idle'],
    ],
  },
  {
    name: 'sync asks after it read its settings share one follow-up',
    steps: [
      [a('s1'), 'start', 'running s1'],
      [SETTLE, '', 'running s1 settled'],
      [a('s2'), 'wait', 'queued s1 settled [s2]'],
      [a('s3'), 'share s2', 'queued s1 settled [s2]'],
      [END, 'start s2', 'running s2'],
      [a('s4'), 'join s2', 'running s2'],
      [END, '', 'idle'],
    ],
  },
  {
    name: 'a removal never joins, even an unsettled removal',
    steps: [
      [a('r1', 'remove'), 'start', 'running r1'],
      [a('r2', 'remove'), 'wait', 'queued r1 [r2]'],
      [a('s1'), 'wait', 'queued r1 [r2 s1]'],
      [END, 'start r2', 'queued r2 [s1]'],
      [END, 'start s1', 'running s1'],
      [END, '', 'idle'],
    ],
  },
  {
    name: 'a repair joins an unsettled repair, and waits behind a settled one',
    steps: [
      [a('p1', 'repair'), 'start', 'running p1'],
      [a('p2', 'repair'), 'join p1', 'running p1'],
      [a('s1'), 'wait', 'queued p1 [s1]'],
      [a('p3', 'repair'), 'join p1', 'queued p1 [s1]'],
      [SETTLE, '', 'queued p1 settled [s1]'],
      [a('p4', 'repair'), 'wait', 'queued p1 settled [s1 p4]'],
      [a('s2'), 'share s1', 'queued p1 settled [s1 p4]'],
      [END, 'start s1', 'queued s1 [p4]'],
      [END, 'start p4', 'running p4'],
      [END, '', 'idle'],
    ],
  },
  {
    name: 'a sync ask during a removal waits for it',
    steps: [
      [a('s1'), 'start', 'running s1'],
      [a('r1', 'remove'), 'wait', 'queued s1 [r1]'],
      [a('s2'), 'join s1', 'queued s1 [r1]'],
      [SETTLE, '', 'queued s1 settled [r1]'],
      [a('s3'), 'wait', 'queued s1 settled [r1 s3]'],
      [END, 'start r1', 'queued r1 [s3]'],
    ],
  },
  {
    name: 'stop drops what waited; asks after it wait for the stopped run to end',
    steps: [
      [a('s1'), 'start', 'running s1'],
      [SETTLE, '', 'running s1 settled'],
      [a('s2'), 'wait', 'queued s1 settled [s2]'],
      [a('r1', 'remove'), 'wait', 'queued s1 settled [s2 r1]'],
      [STOP, 'drop [s2 r1]', 'stopping []'],
      [a('s3'), 'wait', 'stopping [s3]'],
      [a('s4'), 'share s3', 'stopping [s3]'],
      [STOP, 'drop [s3]', 'stopping []'],
      [a('r2', 'remove'), 'wait', 'stopping [r2]'],
      [END, 'start r2', 'running r2'],
      [END, '', 'idle'],
    ],
  },
  {
    name: 'stop with nothing going on does nothing; a stopped run with nothing after ends idle',
    steps: [
      [STOP, 'drop []', 'idle'],
      [a('s1'), 'start', 'running s1'],
      [a('s2'), 'join s1', 'running s1'],
      [STOP, 'drop []', 'stopping []'],
      [SETTLE, '', 'stopping []'],
      [END, '', 'idle'],
    ],
  },
];

describe('the run queue, transition by transition', () => {
  it.each(table)('$name', ({ steps }) => {
    let state: QueueState<T> = idle;
    const seen: [string, string][] = [];
    for (const [event] of steps) {
      const step = apply(state, event);
      state = step.state;
      seen.push([step.said, show(state)]);
    }
    expect(seen).toEqual(steps.map(([, said, after]) => [said, after]));
  });
});

interface TestJob extends Job {
  name: string;
}

/** A run the test ends by hand, and what it was asked with. */
function harness() {
  const runs: {
    name: string;
    signal: AbortSignal;
    settled: () => void;
    finish: (outcome: string) => void;
  }[] = [];
  const queue = createRunQueue<TestJob, string>(
    (job, signal, settled) =>
      new Promise<string>((resolve) => {
        runs.push({ name: job.name, signal, settled, finish: resolve });
        signal.addEventListener('abort', () => resolve(`${job.name} aborted`));
      }),
    'stopped',
  );
  const job = (name: string, mode: RunMode = 'sync', signal = new AbortController().signal) => ({
    name,
    mode,
    signal,
  });
  return { queue, runs, job };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the run queue around a function that runs one run', () => {
  it('runs one run at a time, joined and followed as the machine says', async () => {
    const { queue, runs, job } = harness();
    const first = queue.ask(job('s1'));
    const joined = queue.ask(job('s2'));
    expect(runs.map((r) => r.name)).toEqual(['s1']);
    runs[0]!.settled();
    const follow = queue.ask(job('s3'));
    const shared = queue.ask(job('s4'));
    expect(queue.state).toBe('queued');
    runs[0]!.finish('one');
    expect(await first).toBe('one');
    expect(await joined).toBe('one');
    await tick();
    expect(runs.map((r) => r.name)).toEqual(['s1', 's3']);
    runs[1]!.finish('two');
    expect([await follow, await shared]).toEqual(['two', 'two']);
    await tick();
    expect(queue.state).toBe('idle');
  });

  it('stop() aborts the run, drops the queued ones, and resolves once the run has ended', async () => {
    const { queue, runs, job } = harness();
    const first = queue.ask(job('s1'));
    runs[0]!.settled();
    const queued = queue.ask(job('r1', 'remove'));
    await queue.stop();
    expect(runs[0]!.signal.aborted).toBe(true);
    expect(await first).toBe('s1 aborted');
    expect(await queued).toBe('stopped');
    expect(runs).toHaveLength(1);
    expect(queue.state).toBe('idle');
  });

  it("the caller's signal aborts its run", async () => {
    const { queue, runs, job } = harness();
    const caller = new AbortController();
    const outcome = queue.ask(job('s1', 'sync', caller.signal));
    caller.abort();
    expect(await outcome).toBe('s1 aborted');
    expect(runs[0]!.signal.aborted).toBe(true);
  });
});
