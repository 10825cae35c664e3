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

function parseEvent(text: string): Event {
  const [verb, name, mode] = text.split(/\s+/);
  if (verb === 'ask' && name) return { ask: { name, mode: (mode ?? 'sync') as RunMode } };
  if (verb === 'settle') return { settle: true };
  if (verb === 'end') return { end: true };
  if (verb === 'stop') return { stop: true };
  throw new Error(`no such event: ${text}`);
}

function parseSteps(steps: string): [Event, string, string][] {
  return steps
    .trim()
    .split('\n')
    .map((line) => {
      const [event = '', said = '', after = ''] = line.split('|').map((cell) => cell.trim());
      return [parseEvent(event), said, after];
    });
}

// Each case: events from idle, one a line — the event | what the machine said | the state after.
const table: { name: string; steps: string }[] = [
  {
    name: 'a lone run starts and ends',
    steps: `
      ask s1          | start       | running s1
      settle          |             | running s1 settled
      end             |             | idle
    `,
  },
  {
    name: 'sync asks before the run read its settings join it',
    steps: `
      ask s1          | start       | running s1
      ask s2          | join s1     | running s1
      ask s3          | join s1     | running s1
      end             |             | idle
    `,
  },
  {
    name: 'sync asks after it read its settings share one follow-up',
    steps: `
      ask s1          | start       | running s1
      settle          |             | running s1 settled
      ask s2          | wait        | queued s1 settled [s2]
      ask s3          | share s2    | queued s1 settled [s2]
      end             | start s2    | running s2
      ask s4          | join s2     | running s2
      end             |             | idle
    `,
  },
  {
    name: 'a removal never joins, even an unsettled removal',
    steps: `
      ask r1 remove   | start       | running r1
      ask r2 remove   | wait        | queued r1 [r2]
      ask s1          | wait        | queued r1 [r2 s1]
      end             | start r2    | queued r2 [s1]
      end             | start s1    | running s1
      end             |             | idle
    `,
  },
  {
    name: 'a repair joins an unsettled repair, and waits behind a settled one',
    steps: `
      ask p1 repair   | start       | running p1
      ask p2 repair   | join p1     | running p1
      ask s1          | wait        | queued p1 [s1]
      ask p3 repair   | join p1     | queued p1 [s1]
      settle          |             | queued p1 settled [s1]
      ask p4 repair   | wait        | queued p1 settled [s1 p4]
      ask s2          | share s1    | queued p1 settled [s1 p4]
      end             | start s1    | queued s1 [p4]
      end             | start p4    | running p4
      end             |             | idle
    `,
  },
  {
    name: 'a sync ask during a removal waits for it',
    steps: `
      ask s1          | start       | running s1
      ask r1 remove   | wait        | queued s1 [r1]
      ask s2          | join s1     | queued s1 [r1]
      settle          |             | queued s1 settled [r1]
      ask s3          | wait        | queued s1 settled [r1 s3]
      end             | start r1    | queued r1 [s3]
    `,
  },
  {
    name: 'stop drops what waited; asks after it wait for the stopped run to end',
    steps: `
      ask s1          | start       | running s1
      settle          |             | running s1 settled
      ask s2          | wait        | queued s1 settled [s2]
      ask r1 remove   | wait        | queued s1 settled [s2 r1]
      stop            | drop [s2 r1]| stopping []
      ask s3          | wait        | stopping [s3]
      ask s4          | share s3    | stopping [s3]
      stop            | drop [s3]   | stopping []
      ask r2 remove   | wait        | stopping [r2]
      end             | start r2    | running r2
      end             |             | idle
    `,
  },
  {
    name: 'stop with nothing going on does nothing; a stopped run with nothing after ends idle',
    steps: `
      stop            | drop []     | idle
      ask s1          | start       | running s1
      ask s2          | join s1     | running s1
      stop            | drop []     | stopping []
      settle          |             | stopping []
      end             |             | idle
    `,
  },
];

describe('the run queue, transition by transition', () => {
  it.each(table)('$name', ({ steps: text }) => {
    const steps = parseSteps(text);
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
