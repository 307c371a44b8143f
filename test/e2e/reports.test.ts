import ExcelJS from 'exceljs';
import {
  reportCycleWorkflowId,
  reportScheduleId,
  scheduledReportCycleWorkflowType,
} from '../../common/reports';
import { kpiDay } from '../../domain/kpi/facts';
import { cycleUnderWay, latestCycleDay } from '../../domain/kpi/report';
import { ensureReportSchedule } from '../../worker/reportSchedule';
import { actors } from '../support/fixtures';
import { authHeaders, useE2eSystem } from '../support/e2eSystem';
import { demoCounty, syntheticRequestDoc } from '../support/requestDocs';
import { eventually } from '../support/eventually';

/**
 * The 14th/28th reporting cycle on the real dev server and FerretDB over PostgreSQL. The dev
 * server's clock cannot be moved, so the cycle run is the one under way (the first 14th or 28th
 * after today), whose period counts today. On the short policy an emergency climbs the ladder in
 * seconds and waits at the committee for an hour; every other deadline is an hour away.
 */
const e2e = useE2eSystem();
const { http } = e2e;
const administrator = { id: 'admin-1', role: 'administrator', unit: 'it' };
const today = () => kpiDay(new Date().toISOString());
const date = cycleUnderWay(today());
const grid = 'grid-g01';

async function file(category: 'general' | 'emergency', title: string): Promise<string> {
  const created = await http.post(
    '/requests',
    {
      channel: 'hotline',
      category,
      title,
      description: 'reporting cycle test',
      requester: { id: 'resident-1', name: '张三' },
      gridId: 'g01',
    },
    actors.resident,
  );
  expect(created.status).toBe(201);
  return created.body.id;
}

async function act(id: string, action: string, body: unknown, actor: (typeof actors)[keyof typeof actors]) {
  const res = await http.post(`/requests/${id}/${action}`, body, actor);
  if (res.status >= 300) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
}

const ids: Record<string, string> = {};
let first: { body: Record<string, unknown> };

describe('the reporting cycle', () => {
  test('When a cycle runs for a date, then each unit’s report counts new, open, overdue with holder, escalated, resolved and satisfaction', async () => {
    ids.closed = await file('general', '路灯不亮');
    ids.reopened = await file('general', '楼道积水');
    ids.inProgress = await file('general', '噪音扰民');
    ids.overdue = await file('emergency', '燃气泄漏');
    ids.withdrawn = await file('general', '重复来电');
    for (const id of [ids.closed, ids.reopened, ids.inProgress]) {
      await act(id, 'dispatch', { assignee: 'member-1' }, actors.secretary);
      await act(id, 'accept', {}, actors.member);
    }
    await act(ids.closed, 'resolve', { note: 'fixed' }, actors.member);
    await act(ids.closed, 'feedback', { satisfied: true }, actors.resident);
    await act(ids.reopened, 'resolve', { note: 'pumped' }, actors.member);
    await act(ids.reopened, 'feedback', { satisfied: false, note: 'wet again' }, actors.resident);
    await act(ids.inProgress, 'progress', { note: 'talked to the neighbours' }, actors.member);
    await act(ids.withdrawn, 'withdraw', { reason: 'called twice' }, actors.resident);
    // The emergency climbs grid → village → township → committee, where it waits an hour.
    await eventually(
      async () => {
        const listed = await http.get(`/requests?level=committee&unit=${grid}`);
        expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(ids.overdue);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    // Every projection (and so every ledger day) has landed once the list shows the last step.
    await eventually(
      async () => {
        const listed = await http.get(`/requests?unit=${grid}&pageSize=10`);
        const status = Object.fromEntries(
          listed.body.items.map((r: { id: string; status: string }) => [r.id, r.status]),
        );
        expect(status).toEqual({
          [ids.closed]: 'closed',
          [ids.reopened]: 'reopened',
          [ids.inProgress]: 'in_progress',
          [ids.overdue]: 'submitted',
          [ids.withdrawn]: 'withdrawn',
        });
      },
      { timeoutMs: 30_000 },
    );

    const run = await http.post('/reports/cycles', { date }, administrator);
    expect(run.status).toBe(200);
    const units = 7;
    expect(run.body).toMatchObject({
      workflowId: reportCycleWorkflowId(date),
      date,
      period: { to: today() },
      written: units,
      kept: 0,
    });

    first = await http.get(`/reports/${date}/${grid}`);
    expect(first.body).toMatchObject({
      date,
      unit: grid,
      level: 0,
      reportsTo: 'village-v01',
      filed: 5,
      open: 3,
      openByStatus: { reopened: 1, in_progress: 1, submitted: 1 },
      overdue: 1,
      overdueItems: [
        { requestId: ids.overdue, title: '燃气泄漏', stage: 'dispatch', holder: 'committee-c01' },
      ],
      escalated: 3,
      resolved: 2,
      satisfaction: { satisfied: 1, unsatisfied: 1, noFeedback: 0, rate: 0.5 },
      publicNotices: 0,
      committeeLapses: [],
    });
    // The village counts its grids; the grid with nothing filed reports zeros.
    const village = await http.get(`/reports?date=${date}&unit=village-v01`);
    expect(village.body.items.map((r: { unit: string }) => r.unit)).toEqual([
      'grid-g01',
      'grid-g02',
      'village-v01',
    ]);
    expect(village.body.items[2]).toMatchObject({ filed: 5, open: 3, overdue: 1, escalated: 3, resolved: 2 });
    expect(village.body.items[1]).toMatchObject({ filed: 0, open: 0, overdue: 0, escalated: 0, resolved: 0 });
    expect((await http.get(`/reports?date=${date}`)).body.items).toHaveLength(units);
  }, 180_000);

  test('When a cycle has run, then the unit and the unit above find its report in their inboxes', async () => {
    const caseId = reportCycleWorkflowId(date);
    const reportsIn = async (recipient: string) =>
      (await http.get(`/notifications?recipient=${recipient}&pageSize=100`)).body.items.filter(
        (n: { kind: string; caseId: string }) => n.kind === 'cycle_report' && n.caseId === caseId,
      );
    expect(await reportsIn(grid)).toHaveLength(1);
    const village = await reportsIn('village-v01');
    // Its own, and one from each of its two grids.
    expect(village).toHaveLength(3);
    expect(village.map((n: { message: string }) => n.message).join('\n')).toContain(`${grid} `);
  });

  test('When the same date runs again after requests moved, then it keeps the reports it made and tells nobody twice', async () => {
    await act(ids.inProgress, 'resolve', { note: 'quiet now' }, actors.member);
    const again = await http.post('/reports/cycles', { date }, administrator);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ written: 0, kept: 7 });
    expect((await http.get(`/reports/${date}/${grid}`)).body).toEqual(first.body);
    const inbox = await http.get(`/notifications?recipient=${grid}&pageSize=100`);
    expect(inbox.body.items.filter((n: { kind: string }) => n.kind === 'cycle_report')).toHaveLength(1);
  }, 120_000);

  test('When a report is exported, then the CSV and the workbook hold its figures and the overdue holder', async () => {
    const csv = await fetch(`${e2e.system.url}/api/v1/reports/${date}/${grid}?format=csv&section=overdue`, {
      headers: authHeaders(actors.auditor),
    });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = Buffer.from(await csv.arrayBuffer()).toString('utf8');
    expect(text.startsWith('\uFEFF诉求编号（Request）,')).toBe(true);
    expect(text).toContain(`${ids.overdue},燃气泄漏,dispatch,committee-c01,`);

    const xlsx = await fetch(`${e2e.system.url}/api/v1/reports/${date}/${grid}?format=xlsx`, {
      headers: authHeaders(actors.auditor),
    });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.worksheets.map((sheet) => sheet.name)).toHaveLength(3);
    const summary = book.worksheets[0];
    expect(summary.getRow(2).getCell(5).value).toBe('新增（New）');
    expect(summary.getRow(3).getCell(5).value).toBe(5);
  });

  test('When a date is bad or the actor no administrator, then the API refuses, naming why', async () => {
    const bad = await http.post('/reports/cycles', { date: '2026-12-15' }, administrator);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      {
        field: 'body.date',
        message: '2026-12-15 is not a cycle day: reports are made on the 14th and the 28th',
      },
    ]);
    const malformed = await http.post('/reports/cycles', { date: '2026-02-30' }, administrator);
    expect(malformed.body.errors).toEqual([
      { field: 'body.date', message: '2026-02-30 is not a date YYYY-MM-DD' },
    ]);
    const ahead = await http.post('/reports/cycles', { date: '2099-12-14' }, administrator);
    expect(ahead.body.errors[0]).toEqual({
      field: 'body.date',
      message: `2099-12-14 is after the cycle under way, ${date}`,
    });
    const listBad = await http.get('/reports?date=12/14/2026');
    expect(listBad.status).toBe(400);
    expect(listBad.body.errors[0].field).toBe('query.date');
    expect((await http.post('/reports/cycles', { date }, actors.leader)).status).toBe(403);
    expect((await http.get(`/reports/${date}/grid-nowhere`)).status).toBe(404);
  });

  test('When the worker starts twice, then the report schedule exists once, on the 14th and 28th at 08:00 Beijing, and a trigger runs the latest cycle', async () => {
    const { temporal, taskQueue } = e2e.system;
    await ensureReportSchedule(temporal, taskQueue);
    await ensureReportSchedule(temporal, taskQueue);
    const described = await temporal.schedule.getHandle(reportScheduleId).describe();
    expect(described.spec.timezone).toBe('Asia/Shanghai');
    expect(described.spec.calendars).toEqual([
      expect.objectContaining({
        dayOfMonth: [
          { start: 14, end: 14, step: 1 },
          { start: 28, end: 28, step: 1 },
        ],
        hour: [{ start: 8, end: 8, step: 1 }],
        minute: [{ start: 0, end: 0, step: 1 }],
      }),
    ]);
    expect(described.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: scheduledReportCycleWorkflowType,
    });

    await temporal.schedule.getHandle(reportScheduleId).trigger();
    const latest = latestCycleDay(today());
    const result = await eventually(
      () => temporal.workflow.getHandle(reportCycleWorkflowId(latest)).result(),
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(result).toMatchObject({ date: latest, written: 7, kept: 0 });
  }, 120_000);

  test('When a unit’s open requests are looked up, then PostgreSQL finds them through the GIN index, not by scanning', async () => {
    const { models } = e2e.system;
    // PostgreSQL scans a table this small whatever its indexes: give it a county's worth of others, most closed.
    const others = Array.from({ length: 3_000 }, (_, i) => syntheticRequestDoc(demoCounty, i, 3_000));
    await models.Request.insertMany(others, { lean: true });
    for (const filter of [{ openUnit0: grid }, { openUnit2: 'township-4' }]) {
      const plan = JSON.stringify(
        (await models.Request.db.db!.command({ explain: { find: 'requests', filter } })).queryPlanner,
      );
      expect(plan).not.toContain('"Seq Scan"');
      const indexes = [...plan.matchAll(/"Index Name":"([^"]+)"/g)].map((m) => m[1]);
      expect(indexes.length).toBeGreaterThan(0);
      expect(indexes.every((name) => name.startsWith('lianxin_gin_'))).toBe(true);
    }
    expect(await models.Request.countDocuments({ openUnit2: 'township-4' })).toBe(
      others.filter((doc) => doc.unit2 === 'township-4' && doc.openUnit2).length,
    );
  }, 60_000);
});
