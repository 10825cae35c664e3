import { describe, expect, it } from 'vitest';
import { generatePeople } from '../../sandbox/index.ts';
import { engineWorld } from './engine-world.ts';

describe('runs asked for at once', () => {
  it('two "Sync now" clicks and an alarm at once make one run', async () => {
    const w = await engineWorld({ people: generatePeople(20, 3) });
    const outcomes = await Promise.all([
      w.engine.run('manual'),
      w.engine.run('manual'),
      w.engine.run('scheduled'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['ok', 'ok', 'ok']);
    const ids = outcomes.map((o) => (o.status === 'ok' ? o.runId : 0));
    expect(new Set(ids).size).toBe(1);
    expect(await w.db.runs.count()).toBe(1);
  });

  it('an ask after the run read its settings gets one run after it, shared by later asks', async () => {
    const w = await engineWorld({ people: generatePeople(20, 3) });
    const first = w.engine.run('manual');
    // The first run has taken its lease and read its settings: a later ask needs a run of its own.
    await w.settingsRead();
    const [a, b] = await Promise.all([w.engine.run('settings'), w.engine.run('manual')]);
    await first;
    expect(a).toEqual(b);
    expect(await w.db.runs.count()).toBe(2);
  });
});
