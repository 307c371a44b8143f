import { presentCommitment, presentLedger, presentProblem } from '../../api/commitments/presenter';
import { toProblemDocs } from '../../activities/commitments/projection';
import { presentListItem, presentRequest, presentWork } from '../../api/requests/presenter';
import { summaryOf, toRequestDoc } from '../../activities/requests/projection';
import { assessYear } from '../../domain/commitments/assessment';
import {
  decide as decideCommitment,
  onDeadline as onCommitmentDeadline,
  openCommitment,
} from '../../domain/commitments/transitions';
import { currentLead } from '../../domain/commitments/state';
import { Policy } from '../../domain/policy/policy';
import { stageDeadline } from '../../domain/requests/state';
import { onDeadline, submitRequest } from '../../domain/requests/transitions';
import { dueEvents } from '../../domain/deadlines/deadline';
import { defaultPolicy, planSubmission, submission } from '../support/fixtures';

const policy = defaultPolicy();
const t0 = Date.parse('2026-12-01T02:00:00Z');
const day = 86_400_000;
const lead = { id: 'lead-1', role: 'assistance_team' as const, unit: 'industry-bureau' };

describe('what the API shows agrees with what the read models hold', () => {
  test("When the policy renames its ladder after a request escalated, then the API and the lists both show the level id of the case's own policy", () => {
    const filed = submitRequest(submission(), { policy, now: t0 }).state;
    const [breach] = dueEvents([stageDeadline(filed)!], Date.parse(stageDeadline(filed)!.dueAt)).filter(
      (e) => e.kind === 'breach',
    );
    const escalated = onDeadline(filed, breach, {
      policy,
      now: Date.parse(stageDeadline(filed)!.dueAt),
    }).state;
    expect(escalated.level).toBe(1);
    const renamed: Policy = {
      ...policy,
      ladder: policy.ladder.map((rung, i) => (i === 1 ? { ...rung, id: 'community' } : rung)),
    };

    const shown = presentRequest(escalated, renamed, undefined);
    const listed = toRequestDoc(escalated, escalated.timeline);
    expect(shown.level).toBe('village');
    expect(listed.level).toBe(shown.level);
  });

  test('When a request’s deadline lapsed, then its list item shows the pressure step its case page shows, and it is found by the hour it now falls due', () => {
    const filed = submitRequest(submission(), { policy, now: t0 }).state;
    const due = Date.parse(stageDeadline(filed)!.dueAt);
    const [breach] = dueEvents([stageDeadline(filed)!], due).filter((e) => e.kind === 'breach');
    const escalated = onDeadline(filed, breach, { policy, now: due }).state;
    const actor = { id: 'sec-1', role: 'branch_secretary' as const, unit: 'grid-g01' };

    const work = presentWork(escalated, policy, actor);
    // The projection gets this revision's entries and the case's timeline up to it.
    const doc = toRequestDoc(escalated, escalated.timeline.slice(-1), escalated.timeline);
    const item = presentListItem(summaryOf(doc), policy);
    expect(work.pressure).toBe('supervised');
    expect(item).toMatchObject({ pressure: work.pressure, pressureLabel: work.pressureLabel });
    expect(doc.dueHour).toBe(stageDeadline(escalated)!.dueAt.slice(0, 13));
    expect(item).not.toHaveProperty('dueHour');
    expect(presentListItem(summaryOf(toRequestDoc(filed, filed.timeline)), policy)).not.toHaveProperty(
      'pressure',
    );
  });

  test("When the policy renames its ladder after a plan's problem escalated, then the API shows the level ids of the plan's own policy, as its projection and its escalation recorded them", () => {
    const opened = openCommitment(planSubmission(), { policy, now: t0 }).state;
    const deadline = opened.deadlines.find((d) => d.id === 'problem:p1')!;
    const at = Date.parse(deadline.dueAt);
    const [breach] = dueEvents([deadline], at).filter((e) => e.kind === 'breach');
    const escalated = onCommitmentDeadline(opened, breach, { policy, now: at }).state;
    const renamed: Policy = {
      ...policy,
      ladder: policy.ladder.map((rung) => ({ ...rung, id: `renamed-${rung.id}` })),
    };
    // What the API passes: the ladder of the policy the case's workflow input carries (caseLadder.ts).
    const ownLadder = policy.ladder.map((rung) => rung.id);

    const view = presentCommitment(escalated, renamed, ownLadder);
    const problem = presentProblem(
      {
        commitmentId: 'plan-1',
        revision: escalated.revision,
        updatedAt: escalated.updatedAt,
        problem: escalated.problems[0],
        deadline: escalated.deadlines.find((d) => d.id === 'problem:p1'),
        lead: currentLead(escalated),
        timeline: [],
      },
      ownLadder,
    );
    const [projected] = toProblemDocs(escalated);
    expect(view.problems[0].level).toBe('village');
    expect(problem.level).toBe('village');
    expect(problem.deadline?.level).toBe('village');
    expect(ownLadder[projected.level]).toBe(view.problems[0].level);
    expect(problem.deadline?.rule).toContain('escalated to village');
    expect(view.obligations.map((o) => o.level)).toEqual(
      escalated.deadlines.filter((d) => d.purpose !== 'assessment').map((d) => ownLadder[d.level]),
    );
    expect(view.kindLabel).toEqual(renamed.commitments!.enterprise.label);
  });

  test('When funds in fractions of a yuan are recorded, then the assessment and the ledger give the same total', () => {
    let plan = openCommitment(planSubmission({ startDate: '2026-12-01' }), { policy, now: t0 }).state;
    for (const amountYuan of [0.1, 0.2, 1_000_000.07, 0.35]) {
      plan = decideCommitment(
        plan,
        { type: 'recordFunding', actor: lead, amountYuan, source: '补贴 subsidy', date: '2026-12-02' },
        { policy, now: t0 + 2 * day },
      ).state;
    }
    const assessed = assessYear(plan, 1, t0 + 366 * day, policy, false);
    const ledger = presentLedger(plan);
    expect(assessed.figures.fundsYuan).toBe(1_000_000.72);
    expect(ledger.totals.termYuan).toBe(assessed.figures.fundsYuan);
    expect(ledger.totals.byYear[0].amountYuan).toBe(assessed.figures.fundsYuan);
  });

  test('When a working-day deadline runs past the published calendar, then the API, the list and the commitment view all flag it', () => {
    const lateDecember = Date.parse('2026-12-28T02:00:00Z');
    const major = submitRequest(submission({ major: true }), { policy, now: lateDecember }).state;
    expect(stageDeadline(major)).toMatchObject({ owner: 'committee-c01', dueAt: '2027-01-04T02:00:00.000Z' });
    expect(presentRequest(major, policy, undefined).deadline?.calendarFallback).toBe(true);
    expect(toRequestDoc(major, major.timeline).deadline?.calendarFallback).toBe(true);
    const early = submitRequest(submission({ major: true }), { policy, now: t0 }).state;
    expect(presentRequest(early, policy, undefined).deadline).not.toHaveProperty('calendarFallback');

    const letterInWorkingDays: Policy = {
      ...policy,
      commitments: {
        ...policy.commitments!,
        enterprise: { ...policy.commitments!.enterprise, letterDue: { workingDays: 10 } },
      },
    };
    // 10 working days from Monday 28 December, 1 January counted as one: Monday 11 January.
    const plan = openCommitment(planSubmission({ startDate: '2026-12-21' }), {
      policy: letterInWorkingDays,
      now: lateDecember,
    }).state;
    const ladder = letterInWorkingDays.ladder.map((rung) => rung.id);
    const letter = presentCommitment(plan, letterInWorkingDays, ladder).obligations.find(
      (o) => o.id === 'letter:1',
    );
    expect(letter).toMatchObject({ dueAt: '2027-01-11T02:00:00.000Z', calendarFallback: true });
  });
});
