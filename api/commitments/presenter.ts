import {
  commitmentStatusLabels,
  CommitmentState,
  Funding,
  Letter,
  problemStatusLabels,
  ratingLabels,
  signedOnTime,
} from '../../domain/commitments/state';
import { Deadline } from '../../domain/deadlines/deadline';
import { Policy } from '../../domain/policy/policy';
import { ProblemCase } from './service';
import { sumYuan } from '../../domain/commitments/money';
import { CommitmentListItem, CommitmentView, LedgerView, ProblemView } from './schema';

/**
 * The shapes clients see for commitments and their problems, whether read live from Temporal or
 * from a projection. Labels come from the API's policy; ladder level ids from the case's own
 * (`ladder`, caseLadder.ts), as the case's rules, notices and timeline named them.
 */

const levelId = (ladder: readonly string[], level: number) => ladder[level] ?? String(level);

/** An obligation: a letter, a visit or any deadline a person or unit answers for; anniversaries are milestones, not obligations. */
const isObligation = (d: Deadline) => d.purpose !== 'assessment';

function presentDeadline(d: Deadline, ladder: readonly string[]) {
  return {
    id: d.id,
    purpose: d.purpose,
    owner: d.owner,
    level: levelId(ladder, d.level),
    dueAt: d.dueAt,
    rule: d.rule,
    reminders: d.reminders.map((r) => ({ at: r.at, sent: r.sent })),
    ...(d.calendarFallback && { calendarFallback: d.calendarFallback }),
  };
}

function fundsTotals(funds: Funding[], letters: Letter[], termYears: number) {
  return {
    termYuan: sumYuan(funds.map((f) => f.amountYuan)),
    byYear: years(termYears).map((year) => {
      const target = letters.find((l) => l.year === year)?.fundsTargetYuan;
      return {
        year,
        amountYuan: sumYuan(funds.filter((f) => f.year === year).map((f) => f.amountYuan)),
        ...(target !== undefined ? { targetYuan: target } : {}),
      };
    }),
  };
}

const presentEnterprise = (e: { name: string; creditCode?: string }) => ({
  name: e.name,
  ...(e.creditCode ? { creditCode: e.creditCode } : {}),
});

const years = (termYears: number) => Array.from({ length: termYears }, (_, i) => i + 1);

const kindLabel = (state: CommitmentState, policy: Policy) =>
  policy.commitments?.[state.submission.kind].label ?? {
    zh: state.submission.kind,
    en: state.submission.kind,
  };

/** Whether an obligation has been escalated after a breach. */
const escalated = (state: CommitmentState) => state.deadlines.some((d) => isObligation(d) && d.level > 0);

/** What both a list item and the full view show first. */
function headline(state: CommitmentState, policy: Policy) {
  const { submission } = state;
  return {
    id: submission.id,
    kind: submission.kind,
    kindLabel: kindLabel(state, policy),
    status: state.status,
    statusLabel: commitmentStatusLabels[state.status],
    title: submission.title,
    team: { name: submission.team.name, department: submission.team.department },
    ...(submission.enterprise ? { enterprise: presentEnterprise(submission.enterprise) } : {}),
    lead: state.holders.find((h) => h.role === 'lead' && !h.to)?.person,
    year: state.year,
    startsAt: state.startsAt,
    endsAt: state.endsAt,
    updatedAt: state.updatedAt,
  };
}

export function presentCommitment(
  state: CommitmentState,
  policy: Policy,
  ladder: readonly string[],
): CommitmentView {
  const { submission } = state;
  const current = state.holders.filter((h) => !h.to);
  const lastVisit = state.visits.reduce<CommitmentState['visits'][number] | undefined>(
    (last, v) => (!last || v.at >= last.at ? v : last),
    undefined,
  );
  return {
    ...headline(state, policy),
    revision: state.revision,
    ...(submission.households
      ? {
          households: submission.households.map((h) => ({
            id: h.id,
            name: h.name,
            visits: state.visits.filter((v) => v.household === h.id).length,
          })),
        }
      : {}),
    focusAreas: submission.focusAreas,
    gridId: submission.gridId,
    units: submission.jurisdiction,
    members: current.filter((h) => h.role === 'member').map((h) => h.person),
    holders: state.holders.map((h) => ({
      role: h.role,
      person: h.person,
      from: h.from,
      ...(h.to ? { to: h.to } : {}),
      ...(h.reason ? { reason: h.reason } : {}),
    })),
    startDate: submission.startDate,
    termYears: submission.termYears,
    letters: state.letters.map((l) => ({
      year: l.year,
      dueAt: l.dueAt,
      signed: !!l.signedAt,
      signedAt: l.signedAt,
      signedBy: l.signedBy,
      onTime: l.signedAt ? signedOnTime(l) : undefined,
      targets: l.targets,
      fundsTargetYuan: l.fundsTargetYuan,
    })),
    visits: {
      total: state.visits.length,
      byYear: years(submission.termYears).map((year) => ({
        year,
        count: state.visits.filter((v) => v.year === year).length,
      })),
      last: lastVisit && {
        at: lastVisit.at,
        by: lastVisit.by,
        note: lastVisit.note,
        household: lastVisit.household,
      },
    },
    deeds: state.deeds.map((d) => ({
      id: d.id,
      year: d.year,
      title: d.title,
      household: d.household,
      done: d.done,
      doneAt: d.doneAt,
      note: d.note,
    })),
    problems: state.problems.map((p) => ({
      id: p.id,
      title: p.title,
      area: p.area,
      year: p.year,
      status: p.status,
      statusLabel: problemStatusLabels[p.status],
      level: levelId(ladder, p.level),
      openedAt: p.openedAt,
      resolvedAt: p.resolvedAt,
      outcome: p.outcome,
    })),
    funds:
      submission.kind === 'enterprise'
        ? fundsTotals(state.funds, state.letters, submission.termYears)
        : undefined,
    assessments: state.assessments.map((a) => ({
      year: a.year,
      final: a.final,
      computedAt: a.computedAt,
      score: a.score,
      rating: a.rating,
      ratingLabel: ratingLabels[a.rating],
      figures: { ...a.figures } as Record<string, number | boolean>,
      reasons: a.reasons,
      comment: a.comment,
    })),
    obligations: state.deadlines.filter(isObligation).map((d) => presentDeadline(d, ladder)),
    nextAnniversary: state.deadlines.find((d) => d.purpose === 'assessment')?.dueAt,
    closedReason: state.closedReason,
  };
}

/** A list item: what the list document's state shows, without a level id, so without the case's ladder. */
export function presentListItem(state: CommitmentState, policy: Policy): CommitmentListItem {
  return {
    ...headline(state, policy),
    nextObligationDueAt: state.deadlines
      .filter(isObligation)
      .map((d) => d.dueAt)
      .sort()[0],
    escalated: escalated(state),
  };
}

/** 台账: every funding entry of a plan, with totals per plan year and over the term. */
export function presentLedger(state: CommitmentState): LedgerView {
  return {
    id: state.submission.id,
    currency: 'CNY',
    entries: [...state.funds]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((f) => ({
        id: f.id,
        date: f.date,
        year: f.year,
        amountYuan: f.amountYuan,
        source: f.source,
        note: f.note,
        recordedBy: f.recordedBy,
      })),
    totals: fundsTotals(state.funds, state.letters, state.submission.termYears),
  };
}

export function presentProblem(c: ProblemCase, ladder: readonly string[]): ProblemView {
  const { problem, deadline } = c;
  return {
    id: problem.id,
    commitmentId: c.commitmentId,
    revision: c.revision,
    title: problem.title,
    area: problem.area,
    status: problem.status,
    statusLabel: problemStatusLabels[problem.status],
    level: levelId(ladder, problem.level),
    owner: deadline?.owner ?? c.lead,
    lead: c.lead,
    deadline: deadline && (({ id: _id, ...rest }) => rest)(presentDeadline(deadline, ladder)),
    notes: problem.notes,
    outcome: problem.outcome,
    openedAt: problem.openedAt,
    resolvedAt: problem.resolvedAt,
    updatedAt: c.updatedAt,
    timeline: c.timeline,
  };
}
