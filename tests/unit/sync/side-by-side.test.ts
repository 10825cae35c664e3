// Batches sent side by side (lib/sync/batch.ts `sendTogether`): both in doubt before either request
// leaves, the requests overlapping, every answer stored, and a failure of one losing nothing of
// the other.
import { describe, expect, it } from 'vitest';
import type { InflightRow } from '@/lib/db/schema';
import { sendTogether } from '@/lib/sync/batch';
import { ServiceRefusedError, type UploadRequest, type UploadResult } from '@/lib/sync/ports';
import { fixture } from './phase-fixture.ts';

const batch = (id: string, ...phones: string[]): InflightRow => ({
  id,
  createdAt: 0,
  book: 'udid-1',
  force: false,
  contacts: phones.map((phone) => ({ phone, name: `N${phone}` })),
});

const B1 = batch('b1', '12125550101', '12125550102');
const B2 = batch('b2', '12125550103', '12125550104');

/** The fixture's server, answering through `answer` once both requests have arrived. */
function together(answer: (request: UploadRequest, i: number) => Promise<UploadResult>) {
  const f = fixture();
  const upload = f.ctx.cube.upload.bind(f.ctx.cube);
  const inDoubt: string[][] = [];
  let arrived = 0;
  let both: () => void = () => undefined;
  const bothArrived = new Promise<void>((resolve) => (both = resolve));
  f.ctx.cube = {
    ...f.ctx.cube,
    async upload(request, signal) {
      const i = arrived++;
      inDoubt.push((await f.db.inflight.toArray()).map((b) => b.id).sort());
      if (arrived === 2) both();
      // Neither is answered before the other has left: the requests overlap.
      await bothArrived;
      return answer(request, i).then(() => upload(request, signal));
    },
  };
  return { f, inDoubt };
}

describe('batches sent side by side', () => {
  it('are both in doubt before either leaves, overlap, and are both acknowledged', async () => {
    const { f, inDoubt } = together(async () => ({
      created: 0,
      updated: 0,
      deleted: 0,
      rejected: {},
    }));
    await sendTogether(f.ctx, [B1, B2]);
    expect(inDoubt).toEqual([
      ['b1', 'b2'],
      ['b1', 'b2'],
    ]);
    expect((await f.db.acked.toArray()).map((a) => a.phone)).toEqual([
      '12125550101',
      '12125550102',
      '12125550103',
      '12125550104',
    ]);
    expect(await f.db.inflight.count()).toBe(0);
    expect(f.ctx.counts.requests).toBe(2);
  });

  it('one refused for its size goes again in halves; the other is stored', async () => {
    const { f } = together(async (request) => {
      if (request.contacts.length === 2 && request.contacts[0]?.phone === '12125550103')
        throw new ServiceRefusedError(413, 'too large');
      return { created: 0, updated: 0, deleted: 0, rejected: {} };
    });
    await sendTogether(f.ctx, [B1, B2]);
    expect((await f.db.acked.toArray()).map((a) => a.phone)).toHaveLength(4);
    expect(f.uploads.map((u) => u.contacts.map((c) => c.phone))).toEqual([
      ['12125550101', '12125550102'],
      ['12125550103'],
      ['12125550104'],
    ]);
    expect(await f.db.inflight.count()).toBe(0);
  });

  it('one whose answer is lost stays in doubt, the other is stored, and the run learns why', async () => {
    const lost = new Error('connection reset');
    const { f } = together(async (_request, i) => {
      if (i === 0) throw lost;
      return { created: 0, updated: 0, deleted: 0, rejected: {} };
    });
    await expect(sendTogether(f.ctx, [B1, B2])).rejects.toBe(lost);
    expect((await f.db.acked.toArray()).map((a) => a.phone)).toEqual([
      '12125550103',
      '12125550104',
    ]);
    expect((await f.db.inflight.toArray()).map((b) => b.id)).toEqual(['b1']);
  });
});
