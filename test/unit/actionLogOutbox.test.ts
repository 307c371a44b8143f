import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionBody } from '../../audit/actionLog/chain';
import { ActionLogOutbox } from '../../audit/actionLog/outbox';

const body = (n: number): ActionBody => ({
  at: `2026-11-29T08:00:0${n}.000Z`,
  actor: { id: 'member-1', role: 'grid_member', unit: 'grid-g01' },
  action: 'POST /api/v1/requests/:id/accept',
  path: `/api/v1/requests/r${n}/accept`,
  requestId: `req-${n}`,
  outcome: { status: 200 },
});

/** The log as the outbox sees it: appends in order, under the outbox's ids; `down` refuses them as a store that is gone would. */
function fakeLog() {
  const appended: { id?: string; requestId: string }[] = [];
  let down = false;
  return {
    appended,
    setDown: (value: boolean) => (down = value),
    append: async (entry: ActionBody, id?: string) => {
      if (down) throw new Error('connection refused');
      appended.push({ id, requestId: entry.requestId });
      return { ...entry, seq: appended.length, prevHash: '', hash: '' };
    },
  };
}

describe('the action-log outbox', () => {
  test('When entries are put, then each is on disk at once and a drain appends them in order under their ids, then removes them', async () => {
    const outbox = new ActionLogOutbox(join(mkdtempSync(join(tmpdir(), 'outbox-')), 'spool'));
    const put = [];
    for (const n of [1, 2, 3]) put.push(await outbox.put(body(n)));
    expect(await outbox.pending()).toHaveLength(3);
    const log = fakeLog();
    expect(await outbox.drainOnce(log)).toBe(3);
    expect(log.appended).toEqual(put.map(({ id, body: { requestId } }) => ({ id, requestId })));
    expect(readdirSync(outbox.dir)).toEqual([]);
  });

  test('When the log cannot be written, then the entries stay in the outbox for the next drain', async () => {
    const outbox = new ActionLogOutbox(mkdtempSync(join(tmpdir(), 'outbox-')));
    await outbox.put(body(1));
    await outbox.put(body(2));
    const log = fakeLog();
    log.setDown(true);
    await expect(outbox.drainOnce(log)).rejects.toThrow('connection refused');
    expect(await outbox.pending()).toHaveLength(2);
    log.setDown(false);
    // A new process (a restarted API) finds what the last one left.
    expect(await new ActionLogOutbox(outbox.dir).drainOnce(log)).toBe(2);
    expect(log.appended.map((a) => a.requestId)).toEqual(['req-1', 'req-2']);
  });
});
