import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitmentWorkflowId, commitmentWorkflowTypes, CommitmentInput } from '../../common/commitments';
import { parsePolicy } from '../../domain/policy/policy';
import { actors, jurisdiction, planSubmission, repoRoot } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { useE2eSystem } from '../support/e2eSystem';

/**
 * Three-year commitments over HTTP on the real dev server and FerretDB, with the short policy:
 * an enterprise letter is due 4 s into the plan year, problems have 4 s, each rung of the ladder 3 s,
 * a closed commitment's case ends 5 s after closing.
 */
const e2e = useE2eSystem();
const { http } = e2e;

type Actor = { id: string; role: string; unit: string };
const person = (id: string): Actor => ({ id, role: 'assistance_team', unit: 'industry-bureau' });
const supervisor = actors.leader;
let seq = 0;
/** Each test opens its own commitments with people of its own, so inboxes and lists do not mix. */
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(seq += 1)}`;
const todayLocal = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const planBody = (lead: string, overrides: Record<string, unknown> = {}) => ({
  title: '帮扶东关精密机械 assistance to Dongguan Precision',
  team: { name: '工信局帮扶组 industry bureau team', department: 'industry-bureau' },
  lead,
  members: [`${lead}-m`],
  enterprise: { name: '东关精密机械有限公司 Dongguan Precision', creditCode: '91110000MA01ABCD2X' },
  focusAreas: ['land', 'funds'],
  initialProblems: [{ title: '用地手续 land procedures', area: 'land' }],
  gridId: 'g01',
  ...overrides,
});

async function openPlan(
  lead: string,
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const created = await http.post('/plans', planBody(lead, overrides), person(lead), headers);
  expect(created.status).toBe(201);
  return created.body;
}

const history = async (path: string) =>
  (await http.get(`${path}/history`)).body.entries as {
    action: string;
    rule?: string;
    note?: string;
    about?: string;
    actor: { id: string };
  }[];
const inbox = async (recipient: string, caseId: string) =>
  (
    (await http.get(`/notifications?recipient=${recipient}&pageSize=100`)).body.items as {
      kind: string;
      message: string;
      caseId: string;
    }[]
  ).filter((n) => n.caseId === caseId);
const fields = (res: { body: { errors?: { field: string }[] } }) =>
  (res.body.errors ?? []).map((e) => e.field);

describe('three-year commitments over HTTP on the real dev server and FerretDB', () => {
  test('When a plan opens with an initial problem, then it answers 201 with its team, its year-1 obligations and the problem as a case of its own', async () => {
    const lead = unique('lead');
    const res = await http.post('/plans', planBody(lead), person(lead));
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBe('false');
    const plan = res.body;
    expect(res.headers.get('location')).toBe(`/api/v1/plans/${plan.id}`);
    expect(plan).toMatchObject({
      kind: 'enterprise',
      status: 'active',
      statusLabel: { zh: '履行中', en: 'Active' },
      kindLabel: { zh: '一帮三年企业帮扶', en: 'Three-year enterprise assistance plan' },
      lead,
      members: [`${lead}-m`],
      termYears: 3,
      year: 1,
      startDate: todayLocal(),
      enterprise: { name: '东关精密机械有限公司 Dongguan Precision' },
      units: ['grid-g01', 'village-v01', 'township-t01', 'committee-c01'],
      problems: [{ id: 'p1', status: 'open', statusLabel: { zh: '待解决', en: 'Open' }, area: 'land' }],
    });
    const startsAt = Date.parse(plan.startsAt);
    expect(plan.endsAt.slice(0, 4)).toBe(String(new Date(startsAt).getUTCFullYear() + 3));
    // Year-1 obligations count from the opening (the plan year itself starts at local midnight of the start date).
    const openedAt = Date.parse(plan.updatedAt);
    expect(plan.letters).toEqual([
      expect.objectContaining({ year: 1, signed: false, dueAt: new Date(openedAt + 4_000).toISOString() }),
    ]);
    expect(plan.obligations.map((o: { id: string }) => o.id).sort()).toEqual([
      'letter:1',
      'problem:p1',
      'visit',
    ]);
    expect(plan.obligations.find((o: { id: string }) => o.id === 'letter:1')).toMatchObject({
      purpose: 'letter year 1',
      level: expect.any(String),
      owner: expect.any(String),
    });
    expect(Date.parse(plan.nextAnniversary)).toBeGreaterThan(Date.now() + 300 * 86_400_000);
    expect(plan.holders).toEqual([
      { role: 'lead', person: lead, from: plan.startsAt },
      { role: 'member', person: `${lead}-m`, from: plan.startsAt },
    ]);

    const problem = await http.get(`/plans/${plan.id}/problems/p1`);
    expect(problem.status).toBe(200);
    expect(problem.body).toMatchObject({
      id: 'p1',
      commitmentId: plan.id,
      title: '用地手续 land procedures',
      status: 'open',
      lead,
    });
    expect(problem.body.deadline).toMatchObject({
      purpose: 'problem p1',
      rule: 'policy e2e-short enterprise.problemResolve: PT4S',
    });
    expect((await http.get(`/plans/${plan.id}`)).body).toMatchObject({ id: plan.id, title: plan.title });
    await eventually(async () =>
      expect((await inbox(lead, `plan-${plan.id}`)).map((n) => n.kind)).toContain('assigned'),
    );
  });

  test('When the letter is not signed, then it escalates with reminders on each rung and the lead is urged; signed late, it shows signed and late', async () => {
    const lead = unique('lead');
    const plan = await openPlan(lead, { initialProblems: [] });
    // The year-1 letter is due 4 s after opening: a reminder at half time, then escalation to the village.
    const entries = await eventually(
      async () => {
        const all = await history(`/plans/${plan.id}`);
        const forLetter = all.filter(
          (e) => e.rule?.includes('letter year 1') || e.rule?.includes('enterprise.letterDue'),
        );
        expect(forLetter.map((e) => e.action)).toEqual(
          expect.arrayContaining(['escalate_on_breach', 'reminder']),
        );
        return forLetter;
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(entries[0]).toMatchObject({ action: 'reminder', actor: { id: 'system' } });
    const breach = entries.find((e) => e.action === 'escalate_on_breach');
    expect(breach?.rule).toContain('breach of policy e2e-short enterprise.letterDue: PT4S');
    await eventually(async () => {
      expect(
        (await inbox(lead, `plan-${plan.id}`))
          .filter((n) => n.message.includes('letter year 1'))
          .map((n) => n.kind),
      ).toContain('urge');
      expect(
        (await inbox('village-v01', `plan-${plan.id}`))
          .filter((n) => n.message.includes('letter year 1'))
          .map((n) => n.kind),
      ).toEqual(expect.arrayContaining(['supervise', 'reminder']));
    });

    const signed = await http.post(
      `/plans/${plan.id}/letters`,
      { year: 1, targets: ['用地审批 land approval', '融资 ¥1M financing'], fundsTargetYuan: 1_000_000 },
      person(lead),
    );
    expect(signed.status).toBe(200);
    expect(signed.body.letters[0]).toMatchObject({
      year: 1,
      signed: true,
      onTime: false,
      signedBy: lead,
      targets: ['用地审批 land approval', '融资 ¥1M financing'],
      fundsTargetYuan: 1_000_000,
    });
    expect(signed.body.obligations.map((o: { id: string }) => o.id)).not.toContain('letter:1');
    expect(signed.body.funds.byYear[0]).toEqual({ year: 1, amountYuan: 0, targetYuan: 1_000_000 });
    const last = (await history(`/plans/${plan.id}`)).pop();
    expect(last).toMatchObject({ action: 'sign_letter', actor: { id: lead } });
    expect(last?.rule).toMatch(/^late \(due /);

    const again = await http.post(`/plans/${plan.id}/letters`, { year: 1, targets: ['again'] }, person(lead));
    expect(again.status).toBe(409);
    expect(
      (await http.post(`/plans/${plan.id}/letters`, { year: 2, targets: ['too early'] }, person(lead)))
        .status,
    ).toBe(400);
    expect(
      (
        await http.post(
          `/plans/${plan.id}/letters`,
          { year: 1, targets: ['not mine'] },
          person(unique('stranger')),
        )
      ).status,
      // Someone not on the team is out of its scope: the plan is not found for them.
    ).toBe(404);
  });

  test('When a visit is recorded, then it counts in its year and the next visit is due from it, owned by the lead', async () => {
    const lead = unique('lead');
    const plan = await openPlan(lead, { initialProblems: [] });
    const before = Date.now();
    const visited = await http.post(
      `/plans/${plan.id}/visits`,
      { note: '走访企业 visited the workshop' },
      person(`${lead}-m`),
    );
    expect(visited.status).toBe(200);
    expect(visited.body.visits).toMatchObject({
      total: 1,
      byYear: [
        { year: 1, count: 1 },
        { year: 2, count: 0 },
        { year: 3, count: 0 },
      ],
      last: { by: `${lead}-m`, note: '走访企业 visited the workshop' },
    });
    const visit = visited.body.obligations.find((o: { id: string }) => o.id === 'visit');
    expect(visit).toMatchObject({ level: 'grid', owner: lead });
    expect(Date.parse(visit.dueAt)).toBeGreaterThanOrEqual(before + 3_600_000 - 1_000);
    const future = await http.post(
      `/plans/${plan.id}/visits`,
      { note: 'tomorrow', at: new Date(Date.now() + 86_400_000).toISOString() },
      person(lead),
    );
    expect(future.status).toBe(400);
    expect(future.body.detail).toContain('must lie between the plan start and now');
    expect(
      (await http.post(`/plans/${plan.id}/visits`, { note: 'x', household: 'h1' }, person(lead))).status,
    ).toBe(400);
  });

  test('When a problem is opened, progressed and resolved, then it is a case of its own and the plan shows it resolved', async () => {
    const lead = unique('lead');
    const plan = await openPlan(lead);
    const opened = await http.post(
      `/plans/${plan.id}/problems`,
      { title: '融资难 financing', area: 'funds' },
      person(lead),
    );
    expect(opened.status).toBe(201);
    expect(opened.headers.get('location')).toBe(`/api/v1/plans/${plan.id}/problems/p2`);
    expect(opened.body.problems.map((p: { id: string; status: string }) => `${p.id}:${p.status}`)).toEqual([
      'p1:open',
      'p2:open',
    ]);

    const live = await http.get(`/plans/${plan.id}/problems/p2`);
    expect(live.body).toMatchObject({
      id: 'p2',
      status: 'open',
      level: 'grid',
      owner: lead,
      lead,
      deadline: { purpose: 'problem p2', owner: lead, level: 'grid' },
    });
    const progressed = await http.post(
      `/plans/${plan.id}/problems/p2/progress`,
      { note: '对接银行 bank contacted' },
      person(`${lead}-m`),
    );
    expect(progressed.status).toBe(200);
    expect(progressed.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'open_problem',
      'problem_progress',
    ]);
    expect(progressed.body.notes).toEqual([expect.objectContaining({ note: '对接银行 bank contacted' })]);
    const resolved = await http.post(
      `/plans/${plan.id}/problems/p2/resolve`,
      { outcome: '贷款到位 loan granted' },
      person(lead),
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      statusLabel: { zh: '已解决', en: 'Resolved' },
      outcome: '贷款到位 loan granted',
    });
    expect(resolved.body.deadline).toBeUndefined();

    await eventually(async () => {
      const now = (await http.get(`/plans/${plan.id}`)).body;
      expect(now.problems.find((p: { id: string }) => p.id === 'p2')).toMatchObject({
        status: 'resolved',
        outcome: '贷款到位 loan granted',
        resolvedAt: expect.any(String),
      });
    });
    expect((await history(`/plans/${plan.id}`)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['open_problem', 'problem_resolved']),
    );
    await eventually(async () => {
      const again = await http.post(
        `/plans/${plan.id}/problems/p2/progress`,
        { note: 'late note' },
        person(lead),
      );
      expect(again.status).toBe(409);
      expect(again.body.detail).toBe('cannot change problem p2: it is resolved');
    });
    expect((await http.get(`/plans/${plan.id}/problems/p2`)).body.status).toBe('resolved');
    expect((await http.get(`/plans/${plan.id}/problems/p9`)).status).toBe(404);
    expect(
      (await http.post(`/plans/${plan.id}/problems/p9/progress`, { note: 'x' }, person(lead))).status,
    ).toBe(404);
    expect(
      fields(await http.post(`/plans/${plan.id}/problems`, { title: 'x', area: 'weather' }, person(lead))),
    ).toEqual(['body.area']);
  });

  test('When an initial problem is not solved in time, then it escalates up the ladder and the plan hears of it', async () => {
    const lead = unique('lead');
    const plan = await openPlan(lead);
    const escalated = await eventually(
      async () => {
        const problem = (await http.get(`/plans/${plan.id}/problems/p1`)).body;
        expect(problem.level).not.toBe('grid');
        return problem;
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(escalated.timeline.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['reminder', 'escalate_on_breach']),
    );
    expect(escalated).toMatchObject({ lead, owner: expect.stringMatching(/^(village|township|committee)-/) });
    await eventually(async () => {
      const summary = (await http.get(`/plans/${plan.id}`)).body.problems[0];
      expect(summary).toMatchObject({ id: 'p1', status: 'open' });
      expect(summary.level).not.toBe('grid');
    });
    expect(
      (await history(`/plans/${plan.id}`)).filter((e) => e.about === 'p1').map((e) => e.action),
    ).toContain('escalate_on_breach');
    await eventually(async () =>
      expect(
        (await inbox(lead, `plan-${plan.id}`))
          .filter((n) => n.message.includes('problem p1'))
          .map((n) => n.kind),
      ).toEqual(expect.arrayContaining(['reminder', 'urge'])),
    );
  });

  test('When funds are recorded twice, then the ledger lists both with totals per year and over the term', async () => {
    const lead = unique('lead');
    const plan = await openPlan(lead, { initialProblems: [] });
    const date = todayLocal();
    const first = await http.post(
      `/plans/${plan.id}/funds`,
      { amountYuan: 300_000.5, source: '技改补贴 upgrade subsidy', date },
      person(lead),
    );
    expect(first.status).toBe(200);
    const second = await http.post(
      `/plans/${plan.id}/funds`,
      { amountYuan: 200_000.25, source: '银行贷款 bank loan', date, note: '3-year loan' },
      person(`${lead}-m`),
    );
    expect(second.status).toBe(200);
    expect(second.body.funds).toEqual({
      termYuan: 500_000.75,
      byYear: [
        { year: 1, amountYuan: 500_000.75 },
        { year: 2, amountYuan: 0 },
        { year: 3, amountYuan: 0 },
      ],
    });

    const ledger = await http.get(`/plans/${plan.id}/funds`);
    expect(ledger.status).toBe(200);
    expect(ledger.body).toMatchObject({
      id: plan.id,
      currency: 'CNY',
      entries: [
        {
          id: 'f1',
          date,
          year: 1,
          amountYuan: 300_000.5,
          source: '技改补贴 upgrade subsidy',
          recordedBy: lead,
        },
        {
          id: 'f2',
          date,
          year: 1,
          amountYuan: 200_000.25,
          source: '银行贷款 bank loan',
          note: '3-year loan',
          recordedBy: `${lead}-m`,
        },
      ],
      totals: {
        termYuan: 500_000.75,
        byYear: [
          { year: 1, amountYuan: 500_000.75 },
          { year: 2, amountYuan: 0 },
          { year: 3, amountYuan: 0 },
        ],
      },
    });
    expect(await e2e.system.models.Funding.countDocuments({ commitmentId: plan.id })).toBe(2);
    const future = await http.post(
      `/plans/${plan.id}/funds`,
      { amountYuan: 1, source: 's', date: '2099-01-01' },
      person(lead),
    );
    expect(future.status).toBe(400);
  });

  test('When the lead is handed over, then the new lead owns the obligations and the open problems, is told, and the holders show who was responsible when', async () => {
    const lead = unique('lead');
    const next = unique('next');
    const plan = await openPlan(lead);
    await http.post(`/plans/${plan.id}/letters`, { year: 1, targets: ['t'] }, person(lead));
    expect((await http.post(`/plans/${plan.id}/visits`, { note: 'first visit' }, person(lead))).status).toBe(
      200,
    );

    const refused = await http.post(
      `/plans/${plan.id}/handover`,
      { role: 'lead', from: lead, to: next, reason: 'transfer' },
      person(lead),
    );
    expect(refused.status).toBe(403);
    const handed = await http.post(
      `/plans/${plan.id}/handover`,
      { role: 'lead', from: lead, to: next, reason: '调任县局 transferred to the county bureau' },
      supervisor,
    );
    expect(handed.status).toBe(200);
    expect(handed.body.lead).toBe(next);
    const leads = handed.body.holders.filter((h: { role: string }) => h.role === 'lead');
    expect(leads).toEqual([
      {
        role: 'lead',
        person: lead,
        from: plan.startsAt,
        to: expect.any(String),
        reason: '调任县局 transferred to the county bureau',
      },
      { role: 'lead', person: next, from: leads[0].to },
    ]);
    const own = handed.body.obligations.filter((o: { level: string }) => o.level === 'grid');
    expect(own.map((o: { id: string }) => o.id)).toContain('visit');
    expect(own.every((o: { owner: string }) => o.owner === next)).toBe(true);
    expect((await history(`/plans/${plan.id}`)).pop()).toMatchObject({
      action: 'handover',
      actor: { id: supervisor.id },
    });

    await eventually(async () => {
      expect((await inbox(next, `plan-${plan.id}`)).map((n) => n.kind)).toContain('handover');
      expect((await inbox(lead, `plan-${plan.id}`)).map((n) => n.kind)).toContain('handover');
      expect((await http.get(`/plans/${plan.id}/problems/p1`)).body.lead).toBe(next);
    });
    expect((await http.get(`/plans?holder=${next}`)).body.items.map((p: { id: string }) => p.id)).toEqual([
      plan.id,
    ]);
    // The former lead no longer holds the plan, so it is out of their scope.
    const stale = await http.post(`/plans/${plan.id}/visits`, { note: 'former lead' }, person(lead));
    expect(stale.status).toBe(404);
    expect(
      (
        await http.post(
          `/plans/${plan.id}/handover`,
          { role: 'lead', from: lead, to: 'x', reason: 'again' },
          supervisor,
        )
      ).status,
    ).toBe(400);
  });

  test('When a plan is suspended, then its obligations pause; when resumed, they are back', async () => {
    const lead = unique('lead');
    const plan = await openPlan(lead, { initialProblems: [] });
    expect((await http.post(`/plans/${plan.id}/suspend`, { reason: 'x' }, person(lead))).status).toBe(403);
    const suspended = await http.post(
      `/plans/${plan.id}/suspend`,
      { reason: '企业重组 enterprise restructuring' },
      supervisor,
    );
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({
      status: 'suspended',
      statusLabel: { zh: '已暂停', en: 'Suspended' },
      obligations: [],
    });
    expect(suspended.body.nextAnniversary).toBe(plan.nextAnniversary);
    const visit = await http.post(`/plans/${plan.id}/visits`, { note: 'while suspended' }, person(lead));
    expect(visit.status).toBe(409);
    expect(visit.body.detail).toBe('cannot record a visit on a commitment that is suspended');
    await eventually(async () =>
      expect(
        (await http.get('/plans?status=suspended&pageSize=100')).body.items.map((p: { id: string }) => p.id),
      ).toContain(plan.id),
    );

    const resumed = await http.post(
      `/plans/${plan.id}/resume`,
      { reason: '重组完成 restructuring done' },
      supervisor,
    );
    expect(resumed.status).toBe(200);
    expect(resumed.body.status).toBe('active');
    expect(
      resumed.body.obligations
        .map((o: { id: string; level: string; owner: string }) => `${o.id}@${o.level}:${o.owner}`)
        .sort(),
    ).toEqual([`letter:1@grid:${lead}`, `visit@grid:${lead}`]);
    expect((await http.post(`/plans/${plan.id}/resume`, { reason: 'again' }, supervisor)).status).toBe(409);
  });

  test('When a plan is closed early, then it has a final assessment, takes comments for a while and then no more actions', async () => {
    const lead = unique('lead');
    const plan = await openPlan(lead, { initialProblems: [] });
    await http.post(`/plans/${plan.id}/visits`, { note: 'one visit' }, person(lead));
    const closed = await http.post(
      `/plans/${plan.id}/close`,
      { reason: '企业迁出 enterprise moved away' },
      supervisor,
    );
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      statusLabel: { zh: '已结束', en: 'Closed' },
      closedReason: '企业迁出 enterprise moved away',
      obligations: [],
    });
    expect(closed.body.nextAnniversary).toBeUndefined();
    expect(closed.body.assessments).toEqual([
      expect.objectContaining({
        year: 1,
        final: true,
        rating: expect.stringMatching(/^(excellent|good|fair|poor)$/),
        ratingLabel: { zh: expect.any(String), en: expect.any(String) },
        figures: expect.objectContaining({ visitsKept: 1, letterSignedOnTime: false }),
      }),
    ]);

    const comment = await http.post(
      `/plans/${plan.id}/assessments/1/comment`,
      { text: '情况属实 confirmed' },
      supervisor,
    );
    expect(comment.status).toBe(200);
    expect(comment.body.assessments[0].comment).toMatchObject({
      by: supervisor.id,
      text: '情况属实 confirmed',
    });
    expect(
      (await http.post(`/plans/${plan.id}/assessments/2/comment`, { text: 'x' }, supervisor)).status,
    ).toBe(409);
    const refused = await http.post(`/plans/${plan.id}/visits`, { note: 'after closing' }, person(lead));
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe('cannot record a visit on a commitment that is closed');

    // Once the comment window (reopenWindow, 5 s here) has passed, the case has ended: still readable, still 409.
    const handle = e2e.system.temporal.workflow.getHandle(`plan-${plan.id}`);
    await eventually(async () => expect((await handle.describe()).status.name).toBe('COMPLETED'), {
      timeoutMs: 20_000,
      intervalMs: 250,
    });
    const ended = await http.post(`/plans/${plan.id}/visits`, { note: 'much later' }, person(lead));
    expect(ended.status).toBe(409);
    expect(ended.body.detail).toBe('cannot record a visit on a plan that is closed');
    expect((await http.post(`/plans/${plan.id}/close`, { reason: 'again' }, supervisor)).status).toBe(409);
    expect((await http.get(`/plans/${plan.id}`)).body).toMatchObject({
      status: 'closed',
      assessments: [{ final: true }],
    });
    expect(
      (await http.get(`/plans?status=closed&pageSize=100`)).body.items.map((p: { id: string }) => p.id),
    ).toContain(plan.id);
  });

  test("When a plan runs on a policy whose ladder the API's policy has renamed since, then its view and its problems show the plan's own level ids", async () => {
    const apiPolicy = parsePolicy(
      JSON.parse(readFileSync(join(repoRoot, 'test', 'e2e', 'policy.short.json'), 'utf8')),
    );
    const own = { ...apiPolicy, ladder: apiPolicy.ladder.map((rung) => ({ ...rung, id: `old-${rung.id}` })) };
    const ownIds = own.ladder.map((rung) => rung.id);
    const id = unique('own-ladder');
    const input: CommitmentInput = {
      submission: planSubmission({ id, lead: unique('lead'), startDate: todayLocal(), jurisdiction }),
      policy: own,
      openedAt: new Date().toISOString(),
    };
    await e2e.system.temporal.workflow.start(commitmentWorkflowTypes.enterprise, {
      taskQueue: e2e.system.taskQueue,
      workflowId: commitmentWorkflowId('enterprise', id),
      args: [input],
    });

    const view = await http.get(`/plans/${id}`);
    expect(view.status).toBe(200);
    const levels = [
      ...view.body.obligations.map((o: { level: string }) => o.level),
      ...view.body.problems.map((p: { level: string }) => p.level),
    ];
    expect(levels.length).toBeGreaterThan(1);
    expect(levels.filter((level) => !ownIds.includes(level))).toEqual([]);
    const problem = await http.get(`/plans/${id}/problems/p1`);
    expect(ownIds).toContain(problem.body.level);
    expect(ownIds).toContain(problem.body.deadline.level);
  });

  test('When plans are listed, then filters by department, team, enterprise, status, overdue and year find them, page by page', async () => {
    const department = unique('dept');
    const a = await openPlan(unique('lead'), {
      team: { name: 'team A', department },
      enterprise: { name: 'Acme 机械厂' },
      initialProblems: [],
    });
    const b = await openPlan(unique('lead'), {
      team: { name: 'team B', department },
      enterprise: { name: 'Bolt 纺织' },
      initialProblems: [],
    });
    const ids = async (query: string) => {
      const page = await http.get(`/plans?department=${department}&${query}`);
      expect(page.status).toBe(200);
      return (page.body.items as { id: string }[]).map((p) => p.id).sort();
    };
    const both = [a.id, b.id].sort();
    /** Every id, following `next` one item at a time. */
    const onePerPage = async (query: string) => {
      const seen: string[] = [];
      let cursor = '';
      do {
        const page = await http.get(`/plans?department=${department}&${query}&pageSize=1${cursor}`);
        expect(page.status).toBe(200);
        seen.push(...(page.body.items as { id: string }[]).map((p) => p.id));
        cursor = page.body.next ? `&cursor=${encodeURIComponent(page.body.next)}` : '';
      } while (cursor);
      return seen;
    };
    // Lists read the projection, which follows the opening within moments.
    await eventually(async () => expect(await ids('')).toEqual(both));
    expect(await ids('team=team%20A')).toEqual([a.id]);
    expect(await ids(`enterprise=${encodeURIComponent('纺织')}`)).toEqual([b.id]);
    expect(await ids('status=active')).toEqual(both);
    expect(await ids('status=closed')).toEqual([]);
    const year = Number(todayLocal().slice(0, 4));
    expect(await ids(`year=${year}`)).toEqual(both);
    expect(await ids(`year=${year + 3}`)).toEqual(both);
    expect(await ids(`year=${year + 4}`)).toEqual([]);
    expect(await ids(`year=${year - 1}`)).toEqual([]);
    // Both letters lapsed at opening and were escalated: overdue until signed.
    await eventually(async () => expect(await ids('overdue=true')).toEqual(both));
    // Both start today, so the greater id comes first; the cursor's own $or leaves overdue's intact.
    expect(await onePerPage('overdue=true')).toEqual([both[1], both[0]]);
    await http.post(`/plans/${a.id}/letters`, { year: 1, targets: ['t'] }, person(a.lead));
    await http.post(`/plans/${a.id}/visits`, { note: 'v' }, person(a.lead));
    expect(await ids('overdue=false')).toEqual([a.id]);
    expect(await ids('overdue=true')).toEqual([b.id]);

    const first = await http.get(`/plans?department=${department}&pageSize=1`);
    expect(first.body).toMatchObject({ pageSize: 1, next: expect.any(String) });
    expect(first.body).not.toHaveProperty('total');
    expect(first.body.items[0]).toMatchObject({
      id: both[1],
      kind: 'enterprise',
      statusLabel: { en: 'Active' },
      team: { department },
    });
    expect(await onePerPage('')).toEqual([both[1], both[0]]);
    expect((await http.get(`/pairings?department=${department}`)).body).toEqual({ items: [], pageSize: 20 });

    const paged = await http.get(`/plans?department=${department}&page=2`);
    expect(paged.status).toBe(400);
    expect(paged.body.errors).toEqual([
      {
        field: 'query.page',
        message: 'lists have no page numbers: pass the previous page’s `next` as `cursor`',
      },
    ]);
    expect(fields(await http.get('/plans?status=open&year=99&pageSize=1000'))).toEqual([
      'query.status',
      'query.year',
      'query.pageSize',
    ]);
    expect(fields(await http.get('/plans?unit=nowhere&cursor=not-a-cursor'))).toEqual(['query.unit']);
  });

  test('When a household pairing runs, then visits name the household, deeds are promised and done, and problems are cases', async () => {
    const cadre = unique('cadre');
    const created = await http.post(
      '/pairings',
      {
        title: '结对帮扶西关村三户 pairing with three Xiguan households',
        team: { name: '组织部 organisation dept', department: 'organisation' },
        lead: cadre,
        households: [
          { id: 'h1', name: '王大爷' },
          { id: 'h2', name: '李奶奶' },
        ],
        promisedDeeds: ['修屋顶 fix the roof'],
        gridId: 'g03',
      },
      person(cadre),
    );
    expect(created.status).toBe(201);
    const pairing = created.body;
    expect(pairing).toMatchObject({
      kind: 'pairing',
      kindLabel: { zh: '结对帮扶', en: 'Household pairing' },
      termYears: 3,
      lead: cadre,
      members: [],
      units: ['grid-g03', 'village-v02', 'township-t01', 'committee-c01'],
      households: [
        { id: 'h1', name: '王大爷', visits: 0 },
        { id: 'h2', name: '李奶奶', visits: 0 },
      ],
      deeds: [{ id: 'd1', title: '修屋顶 fix the roof', done: false }],
      letters: [],
    });
    expect(pairing.funds).toBeUndefined();
    expect(pairing.obligations.map((o: { id: string }) => o.id)).toEqual(['visit']);
    expect(created.headers.get('location')).toBe(`/api/v1/pairings/${pairing.id}`);

    const visited = await http.post(
      `/pairings/${pairing.id}/visits`,
      { note: '入户走访 home visit', household: 'h1' },
      person(cadre),
    );
    expect(visited.status).toBe(200);
    expect(visited.body.households).toEqual([
      { id: 'h1', name: '王大爷', visits: 1 },
      { id: 'h2', name: '李奶奶', visits: 0 },
    ]);
    expect(visited.body.visits.last).toMatchObject({ household: 'h1' });
    const stranger = await http.post(
      `/pairings/${pairing.id}/visits`,
      { note: 'x', household: 'h9' },
      person(cadre),
    );
    expect(stranger.status).toBe(400);
    expect(stranger.body.detail).toBe('household h9 is not paired in this commitment');

    const promised = await http.post(
      `/pairings/${pairing.id}/deeds`,
      { title: '代购药品 buy medicine', household: 'h2' },
      person(cadre),
    );
    expect(promised.status).toBe(200);
    expect(promised.body.deeds[1]).toMatchObject({
      id: 'd2',
      title: '代购药品 buy medicine',
      household: 'h2',
      done: false,
    });
    const done = await http.post(
      `/pairings/${pairing.id}/deeds/d2/done`,
      { note: '已送到 delivered' },
      person(cadre),
    );
    expect(done.status).toBe(200);
    expect(done.body.deeds[1]).toMatchObject({
      id: 'd2',
      done: true,
      note: '已送到 delivered',
      doneAt: expect.any(String),
    });
    expect((await http.post(`/pairings/${pairing.id}/deeds/d2/done`, {}, person(cadre))).status).toBe(409);
    expect((await http.post(`/pairings/${pairing.id}/deeds/d7/done`, {}, person(cadre))).status).toBe(400);

    const problem = await http.post(
      `/pairings/${pairing.id}/problems`,
      { title: '屋顶漏雨 leaking roof', area: 'housing' },
      person(cadre),
    );
    expect(problem.status).toBe(201);
    expect((await http.get(`/pairings/${pairing.id}/problems/p1`)).body).toMatchObject({
      status: 'open',
      area: 'housing',
      owner: cadre,
    });

    expect((await http.get(`/pairings/${pairing.id}/funds`)).status).toBe(404);
    expect(
      (await http.post(`/pairings/${pairing.id}/letters`, { year: 1, targets: ['t'] }, person(cadre))).status,
    ).toBe(404);
    expect((await http.get(`/plans/${pairing.id}`)).status).toBe(404);
    expect(
      (await http.get('/pairings?unit=village-v02&pageSize=100')).body.items.map((p: { id: string }) => p.id),
    ).toContain(pairing.id);
  });

  test('When a member pledges deeds for the year, then each is tracked to done', async () => {
    const member = unique('member');
    const created = await http.post(
      '/pledges',
      {
        title: '党员年度公开承诺 annual public pledge',
        team: { name: '东关第一网格支部 grid 1 branch', department: 'grid-g01' },
        lead: member,
        promisedDeeds: ['清理楼道 clean the stairwell', '辅导功课 tutor two pupils'],
        gridId: 'g01',
      },
      person(member),
    );
    expect(created.status).toBe(201);
    const pledge = created.body;
    expect(pledge).toMatchObject({
      kind: 'pledge',
      kindLabel: { zh: '党员服务承诺', en: "Member's annual public pledge" },
      termYears: 1,
      obligations: [],
      deeds: [
        { id: 'd1', done: false },
        { id: 'd2', done: false },
      ],
    });
    expect(pledge.nextAnniversary).toEqual(expect.any(String));
    const more = await http.post(
      `/pledges/${pledge.id}/deeds`,
      { title: '看望老人 visit the elderly' },
      person(member),
    );
    expect(more.body.deeds.map((d: { id: string }) => d.id)).toEqual(['d1', 'd2', 'd3']);
    const done = await http.post(`/pledges/${pledge.id}/deeds/d1/done`, {}, person(member));
    expect(done.status).toBe(200);
    expect(done.body.deeds.map((d: { done: boolean }) => d.done)).toEqual([true, false, false]);
    expect(
      (await http.post(`/pledges/${pledge.id}/deeds`, { title: 'x', household: 'h1' }, person(member)))
        .status,
    ).toBe(400);
    expect((await http.post(`/pledges/${pledge.id}/visits`, { note: 'x' }, person(member))).status).toBe(404);
    expect(
      (await http.post(`/pledges/${pledge.id}/problems`, { title: 'x', area: 'y' }, person(member))).status,
    ).toBe(404);
    const handed = await http.post(
      `/pledges/${pledge.id}/handover`,
      { role: 'lead', from: member, to: `${member}-2`, reason: '调离 moved away' },
      supervisor,
    );
    expect(handed.body.lead).toBe(`${member}-2`);
  });

  test('When input is bad, then a 400 problem names each field, and nothing is opened', async () => {
    const lead = unique('lead');
    const noEnterprise = await http.post(
      '/plans',
      { ...planBody(lead), enterprise: undefined },
      person(lead),
    );
    expect(noEnterprise.status).toBe(400);
    expect(noEnterprise.headers.get('content-type')).toContain('application/problem+json');
    expect(fields(noEnterprise)).toEqual(['body.enterprise']);

    const empty = await http.post('/plans', {}, person(lead));
    expect(fields(empty)).toEqual(
      expect.arrayContaining(['body.title', 'body.team', 'body.lead', 'body.enterprise', 'body.gridId']),
    );
    const wrong = await http.post(
      '/plans',
      planBody(lead, {
        startDate: '2026-02-30',
        termYears: 0,
        focusAreas: ['weather'],
        members: [lead],
        initialProblems: [{ title: 'x' }],
        enterprise: { name: 'e', creditCode: '123' },
        colour: 'red',
      }),
      person(lead),
    );
    expect(fields(wrong)).toEqual(
      expect.arrayContaining([
        'body.startDate',
        'body.termYears',
        'body.focusAreas.0',
        'body.initialProblems.0.area',
        'body.enterprise.creditCode',
        'body',
      ]),
    );
    expect(fields(await http.post('/plans', planBody(lead, { members: [lead] }), person(lead)))).toEqual([
      'body.members.0',
    ]);
    expect(
      (await http.post('/plans', planBody(lead, { startDate: '2020-01-01' }), person(lead))).body.detail,
    ).toBe('body.startDate: a 3-year term starting 2020-01-01 has already ended');

    const unknownGrid = await http.post('/plans', planBody(lead, { gridId: 'nowhere' }), person(lead));
    expect(unknownGrid.status).toBe(400);
    expect(unknownGrid.body.detail).toBe('body.gridId: unknown grid nowhere');

    const households = Array.from({ length: 4 }, (_, i) => ({ id: `h${i}`, name: `户${i}` }));
    const tooMany = await http.post(
      '/pairings',
      { title: 't', team: { name: 'n', department: 'd' }, lead, households, gridId: 'g01' },
      person(lead),
    );
    expect(fields(tooMany)).toEqual(['body.households']);
    expect(
      fields(
        await http.post(
          '/pairings',
          { title: 't', team: { name: 'n', department: 'd' }, lead, gridId: 'g01' },
          person(lead),
        ),
      ),
    ).toEqual(['body.households']);
    expect(
      fields(
        await http.post(
          '/pairings',
          {
            title: 't',
            team: { name: 'n', department: 'd' },
            lead,
            households: [
              { id: 'h', name: 'a' },
              { id: 'h', name: 'b' },
            ],
            gridId: 'g01',
          },
          person(lead),
        ),
      ),
    ).toEqual(['body.households.1.id']);
    expect(
      fields(
        await http.post(
          '/pledges',
          { title: 't', team: { name: 'n', department: 'd' }, lead, promisedDeeds: [], gridId: 'g01' },
          person(lead),
        ),
      ),
    ).toEqual(['body.promisedDeeds']);
    expect(
      fields(
        await http.post(
          '/pledges',
          {
            title: 't',
            team: { name: 'n', department: 'd' },
            lead,
            promisedDeeds: ['a'],
            enterprise: { name: 'e' },
            gridId: 'g01',
          },
          person(lead),
        ),
      ),
    ).toEqual(['body']);

    const plan = await openPlan(lead, { initialProblems: [] });
    const negative = await http.post(
      `/plans/${plan.id}/funds`,
      { amountYuan: -5, source: 's', date: todayLocal() },
      person(lead),
    );
    expect(negative.status).toBe(400);
    expect(fields(negative)).toEqual(['body.amountYuan']);
    expect(
      fields(
        await http.post(
          `/plans/${plan.id}/funds`,
          { amountYuan: 1.005, source: 's', date: todayLocal() },
          person(lead),
        ),
      ),
    ).toEqual(['body.amountYuan']);
    expect(
      fields(
        await http.post(
          `/plans/${plan.id}/funds`,
          { amountYuan: 10, source: 's', date: '27/11/2026' },
          person(lead),
        ),
      ),
    ).toEqual(['body.date']);
    expect(
      fields(
        await http.post(`/plans/${plan.id}/funds`, { amountYuan: '10', date: '2026-11-27' }, person(lead)),
      ),
    ).toEqual(['body.amountYuan', 'body.source']);
    expect(
      fields(
        await http.post(
          `/plans/${plan.id}/handover`,
          { role: 'boss', from: lead, to: 'x', reason: 'r' },
          supervisor,
        ),
      ),
    ).toEqual(['body.role']);
    expect(
      fields(await http.post(`/plans/${plan.id}/assessments/zero/comment`, { text: 'x' }, supervisor)),
    ).toEqual(['params.year']);
    expect(fields(await http.post(`/plans/${plan.id}/problems/x1/resolve`, {}, person(lead)))).toEqual([
      'params.problemId',
      'body.outcome',
    ]);
    expect((await http.get(`/plans/${plan.id}`)).body).toMatchObject({ funds: { termYuan: 0 } });
    expect((await http.get('/plans/does-not-exist')).status).toBe(404);
    expect((await http.post('/plans/does-not-exist/visits', { note: 'x' }, person(lead))).status).toBe(404);
  });

  test('When an auditor tries to write, then 403; reading is open to them', async () => {
    const lead = unique('lead');
    const plan = await openPlan(lead, { initialProblems: [] });
    const opening = await http.post('/plans', planBody(lead), actors.auditor);
    expect(opening.status).toBe(403);
    expect(opening.body.detail).toBe('auditors have read-only access');
    expect((await http.post(`/plans/${plan.id}/visits`, { note: 'x' }, actors.auditor)).status).toBe(403);
    expect((await http.post(`/plans/${plan.id}/close`, { reason: 'x' }, actors.auditor)).status).toBe(403);
    expect((await http.get(`/plans/${plan.id}/history`)).status).toBe(200);
    expect((await http.get(`/plans/${plan.id}/funds`)).status).toBe(200);
    expect((await http.raw('POST', `/plans/${plan.id}/visits`, { note: 'x' })).status).toBe(401);
    // What each role is offered, as a console shows it: the team keeps, supervisors also suspend and close.
    expect((await http.get(`/plans/${plan.id}`)).body.actions).toEqual([]);
    expect((await http.get(`/plans/${plan.id}`, person(lead))).body.actions).toEqual([
      'letters',
      'visits',
      'problems',
      'funds',
      'assessmentComment',
      'handover',
    ]);
    expect((await http.get(`/plans/${plan.id}`, supervisor)).body.actions).toEqual([
      'letters',
      'visits',
      'problems',
      'funds',
      'assessmentComment',
      'handover',
      'suspend',
      'resume',
      'close',
    ]);
  });

  test('When a plan is opened, then the 201 body is exactly what a later GET by its lead returns', async () => {
    const lead = unique('lead');
    const opened = await openPlan(lead);
    const read = await http.get(`/plans/${opened.id}`, person(lead));
    expect(read.status).toBe(200);
    expect(read.body).toEqual(opened);
  });

  test('When a plan is opened twice with the same Idempotency-Key, then the same plan comes back', async () => {
    const lead = unique('lead');
    const key = unique('open-plan');
    const first = await http.post('/plans', planBody(lead), person(lead), { 'idempotency-key': key });
    const second = await http.post('/plans', planBody(lead), person(lead), { 'idempotency-key': key });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.problems.map((p: { id: string }) => p.id)).toEqual(['p1']);
    const third = await http.post('/plans', planBody(lead), person(lead));
    expect(third.body.id).not.toBe(first.body.id);
    const pledge = await http.post(
      '/pledges',
      { title: 't', team: { name: 'n', department: 'd' }, lead, promisedDeeds: ['a'], gridId: 'g01' },
      person(lead),
      { 'idempotency-key': key },
    );
    expect(pledge.status).toBe(201);
    expect(pledge.body.id).not.toBe(first.body.id);
    expect(await e2e.system.models.Commitment.countDocuments({ _id: first.body.id })).toBe(1);
  });

  test('When the service is asked about itself, then the OpenAPI document lists the commitment endpoints', async () => {
    const doc = (await http.get('/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/plans',
        '/api/v1/plans/{id}',
        '/api/v1/plans/{id}/history',
        '/api/v1/plans/{id}/funds',
        '/api/v1/plans/{id}/letters',
        '/api/v1/plans/{id}/problems/{problemId}',
        '/api/v1/plans/{id}/problems/{problemId}/resolve',
        '/api/v1/plans/{id}/assessments/{year}/comment',
        '/api/v1/pairings',
        '/api/v1/pairings/{id}/deeds/{deedId}/done',
        '/api/v1/pledges',
        '/api/v1/pledges/{id}/handover',
      ]),
    );
    expect(Object.keys(doc.paths)).not.toContain('/api/v1/pledges/{id}/funds');
    expect(doc.components.schemas).toEqual(
      expect.objectContaining({
        CreatePlan: expect.any(Object),
        Commitment: expect.any(Object),
        FundsLedger: expect.any(Object),
      }),
    );
  });
});
