import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { reconcileReadModels } from '../../reconcile/reconciler';
import { bundleWorkflows } from '../../worker/bundle';
import { actors } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { useE2eSystem } from '../support/e2eSystem';

/**
 * Co-handling (主办/协办) over HTTP on the real dev server and FerretDB, with the short policy: the
 * lead grid-g01 handles the request; Xiguan village (village-v02, under township-t01) gets a part
 * due in 2 s, which lapses up its own chain, and Hexi grid 1 (grid-g07, under township-t02) one due
 * in an hour. The request's own deadlines are an hour away, so nothing else moves.
 */
const e2e = useE2eSystem();
const { http } = e2e;

const todayLocal = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const xiguan = { id: 'leader-v02', role: 'unit_leader', unit: 'village-v02' };
const hexi = { id: 'member-g07', role: 'grid_member', unit: 'grid-g07' };
let id: string;

const otherTownship = { id: 'leader-t02x', role: 'unit_leader', unit: 'township-t02' };

async function ok(res: Promise<{ status: number; body: unknown }>) {
  const done = await res;
  if (done.status !== 200) throw new Error(`${done.status} ${JSON.stringify(done.body)}`);
  return done.body as Record<string, unknown>;
}

describe('co-handling (主办/协办) over HTTP', () => {
  test('When a dispatcher names co-handlers, then they see the request and report their parts, the lead resolves only after, and each part counts in its own unit’s ledger', async () => {
    const created = await http.post(
      '/requests',
      {
        channel: 'hotline',
        category: 'general',
        title: '跨村管线漏水 a leak across two villages',
        description: 'the pipe runs under both villages',
        requester: { id: 'resident-1', name: '张三' },
        gridId: 'g01',
      },
      actors.resident,
    );
    expect(created.status).toBe(201);
    id = created.body.id as string;
    const path = `/requests/${id}`;
    await ok(http.post(`${path}/dispatch`, { assignee: 'member-1' }, actors.secretary));
    await ok(http.post(`${path}/accept`, {}, actors.member));

    const unknown = await http.post(
      `${path}/cohandlers`,
      { parts: [{ unit: 'village-v99', task: 'x', deadline: 'PT1H' }] },
      actors.secretary,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      { field: 'body.parts.0.unit', message: 'unknown unit village-v99' },
    ]);
    expect((await http.post(`${path}/cohandlers`, { parts: [] }, actors.secretary)).status).toBe(400);

    const named = await ok(
      http.post(
        `${path}/cohandlers`,
        {
          parts: [
            {
              unit: 'village-v02',
              task: '排查西关一侧管线 check the pipe on Xiguan’s side',
              deadline: 'PT2S',
            },
            { unit: 'grid-g07', task: '核实河西住户 verify the Hexi residents', deadline: 'PT1H' },
          ],
          note: '跨村协同',
        },
        actors.secretary,
      ),
    );
    expect(named.coHandlers).toEqual([
      expect.objectContaining({
        unit: 'village-v02',
        unitName: { zh: '西关村', en: 'Xiguan village' },
        status: 'open',
        statusLabel: { zh: '协办中', en: 'Open' },
        owner: 'village-v02',
        lapses: 0,
        assignedBy: 'sec-1',
      }),
      expect.objectContaining({ unit: 'grid-g07', status: 'open', owner: 'grid-g07' }),
    ]);
    // A co-handler sees the request; a unit that has no part in it does not.
    expect((await http.get(path, xiguan)).status).toBe(200);
    expect((await http.get(path, otherTownship)).status).toBe(200);
    expect(
      (await http.get(path, { id: 'leader-v03', role: 'unit_leader', unit: 'village-v03' })).status,
    ).toBe(404);
    await eventually(async () => {
      const inbox = await http.get('/notifications?recipient=village-v02', xiguan);
      expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toContain('assigned');
    });

    const resolve = { note: '管线已修复 pipe fixed' };
    const refused = await http.post(`${path}/resolve`, resolve, actors.member);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('co-handlers still owe their part: village-v02, grid-g07');
    const coHandlerResolves = await http.post(`${path}/resolve`, resolve, xiguan);
    expect(coHandlerResolves.status).toBe(403);
    expect(coHandlerResolves.body.detail).toContain('rule co-handler-acts-on-its-part');
    const outsiderReports = await http.post(`${path}/cohandlers/grid-g07/report`, { note: 'done' }, xiguan);
    expect(outsiderReports.status).toBe(403);

    // Xiguan's part lapses and climbs to township-t01, not to the lead's chain.
    const lapsed = await eventually(
      async () => {
        const view = await ok(http.get(path, xiguan));
        const part = (view.coHandlers as { unit: string; lapses: number; owner: string }[])[0];
        expect(part.lapses).toBeGreaterThanOrEqual(1);
        return view;
      },
      { timeoutMs: 30_000 },
    );
    expect(lapsed.level).toBe('grid');
    await ok(http.post(`${path}/cohandlers/village-v02/report`, { note: '已排查 checked' }, xiguan));
    await ok(http.post(`${path}/cohandlers/grid-g07/report`, { note: '已核实 verified' }, hexi));
    const resolved = await ok(http.post(`${path}/resolve`, resolve, actors.member));
    expect(resolved.status).toBe('resolved');
    const parts = resolved.coHandlers as { unit: string; status: string; lapses: number; note: string }[];
    expect(parts.map((p) => [p.unit, p.status, p.note])).toEqual([
      ['village-v02', 'reported', '已排查 checked'],
      ['grid-g07', 'reported', '已核实 verified'],
    ]);
    const xiguanLapses = parts[0].lapses;

    const history = await ok(http.get(`${path}/history`));
    const aboutParts = (history.entries as { action: string; about?: string }[]).filter((e) =>
      e.about?.startsWith('cohandler:'),
    );
    expect(aboutParts.filter((e) => e.action !== 'escalate_on_breach' && e.action !== 'reminder')).toEqual([
      expect.objectContaining({ action: 'assign_cohandler', about: 'cohandler:village-v02' }),
      expect.objectContaining({ action: 'assign_cohandler', about: 'cohandler:grid-g07' }),
      expect.objectContaining({ action: 'report_cohandling', about: 'cohandler:village-v02' }),
      expect.objectContaining({ action: 'report_cohandling', about: 'cohandler:grid-g07' }),
    ]);

    const month = todayLocal().slice(0, 7);
    const counts = async (unit: string) =>
      (await ok(http.get(`/ledgers/${unit}?month=${month}`))).counts as Record<string, number>;
    await eventually(
      async () => {
        expect(await counts('village-v02')).toMatchObject({
          coHandlingAssigned: 1,
          coHandlingReported: 1,
          coHandlingReportedLate: 1,
          coHandlingLapsed: xiguanLapses,
          filed: 0,
        });
        expect(await counts('township-t02')).toMatchObject({
          coHandlingAssigned: 1,
          coHandlingReported: 1,
          coHandlingReportedLate: 0,
          coHandlingLapsed: 0,
          filed: 0,
        });
        // The lead's chain counts the request, not the parts.
        expect(await counts('village-v01')).toMatchObject({
          filed: 1,
          resolved: 1,
          coHandlingAssigned: 0,
          lapsed: 0,
        });
        // township-t01 holds both the request (through village-v01) and Xiguan's part.
        expect(await counts('township-t01')).toMatchObject({
          filed: 1,
          coHandlingAssigned: 1,
          coHandlingReported: 1,
        });
      },
      { timeoutMs: 30_000 },
    );
  }, 120_000);

  test('When the auditor reads the case, and reconciliation checks it, then each part is in the timeline and the state at a moment, and a lost part contribution is repaired', async () => {
    const timeline = await ok(http.get(`/audit/cases/request-${id}/timeline`));
    const lines = (timeline.lines as { action: string; about?: string; revision?: number }[]).filter(
      (line) => line.about === 'cohandler:grid-g07',
    );
    expect(lines.map((l) => l.action)).toEqual(['assign_cohandler', 'report_cohandling']);
    const asOf = await ok(http.get(`/audit/cases/request-${id}/state?revision=${lines[0].revision}`));
    const state = asOf.state as { coHandlers: { unit: string; status: string }[] };
    expect(state.coHandlers.map((p) => [p.unit, p.status])).toEqual([
      ['village-v02', 'open'],
      ['grid-g07', 'open'],
    ]);

    // Reconciled at rest: under the short policy the return visit lapses within seconds, and a pass
    // that meets the closing revision half-committed counts it as drift (seen on a loaded machine).
    await eventually(async () => expect((await ok(http.get(`/requests/${id}`))).status).toBe('closed'), {
      timeoutMs: 60_000,
    });
    const workflowCode: WorkflowBundleWithSourceMap = await bundleWorkflows();
    const reconcile = () =>
      reconcileReadModels(
        {
          models: e2e.system.models,
          sources: {
            temporal: e2e.system.temporal,
            archiveDir: e2e.system.archiveDir,
            keys: e2e.system.keys,
          },
          workflowCode: async () => workflowCode,
        },
        {},
      );
    expect(await reconcile()).toMatchObject({ drifted: 0, failed: 0 });
    const lost = await e2e.system.models.KpiContribution.deleteMany({ requestId: id, coHandler: 'grid-g07' });
    expect(lost.deletedCount).toBe(1);
    expect(await reconcile()).toMatchObject({ drifted: 1, repaired: 1, failed: 0 });
    expect(
      await e2e.system.models.KpiContribution.countDocuments({ requestId: id, coHandler: 'grid-g07' }),
    ).toBe(1);
  }, 120_000);
});
