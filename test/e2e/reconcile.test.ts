import { join } from 'node:path';
import { Model } from 'mongoose';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { RequestDoc } from '../../activities/db/models';
import { sliceKey, tallyLanded } from '../../activities/db/slices';
import { inboxScope, noticesLanded } from '../../activities/notifications/inbox';
import { requestLanded } from '../../activities/requests/projection';
import { commitmentLanded, commitmentList } from '../../activities/commitments/projection';
import { CommitmentDoc } from '../../activities/db/commitmentModels';
import { KeyedNotice } from '../../common/notifications';
import { reconcileScheduleId, reconcileWorkflowType } from '../../common/readModelJobs';
import { reconcileReadModels, ReconcileOptions, ReconcileSummary } from '../../reconcile/reconciler';
import { changedCases } from '../../reconcile/truth';
import { ensureAuditSchedules } from '../../worker/auditSchedules';
import { bundleWorkflows } from '../../worker/bundle';
import { actors, repoRoot } from '../support/fixtures';
import { useE2eSystem } from '../support/e2eSystem';
import { eventually } from '../support/eventually';

/**
 * Reconciliation on the real dev server and FerretDB: read models that were deleted or altered are
 * repaired from Temporal's record, and read models emptied are rebuilt to what they were. Runs on
 * the default policy (deadlines in days), so no case moves while the test compares.
 */
const e2e = useE2eSystem(join(repoRoot, 'config', 'policy.default.json'));
const { http } = e2e;
let workflowCode: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  workflowCode = await bundleWorkflows();
}, 60_000);

const reconcile = (options: ReconcileOptions = {}) =>
  reconcileReadModels(
    {
      models: e2e.system.models,
      sources: { temporal: e2e.system.temporal, archiveDir: e2e.system.archiveDir, keys: e2e.system.keys },
      workflowCode: async () => workflowCode,
    },
    options,
  );

const team = { id: 'cadre-r', role: 'assistance_team', unit: 'industry-bureau' };

async function file(title: string): Promise<string> {
  const created = await http.post(
    '/requests',
    {
      channel: 'hotline',
      category: 'general',
      title,
      description: 'reconcile test',
      requester: { id: 'resident-1', name: '张三', phone: '13800000000' },
      gridId: 'g01',
    },
    actors.resident,
  );
  expect(created.status).toBe(201);
  return created.body.id;
}

async function act(
  path: string,
  body: unknown,
  actor: { id: string; role: string; unit: string },
): Promise<void> {
  const res = await http.post(path, body, actor);
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Every page of a list, following `next`. */
async function listAll(path: string): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let cursor: string | undefined, page = 0; page < 50; page++) {
    const res = await http.get(
      `${path}${path.includes('?') ? '&' : '?'}pageSize=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.next;
    if (!cursor) break;
  }
  return items;
}

type Stored = Record<string, Record<string, unknown>[]>;

function readModels() {
  const { Request, RequestState, Timeline, Notification, Commitment, Problem, Funding, Slice } =
    e2e.system.models;
  return {
    requests: Request,
    request_states: RequestState,
    timeline: Timeline,
    notifications: Notification,
    commitments: Commitment,
    problems: Problem,
    funds: Funding,
    slices: Slice,
  } as Record<string, Model<any>>;
}

const withoutSlices = ({ slices: _slices, ...rest }: Stored) => rest;

/** What every slice count must be: each stored filing, opening and notice counted once. */
function exactCounts(docs: Stored): { _id: string; n: number }[] {
  const counts = tallyLanded(
    'requests',
    docs.requests.flatMap((doc) => requestLanded(doc as unknown as RequestDoc)),
  );
  tallyLanded('notifications', noticesLanded(docs.notifications as unknown as KeyedNotice[]), counts);
  for (const doc of docs.commitments as unknown as CommitmentDoc[])
    tallyLanded(commitmentList(doc.kind), commitmentLanded(doc), counts);
  return [...counts].map(([_id, n]) => ({ _id, n })).sort((a, b) => (a._id < b._id ? -1 : 1));
}

async function storedDocs(): Promise<Stored> {
  const entries = await Promise.all(
    Object.entries(readModels()).map(
      async ([name, model]) => [name, await model.find({}).sort({ _id: 1 }).lean()] as const,
    ),
  );
  return Object.fromEntries(entries.map(([name, docs]) => [name, JSON.parse(JSON.stringify(docs))]));
}

let recipients: string[] = [];
const listPaths = () => [
  '/requests',
  '/requests?unit=grid-g01',
  '/requests?unit=village-v01&status=dispatched',
  '/requests?status=withdrawn',
  '/plans',
  ...recipients.map((r) => `/notifications?recipient=${encodeURIComponent(r)}`),
];

async function lists(): Promise<Record<string, unknown[]>> {
  return Object.fromEntries(
    await Promise.all(listPaths().map(async (path) => [path, await listAll(path)] as const)),
  );
}

describe('read-model reconciliation and rebuild', () => {
  const ids: Record<string, string> = {};
  let planId = '';
  let before: { lists: Record<string, unknown[]>; docs: Stored };

  test('When cases have moved along, then a reconciliation finds nothing drifted', async () => {
    ids.submitted = await file('只提交 only filed');
    ids.dispatched = await file('已下单 dispatched');
    ids.accepted = await file('已接单 accepted');
    ids.closed = await file('已回访 closed');
    ids.withdrawn = await file('已撤回 withdrawn');
    await act(`/requests/${ids.dispatched}/dispatch`, { assignee: 'member-1' }, actors.secretary);
    for (const id of [ids.accepted, ids.closed]) {
      await act(`/requests/${id}/dispatch`, { assignee: 'member-1' }, actors.secretary);
      await act(`/requests/${id}/accept`, {}, actors.member);
      await act(`/requests/${id}/progress`, { note: 'on it' }, actors.member);
    }
    await act(`/requests/${ids.closed}/resolve`, { note: 'fixed' }, actors.member);
    await act(`/requests/${ids.closed}/feedback`, { satisfied: true }, actors.resident);
    await act(`/requests/${ids.withdrawn}/withdraw`, { reason: 'solved it myself' }, actors.resident);
    const plan = await http.post(
      '/plans',
      {
        title: '帮扶 reconcile plan',
        team: { name: '工信局帮扶组', department: 'industry-bureau' },
        lead: team.id,
        members: ['cadre-r2'],
        enterprise: { name: '东关精密机械' },
        focusAreas: ['land', 'funds'],
        initialProblems: [{ title: '用地手续', area: 'land' }],
        gridId: 'g01',
      },
      team,
    );
    expect(plan.status).toBe(201);
    planId = plan.body.id;
    await act(
      `/plans/${planId}/letters`,
      { year: 1, targets: ['用地审批'], fundsTargetYuan: 1_000_000 },
      team,
    );
    await act(`/plans/${planId}/visits`, { note: '走访车间' }, team);
    await act(`/plans/${planId}/problems`, { title: '融资难', area: 'funds' }, team);
    await act(
      `/plans/${planId}/funds`,
      {
        amountYuan: 300_000,
        source: '技改补贴',
        date: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
      },
      team,
    );
    // A withdrawn request's workflow ends: reconciliation must read closed cases too.
    await e2e.system.temporal.workflow.getHandle(`request-${ids.withdrawn}`).result();

    recipients = [
      ...new Set((await e2e.system.models.Notification.find({}).lean()).map((n) => n.recipient)),
    ].sort();
    expect(recipients).toEqual(expect.arrayContaining(['member-1']));
    before = { lists: await lists(), docs: await storedDocs() };
    expect(before.lists['/requests']).toHaveLength(5);
    expect(before.lists['/plans']).toHaveLength(1);

    const summary = await reconcile();
    expect(summary).toMatchObject({
      mode: 'reconcile',
      checked: 6,
      drifted: 0,
      repaired: 0,
      failed: 0,
      unread: 0,
    });
    // As nightly: the open cases, and the closed ones only when they closed within the window.
    const sources = {
      temporal: e2e.system.temporal,
      archiveDir: e2e.system.archiveDir,
      keys: e2e.system.keys,
    };
    expect(await reconcile({ cases: changedCases(sources, new Date(Date.now() + 60_000)) })).toMatchObject({
      checked: 5,
      byKind: { citizenRequest: expect.objectContaining({ checked: 4 }) },
    });
    expect(await reconcile({ cases: changedCases(sources, new Date(Date.now() - 3_600_000)) })).toMatchObject(
      { checked: 6 },
    );
    expect(summary.byKind).toEqual({
      citizenRequest: expect.objectContaining({ checked: 5, drifted: 0 }),
      assistancePlan: expect.objectContaining({ checked: 1, drifted: 0 }),
    });
    // FerretDB may lose an increment of two concurrent filings (activities/db/slices.ts): such a count is raised, nothing else is written.
    expect(Object.keys(summary.documents).filter((name) => name !== 'slices')).toEqual([]);
    const { slices, ...rest } = await storedDocs();
    expect(rest).toEqual(withoutSlices(before.docs));
    expect(slices).toEqual(exactCounts(before.docs));
    before.docs.slices = slices;
  });

  test('When documents are deleted and altered, then a reconciliation repairs them and the lists are as they were', async () => {
    const { Request, RequestState, Timeline, Notification, Commitment, Problem, Funding, Slice } =
      e2e.system.models;
    const filedDay = (before.docs.requests[0] as { day: string }).day;
    const memberNotice = before.docs.notifications.find(
      (n) => n.caseId === `request-${ids.dispatched}` && n.recipient === 'member-1',
    )!;
    await Request.deleteOne({ _id: ids.submitted });
    await RequestState.updateOne({ _id: ids.dispatched }, { $set: { 'state.status': 'closed' } });
    await RequestState.updateOne(
      { _id: ids.accepted },
      { $set: { revision: 1, 'state.status': 'submitted' } },
    );
    await Timeline.deleteMany({ caseId: `request-${ids.closed}`, revision: { $gt: 1 } });
    // A list document from before lists were sliced by month, day and hour.
    await Request.updateOne({ _id: ids.withdrawn }, { $unset: { month: '', day: '', hour: '' } });
    await Notification.deleteOne({ _id: memberNotice._id });
    await Slice.updateOne({ _id: sliceKey('requests', '*', filedDay) }, { $set: { n: 0 } });
    await Slice.updateOne(
      { _id: sliceKey('requests', 'unit0=grid-g01', filedDay.slice(0, 7)) },
      { $set: { n: 0 } },
    );
    // An inbox whose notices are all in place: only the slice pass can put its count right.
    const untouched = before.docs.notifications.find((n) => n.recipient !== 'member-1')!;
    await Slice.updateOne(
      { _id: sliceKey('notifications', inboxScope(untouched.recipient as string), untouched.day as string) },
      { $set: { n: 0 } },
    );
    await Commitment.updateOne({ _id: planId }, { $set: { status: 'closed', 'state.status': 'closed' } });
    await Problem.deleteOne({ _id: `${planId}:p1` });
    await Funding.updateMany({ commitmentId: planId }, { $set: { amountYuan: 1 } });
    expect(await lists()).not.toEqual(before.lists);

    const summary = await reconcile();
    expect(summary).toMatchObject({ checked: 6, drifted: 6, repaired: 6, failed: 0, unread: 0 });
    // Every request is re-projected and counted again, so the zeroed request counts may be back already; the inbox's is not.
    expect(summary.documents).toEqual({
      requests: 2,
      request_states: 2,
      timeline: expect.any(Number),
      notifications: 1,
      commitments: 1,
      problems: 1,
      funds: 1,
      slices: expect.any(Number),
    });
    expect(summary.documents.slices).toBeGreaterThanOrEqual(1);
    expect(summary.documents.timeline).toBe(
      before.docs.timeline.filter((t) => t.caseId === `request-${ids.closed}` && (t.revision as number) > 1)
        .length,
    );

    const { slices, ...rest } = await storedDocs();
    expect(rest).toEqual(withoutSlices(before.docs));
    // Re-projected filings and notices count again: above what landed, never below.
    const counted = new Map(slices.map((slice) => [slice._id, slice.n as number]));
    expect(
      before.docs.slices.filter((slice) => (counted.get(slice._id as string) ?? 0) < (slice.n as number)),
    ).toEqual([]);
    expect(await lists()).toEqual(before.lists);

    const again = await reconcile();
    expect(again).toMatchObject({ checked: 6, drifted: 0, documents: {} });
  });

  test('When the read models are dropped, then a rebuild writes them again from Temporal and the lists equal the originals', async () => {
    for (const model of Object.values(readModels())) await model.collection.drop().catch(() => undefined);
    expect(await listAll('/requests')).toEqual([]);

    const summary = await reconcile({ rebuild: true });
    expect(summary).toMatchObject({
      mode: 'rebuild',
      checked: 6,
      repaired: 6,
      failed: 0,
      unread: 0,
      documents: {},
    });
    console.log(
      `rebuild: ${summary.checked} cases in ${summary.elapsedMs} ms (${summary.casesPerSecond} cases/s)`,
    );
    expect(await lists()).toEqual(before.lists);
    // Counted from nothing, each filing and notice once: the counts are exact again.
    expect(await storedDocs()).toEqual(before.docs);
  });

  test('When the nightly reconcile schedule fires, then the worker repairs a deleted list document without anyone running the command', async () => {
    const { temporal, taskQueue, models } = e2e.system;
    await models.Request.deleteOne({ _id: ids.accepted });
    await ensureAuditSchedules(temporal, taskQueue);
    const schedule = temporal.schedule.getHandle(reconcileScheduleId);
    expect((await schedule.describe()).action).toMatchObject({
      type: 'startWorkflow',
      workflowType: reconcileWorkflowType,
    });
    await schedule.trigger();
    const run = await eventually(async () => {
      const [started] = (await schedule.describe()).info.recentActions;
      expect(started).toBeDefined();
      return started.action.workflow;
    });
    const result: ReconcileSummary = await temporal.workflow
      .getHandle(run.workflowId, run.firstExecutionRunId)
      .result();
    expect(result).toMatchObject({ checked: 6, drifted: 1, repaired: 1, documents: { requests: 1 } });
    expect(await lists()).toEqual(before.lists);
  });
});
