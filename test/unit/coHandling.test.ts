import { requestFacts } from '../../domain/access/facts';
import { checkLeadSide } from '../../domain/access/rules';
import { caseVisible, scopeOf } from '../../domain/access/scope';
import { contributionDocs } from '../../activities/kpi/projection';
import { decisionsUntil } from '../../domain/cases/clock';
import { RequestCommand } from '../../domain/requests/commands';
import { CitizenRequestState } from '../../domain/requests/state';
import { decide, onDeadline, submitRequest } from '../../domain/requests/transitions';
import { actors, defaultPolicy, submission } from '../support/fixtures';

const policy = defaultPolicy();
const t0 = Date.parse('2026-11-27T01:00:00Z');
const hour = 3_600_000;
const ctx = (now = t0) => ({ policy, now });

function run(commands: RequestCommand[], start = submitRequest(submission(), ctx()).state, now = t0) {
  return commands.reduce((state, command) => decide(state, command, ctx(now)).state, start);
}

function fireDue(state: CitizenRequestState, until: number) {
  const decisions = decisionsUntil(state, until, (s, event, now) => onDeadline(s, event, ctx(now)));
  return { state: decisions.at(-1)?.state ?? state, notices: decisions.flatMap((d) => d.notices) };
}

const xiguan = {
  unit: 'village-v02',
  task: '协调西关村排查管线 check the pipes on Xiguan’s side',
  chain: ['village-v02', 'township-t01', 'committee-c01'],
  level: 1,
};
const hexi = {
  unit: 'grid-g07',
  task: '核实河西住户 verify the Hexi residents',
  chain: ['grid-g07', 'village-v04', 'township-t02', 'committee-c01'],
  level: 0,
  deadline: 'PT6H',
};
const xiguanPerson = { id: 'member-v02', role: 'grid_member', unit: 'village-v02' } as const;
const hexiMember = { id: 'member-g07', role: 'grid_member', unit: 'grid-g07' } as const;
const accepted = () =>
  run([
    { type: 'dispatch', actor: actors.secretary, assignee: 'member-1' },
    { type: 'accept', actor: actors.member },
  ]);
const assign: RequestCommand = { type: 'assignCoHandlers', actor: actors.secretary, parts: [xiguan, hexi] };
const resolve: RequestCommand = { type: 'resolve', actor: actors.member, note: 'pipes fixed' };

describe('co-handling (主办/协办)', () => {
  test('When a dispatcher names two co-handlers, then each gets its part, its own deadline and a notice, one timeline entry each', () => {
    const before = accepted();
    const { state, notices } = decide(before, assign, ctx());
    expect(state.revision).toBe(before.revision + 2);
    expect(state.coHandlers).toEqual([
      expect.objectContaining({
        unit: 'village-v02',
        status: 'open',
        lapses: 0,
        dueAt: '2026-11-30T01:00:00.000Z',
      }),
      expect.objectContaining({
        unit: 'grid-g07',
        status: 'open',
        lapses: 0,
        dueAt: '2026-11-27T07:00:00.000Z',
      }),
    ]);
    expect(state.deadlines.find((d) => d.id === 'cohandler:village-v02')).toMatchObject({
      owner: 'village-v02',
      level: 1,
      rule: `policy ${policy.version} coHandling.deadline: P3D`,
    });
    expect(state.timeline.slice(-2).map((e) => [e.action, e.about])).toEqual([
      ['assign_cohandler', 'cohandler:village-v02'],
      ['assign_cohandler', 'cohandler:grid-g07'],
    ]);
    expect(notices.map((n) => [n.recipient, n.kind])).toEqual([
      ['village-v02', 'assigned'],
      ['grid-g07', 'assigned'],
    ]);
    expect(state.level).toBe(0);
  });

  test('When the lead unit, a unit named twice, a member or a submitted request is involved, then naming is refused', () => {
    const lead = { ...xiguan, unit: 'grid-g01' };
    expect(() => decide(accepted(), { ...assign, parts: [lead] }, ctx())).toThrow(
      /grid-g01 holds the request/,
    );
    expect(() => decide(accepted(), { ...assign, parts: [xiguan, xiguan] }, ctx())).toThrow(/named twice/);
    expect(() => decide(accepted(), { ...assign, actor: actors.member }, ctx())).toThrow(
      /may not name co-handlers/,
    );
    const filed = submitRequest(submission(), ctx()).state;
    expect(() => decide(filed, assign, ctx())).toThrow(
      /cannot name co-handlers for a request that is submitted/,
    );
    const named = decide(accepted(), assign, ctx()).state;
    expect(() => decide(named, { ...assign, parts: [xiguan] }, ctx())).toThrow(/already co-handling/);
  });

  test('When co-handlers still owe their part, then resolve is refused naming them; once all report or are released, it resolves', () => {
    const named = decide(accepted(), assign, ctx()).state;
    expect(() => decide(named, resolve, ctx())).toThrow(
      /co-handlers still owe their part: village-v02, grid-g07/,
    );
    const reported = decide(
      named,
      {
        type: 'reportCoHandling',
        actor: xiguanPerson,
        unit: 'village-v02',
        note: '管线已排查 pipes checked',
      },
      ctx(t0 + hour),
    );
    expect(reported.notices).toEqual([expect.objectContaining({ recipient: 'member-1', kind: 'outcome' })]);
    expect(reported.state.deadlines.some((d) => d.id === 'cohandler:village-v02')).toBe(false);
    expect(() => decide(reported.state, resolve, ctx())).toThrow(/owe their part: grid-g07$|grid-g07;/);
    const released = decide(
      reported.state,
      {
        type: 'releaseCoHandler',
        actor: actors.member,
        unit: 'grid-g07',
        reason: '不再需要 no longer needed',
      },
      ctx(t0 + 2 * hour),
    );
    expect(released.notices).toEqual([expect.objectContaining({ recipient: 'grid-g07', kind: 'outcome' })]);
    expect(released.state.coHandlers?.map((p) => [p.unit, p.status, p.note])).toEqual([
      ['village-v02', 'reported', '管线已排查 pipes checked'],
      ['grid-g07', 'released', '不再需要 no longer needed'],
    ]);
    expect(released.state.timeline.slice(-2).map((e) => [e.action, e.about])).toEqual([
      ['report_cohandling', 'cohandler:village-v02'],
      ['release_cohandler', 'cohandler:grid-g07'],
    ]);
    expect(decide(released.state, resolve, ctx()).state.status).toBe('resolved');
  });

  test('When the request is withdrawn while a part is open, then the part ends with it and nothing stays due', () => {
    const named = decide(accepted(), assign, ctx()).state;
    const withdrawn = decide(
      named,
      { type: 'withdraw', actor: actors.resident, reason: '已自行解决' },
      ctx(t0 + hour),
    ).state;
    expect(withdrawn.deadlines).toEqual([]);
    expect(withdrawn.coHandlers?.map((p) => [p.unit, p.status, p.doneAt])).toEqual([
      ['village-v02', 'ended', '2026-11-27T02:00:00.000Z'],
      ['grid-g07', 'ended', '2026-11-27T02:00:00.000Z'],
    ]);
  });

  test('When someone outside the co-handler reports, or a co-handler releases itself, then it is refused', () => {
    const named = decide(accepted(), assign, ctx()).state;
    const report: RequestCommand = {
      type: 'reportCoHandling',
      actor: actors.member,
      unit: 'village-v02',
      note: 'done',
    };
    expect(() => decide(named, report, ctx())).toThrow(/only a person of village-v02 or its supervisors/);
    const township = { id: 'lead-t01', role: 'unit_leader', unit: 'township-t01' } as const;
    expect(decide(named, { ...report, actor: township }, ctx()).state.coHandlers?.[0].status).toBe(
      'reported',
    );
    const release: RequestCommand = {
      type: 'releaseCoHandler',
      actor: xiguanPerson,
      unit: 'village-v02',
      reason: 'x',
    };
    expect(() => decide(named, release, ctx())).toThrow(/only the lead's handler member-1 or a supervisor/);
    expect(() => decide(named, { ...report, unit: 'village-v09' }, ctx())).toThrow(/not a co-handler/);
  });

  test('When a co-handler’s deadline passes, then it reminds the unit and escalates up its own chain, the request’s level unchanged', () => {
    const named = decide(accepted(), { ...assign, parts: [hexi] }, ctx()).state;
    const reminded = fireDue(named, t0 + 3 * hour);
    expect(reminded.notices).toEqual([expect.objectContaining({ recipient: 'grid-g07', kind: 'reminder' })]);
    expect(reminded.state.timeline.at(-1)).toMatchObject({ action: 'reminder', about: 'cohandler:grid-g07' });
    const lapsed = fireDue(reminded.state, t0 + 6 * hour + 1);
    const breach = lapsed.state.timeline.at(-1)!;
    expect(breach).toMatchObject({ action: 'escalate_on_breach', about: 'cohandler:grid-g07' });
    expect(lapsed.notices.map((n) => [n.recipient, n.kind])).toEqual([
      ['grid-g07', 'reminder'],
      ['grid-g07', 'urge'],
      ['village-v04', 'supervise'],
    ]);
    expect(lapsed.state.deadlines.find((d) => d.id === 'cohandler:grid-g07')).toMatchObject({
      owner: 'village-v04',
      level: 1,
      dueAt: '2026-11-29T07:00:00.000Z',
    });
    expect(lapsed.state.coHandlers?.[0].lapses).toBe(1);
    expect(lapsed.state.level).toBe(0);
    const decisions = decisionsUntil(lapsed.state, Date.parse('2026-12-20T00:00:00Z'), (st, event, now) =>
      onDeadline(st, event, ctx(now)),
    );
    const atTop = decisions.find((d) => {
      const entry = d.state.timeline.at(-1);
      return entry?.action === 'public_notice' && entry.about === 'cohandler:grid-g07';
    });
    expect(atTop?.notices.map((n) => n.recipient)).toEqual([
      'committee-c01',
      'grid-g07',
      'village-v04',
      'township-t02',
    ]);
    expect(atTop?.state.coHandlers?.[0].lapses).toBe(4);
  });
});

describe('co-handlers in scope', () => {
  const named = () => decide(accepted(), { ...assign, parts: [xiguan] }, ctx()).state;
  const xiguanSecretary = { id: 'sec-v02', role: 'branch_secretary', unit: 'village-v02' } as const;
  const otherTownship = { id: 'lead-t02', role: 'unit_leader', unit: 'township-t02' } as const;

  test('When a unit co-handles a request, then its people and those above it see it, and no other unit', () => {
    const facts = requestFacts(named());
    expect(caseVisible(scopeOf(xiguanSecretary), facts)).toBe(true);
    expect(caseVisible(scopeOf(otherTownship), facts)).toBe(false);
    expect(caseVisible(scopeOf(xiguanSecretary), requestFacts(accepted()))).toBe(false);
  });

  test('When a co-handler acts on the lead’s side, then the rule refuses it; the lead’s own people pass', () => {
    const facts = requestFacts(named());
    expect(() => checkLeadSide(xiguanSecretary, facts)).toThrow(/rule co-handler-acts-on-its-part/);
    expect(() => checkLeadSide(actors.secretary, facts)).not.toThrow();
    expect(() => checkLeadSide(actors.member, facts)).not.toThrow();
  });
});

describe('co-handling in the ledger', () => {
  test('When a co-handler’s part lapses and is then reported, then its facts count for its own chain, not the request’s', () => {
    const named = decide(accepted(), { ...assign, parts: [hexi, xiguan] }, ctx()).state;
    const lapsed = fireDue(named, t0 + 6 * hour + 1).state;
    const reportedLate = decide(
      lapsed,
      { type: 'reportCoHandling', actor: hexiMember, unit: 'grid-g07', note: 'verified' },
      ctx(t0 + 7 * hour),
    ).state;
    const state = decide(
      reportedLate,
      { type: 'reportCoHandling', actor: xiguanPerson, unit: 'village-v02', note: 'checked' },
      ctx(t0 + 8 * hour),
    ).state;
    const docs = contributionDocs(state, state.timeline);
    const request = docs.filter((d) => d.coHandler === undefined);
    expect(request.map((d) => d.units)).toEqual([
      ['grid-g01', 'village-v01', 'township-t01', 'committee-c01'],
    ]);
    expect(request[0].counts).not.toHaveProperty('lapsed');
    expect(request[0].counts).not.toHaveProperty('coHandlingAssigned');
    const hexiDoc = docs.find((d) => d.coHandler === 'grid-g07');
    expect(hexiDoc).toMatchObject({
      _id: `${state.submission.id}|2026-11-27|cohandler:grid-g07`,
      units: ['grid-g07', 'village-v04', 'township-t02', 'committee-c01'],
      counts: {
        coHandlingAssigned: 1,
        coHandlingLapsed: 1,
        coHandlingReported: 1,
        coHandlingReportedLate: 1,
      },
    });
    expect(docs.find((d) => d.coHandler === 'village-v02')).toMatchObject({
      units: ['village-v02+cohandling', 'village-v02', 'township-t01', 'committee-c01'],
      dayKey1: 'village-v02|2026-11-27',
      counts: { coHandlingAssigned: 1, coHandlingReported: 1 },
    });
    expect(docs.find((d) => d.coHandler === 'village-v02')?.counts).not.toHaveProperty(
      'coHandlingReportedLate',
    );
  });
});
