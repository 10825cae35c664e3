// A listing's next page is asked for before this page is written (lib/sync/people-pages.ts), and
// whatever the order of answers and writes, each page is written once, in order.
import { afterEach, describe, expect, it } from 'vitest';
import { PAGE_SIZE, UDID } from '../model/world.ts';
import { disposeWorld, newWorld } from './regression-world.ts';

afterEach(disposeWorld);

describe('a listing of several pages', () => {
  it('asks for the next page before it writes this one, and writes each page once', async () => {
    const w = await newWorld();
    const people = Array.from({ length: 3 * PAGE_SIZE }, (_, i) =>
      w.google.addPerson({
        givenName: `P${i}`,
        phones: [`+1 212-555-03${String(i).padStart(2, '0')}`],
      }),
    );
    const steps: string[] = [];
    // Never fires: records the order of the run's I/O.
    w.kill.arm(
      (kind, label) => {
        if (label.includes('/people/me/connections') || label === 'put peopleBuckets')
          steps.push(label.startsWith('put') ? 'write' : 'list');
        return false;
      },
      'before',
      new AbortController(),
    );
    expect((await w.run()).status).toBe('ok');
    w.kill.disarm();
    // Three pages: the second asked before the first is written, the third before the second.
    expect(steps.slice(0, 5)).toEqual(['list', 'list', 'write', 'list', 'write']);
    expect(steps.filter((s) => s === 'list')).toHaveLength(3);
    expect(await w.current.db.people.count()).toBe(people.length);
    expect(w.serverBook(UDID).size).toBe(people.length);
  });
});
