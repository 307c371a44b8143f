import { Actor, supervisorRoles, systemActor } from '../actors';
import { Closing } from '../cases/ending';
import { deadlineSettings } from '../cases/deadlineSteps';
import {
  applyChange,
  CaseRules,
  Change,
  decideDeadline,
  RuleContext,
  withoutDeadline,
} from '../cases/engine';
import { refuseReadOnly, requireOneOfOrSupervisor, requireStatus, requireSupervisor } from '../cases/guards';
import { Deadline, DeadlineEvent, setDeadline } from '../deadlines/deadline';
import { addDuration } from '../policy/calendar';
import { CommitmentPolicy, Policy } from '../policy/policy';
import { Decision, Notice, Refusal } from '../timeline';
import { assessYear } from './assessment';
import { localMidnight, yearOf, yearStart } from './calendar';
import { CommitmentCommand } from './commands';
import { decideProblemByCommittee } from './committee';
import {
  CommitmentState,
  CommitmentStatus,
  CommitmentSubmission,
  currentHolders,
  currentLead,
  Problem,
} from './state';

export type Context = RuleContext;

function rulesOf(state: { submission: CommitmentSubmission }, policy: Policy): CommitmentPolicy {
  const rules = policy.commitments?.[state.submission.kind];
  if (!rules)
    throw new Refusal(
      'invalid',
      `the policy ${policy.version} has no rules for ${state.submission.kind} commitments`,
    );
  return rules;
}

/** Level 0 belongs to whoever leads now; above it, to the unit at that rung. */
function ownerAt(state: CommitmentState, level: number): string {
  return level === 0 ? currentLead(state) : state.submission.jurisdiction[level];
}

function committeeLead(state: CommitmentState, deadline: Deadline): string | undefined {
  const decision = state.problems.find((p) => `problem:${p.id}` === deadline.id)?.committee?.decision;
  return decision?.kind === 'assignLead' ? decision.leadOfficial : undefined;
}

function letterDeadline(state: CommitmentState, year: number, from: number, policy: Policy): Deadline[] {
  const rules = rulesOf(state, policy);
  if (!rules.letterDue) return [];
  return [
    setDeadline(
      {
        id: `letter:${year}`,
        purpose: `letter year ${year}`,
        owner: currentLead(state),
        level: 0,
        from,
        spec: rules.letterDue,
        rule: `policy ${policy.version} ${state.submission.kind}.letterDue`,
      },
      deadlineSettings(policy),
    ),
  ];
}

function visitDeadline(state: CommitmentState, from: number, policy: Policy): Deadline[] {
  const rules = rulesOf(state, policy);
  if (!rules.visitEvery) return [];
  return [
    setDeadline(
      {
        id: 'visit',
        purpose: 'follow-up visit',
        owner: currentLead(state),
        level: 0,
        from,
        spec: rules.visitEvery,
        rule: `policy ${policy.version} ${state.submission.kind}.visitEvery`,
      },
      deadlineSettings(policy),
    ),
  ];
}

/** The anniversary is a milestone, not an obligation: no reminders, and reaching it assesses the year. */
function anniversary(state: CommitmentState, year: number, policy: Policy): Deadline {
  const from = yearStart(state.startsAt, year, policy);
  return setDeadline(
    {
      id: `assessment:${year}`,
      purpose: 'assessment',
      owner: currentLead(state),
      level: 0,
      from,
      spec: 'P1Y',
      rule: `plan year ${year} ends`,
    },
    deadlineSettings(policy, false),
  );
}

/** What plans, pairings and pledges add to the case engine: obligations of the team's lead, problems, and yearly assessments. */
const rules: CaseRules<CommitmentState> = {
  isFinal: (status) => status === 'closed',
  // A lead official the committee named answers for the problem at every lapse, as on a request.
  ownerAt: (state, deadline, level) => committeeLead(state, deadline) ?? ownerAt(state, level),
  about: (deadline) =>
    deadline.id.startsWith('problem:') ? deadline.id.slice('problem:'.length) : undefined,
  onDue: (state, deadline, ctx) => (deadline.purpose === 'assessment' ? endOfYear(state, ctx) : undefined),
  escalated: (state, deadline, toLevel) => ({
    problems: state.problems.map((p) => (`problem:${p.id}` === deadline.id ? { ...p, level: toLevel } : p)),
  }),
};

function apply(
  state: CommitmentState,
  change: Change<CommitmentState>,
  ctx: Context,
): Decision<CommitmentState> {
  return applyChange(state, change, ctx, rules);
}

/** Opens a plan, a pairing or a pledge: its team, its first year's obligations and its initial problems. */
export function openCommitment(submission: CommitmentSubmission, ctx: Context): Decision<CommitmentState> {
  const startsAtMs = localMidnight(submission.startDate, ctx.policy);
  const startsAt = new Date(startsAtMs).toISOString();
  const at = new Date(ctx.now).toISOString();
  const base: CommitmentState = {
    submission,
    revision: 0,
    status: 'active',
    year: 1,
    startsAt,
    endsAt: new Date(addDuration(startsAtMs, `P${submission.termYears}Y`, ctx.policy.calendar)).toISOString(),
    holders: [
      { role: 'lead', person: submission.lead, from: startsAt },
      ...submission.members.map((person) => ({ role: 'member' as const, person, from: startsAt })),
    ],
    letters: [],
    visits: [],
    deeds: submission.promisedDeeds.map((title, i) => ({ id: `d${i + 1}`, year: 1, title, done: false })),
    problems: [],
    funds: [],
    assessments: [],
    deadlines: [],
    updatedAt: at,
    timeline: [],
  };
  rulesOf(base, ctx.policy);
  // Obligations run from the opening when a plan is opened after its start date; anniversaries stay on the start date.
  const from = Math.max(startsAtMs, ctx.now);
  const firstYear = letterDeadline(base, 1, from, ctx.policy);
  const problems = submission.initialProblems.map((p, i) =>
    newProblem(base, `p${i + 1}`, p.title, p.area, submission.lead, ctx),
  );
  return apply(
    base,
    {
      action: 'open',
      actor: { id: submission.lead, role: 'assistance_team', unit: submission.team.department },
      note: submission.title,
      patch: {
        letters: firstYear.map((d) => ({ year: 1, dueAt: d.dueAt, targets: [] })),
        deadlines: [
          ...firstYear,
          ...visitDeadline(base, from, ctx.policy),
          anniversary(base, 1, ctx.policy),
          ...problems.map((p) => problemDeadline(base, p, ctx.now, ctx.policy)),
        ],
        problems,
      },
      notices: [
        {
          recipient: submission.lead,
          kind: 'assigned',
          message: `帮扶开始 commitment opened, you lead it: ${submission.title}`,
        },
      ],
    },
    ctx,
  );
}

function newProblem(
  state: CommitmentState,
  id: string,
  title: string,
  area: string,
  by: string,
  ctx: Context,
): Problem {
  const at = new Date(ctx.now).toISOString();
  return {
    id,
    title,
    area,
    status: 'open',
    level: 0,
    openedAt: at,
    openedBy: by,
    notes: [],
    year: yearOf(state.startsAt, state.submission.termYears, ctx.now, ctx.policy),
  };
}

function problemDeadline(
  state: CommitmentState,
  problem: Problem,
  from: number,
  policy: Policy,
  level = 0,
): Deadline {
  const rules = rulesOf(state, policy);
  return setDeadline(
    {
      id: `problem:${problem.id}`,
      purpose: `problem ${problem.id}`,
      owner: ownerAt(state, level),
      level,
      from,
      spec: rules.problemResolve,
      rule: `policy ${policy.version} ${state.submission.kind}.problemResolve`,
    },
    deadlineSettings(policy),
  );
}

function openProblems(state: CommitmentState): Problem[] {
  return state.problems.filter((p) => p.status === 'open');
}

/** On closure, what is still open is withdrawn with the reason, so no problem outlives its commitment. */
function withdrawOpen(problems: Problem[], reason: string, at: string): Problem[] {
  return problems.map((p) =>
    p.status === 'open' ? { ...p, status: 'withdrawn', outcome: reason, resolvedAt: at } : p,
  );
}

function requireHolderOrSupervisor(state: CommitmentState, actor: Actor, action: string): void {
  requireOneOfOrSupervisor(
    actor,
    currentHolders(state),
    `the team (${currentHolders(state).join(', ')})`,
    action,
  );
}

function requireCommitmentStatus(state: CommitmentState, allowed: CommitmentStatus[], action: string): void {
  requireStatus(state.status, allowed, action, 'a commitment');
}

export function decide(
  state: CommitmentState,
  command: CommitmentCommand,
  ctx: Context,
): Decision<CommitmentState> {
  const { actor } = command;
  refuseReadOnly(actor);
  const kind = state.submission.kind;
  switch (command.type) {
    case 'signLetter': {
      requireCommitmentStatus(state, ['active'], 'sign a letter for');
      requireHolderOrSupervisor(state, actor, 'sign the letter');
      const letter = state.letters.find((l) => l.year === command.year);
      if (!letter)
        throw new Refusal(
          'invalid',
          `no responsibility letter is due for year ${command.year} (the plan is in year ${state.year})`,
        );
      if (letter.signedAt)
        throw new Refusal(
          'not_allowed_in_state',
          `the letter for year ${command.year} was already signed on ${letter.signedAt}`,
        );
      const signedAt = new Date(ctx.now).toISOString();
      return apply(
        state,
        {
          action: 'sign_letter',
          actor,
          note: command.note ?? command.targets.join('; '),
          rule: signedAt <= letter.dueAt ? `on time (due ${letter.dueAt})` : `late (due ${letter.dueAt})`,
          patch: {
            letters: state.letters.map((l) =>
              l.year === command.year
                ? {
                    ...l,
                    signedAt,
                    signedBy: actor.id,
                    targets: command.targets,
                    fundsTargetYuan: command.fundsTargetYuan,
                  }
                : l,
            ),
            deadlines: withoutDeadline(state.deadlines, `letter:${command.year}`),
          },
        },
        ctx,
      );
    }
    case 'recordVisit': {
      requireCommitmentStatus(state, ['active'], 'record a visit on');
      requireHolderOrSupervisor(state, actor, 'record a visit');
      const at = command.at ? Date.parse(command.at) : ctx.now;
      if (at > ctx.now || at < Date.parse(state.startsAt))
        throw new Refusal('invalid', `visit date ${command.at} must lie between the plan start and now`);
      if (command.household && !state.submission.households?.some((h) => h.id === command.household)) {
        throw new Refusal('invalid', `household ${command.household} is not paired in this commitment`);
      }
      const visit = {
        at: new Date(at).toISOString(),
        by: actor.id,
        year: yearOf(state.startsAt, state.submission.termYears, at, ctx.policy),
        note: command.note,
        ...(command.household ? { household: command.household } : {}),
      };
      const latest = Math.max(at, ...state.visits.map((v) => Date.parse(v.at)));
      return apply(
        state,
        {
          action: 'visit',
          actor,
          note: command.note,
          patch: {
            visits: [...state.visits, visit],
            deadlines: [
              ...withoutDeadline(state.deadlines, 'visit'),
              ...visitDeadline(state, latest, ctx.policy),
            ],
          },
        },
        ctx,
      );
    }
    case 'openProblem': {
      requireCommitmentStatus(state, ['active'], 'open a problem on');
      requireHolderOrSupervisor(state, actor, 'open a problem');
      const problem = newProblem(
        state,
        `p${state.problems.length + 1}`,
        command.title,
        command.area,
        actor.id,
        ctx,
      );
      const deadline = problemDeadline(state, problem, ctx.now, ctx.policy);
      return apply(
        state,
        {
          action: 'open_problem',
          actor,
          about: problem.id,
          note: command.note ?? command.title,
          rule: deadline.rule,
          patch: { problems: [...state.problems, problem], deadlines: [...state.deadlines, deadline] },
          notices: [
            {
              recipient: currentLead(state),
              kind: 'assigned',
              message: `新问题 problem ${problem.id} to solve by ${deadline.dueAt}: ${command.title}`,
            },
          ],
        },
        ctx,
      );
    }
    case 'progressProblem':
    case 'resolveProblem':
    case 'withdrawProblem': {
      const problem = state.problems.find((p) => p.id === command.problemId);
      if (!problem) throw new Refusal('invalid', `unknown problem ${command.problemId}`);
      if (problem.status !== 'open')
        throw new Refusal(
          'not_allowed_in_state',
          `cannot change problem ${problem.id}: it is ${problem.status}`,
        );
      requireHolderOrSupervisor(state, actor, 'work on a problem');
      const at = new Date(ctx.now).toISOString();
      const update = (patch: Partial<Problem>) =>
        state.problems.map((p) => (p.id === problem.id ? { ...p, ...patch } : p));
      if (command.type === 'progressProblem') {
        return apply(
          state,
          {
            action: 'problem_progress',
            actor,
            about: problem.id,
            note: command.note,
            patch: {
              problems: update({ notes: [...problem.notes, { at, by: actor.id, note: command.note }] }),
            },
          },
          ctx,
        );
      }
      const resolved = command.type === 'resolveProblem';
      return apply(
        state,
        {
          action: resolved ? 'problem_resolved' : 'problem_withdrawn',
          actor,
          about: problem.id,
          note: resolved ? command.outcome : command.reason,
          patch: {
            problems: update({
              status: resolved ? 'resolved' : 'withdrawn',
              outcome: resolved ? command.outcome : command.reason,
              resolvedAt: at,
            }),
            deadlines: withoutDeadline(state.deadlines, `problem:${problem.id}`),
          },
        },
        ctx,
      );
    }
    case 'committeeDecision':
      return decideProblemByCommittee(state, command, ctx, apply, (s, problem, level, from) =>
        problemDeadline(s, problem, from, ctx.policy, level),
      );
    case 'recordFunding': {
      requireCommitmentStatus(state, ['active', 'suspended'], 'record funds on');
      requireHolderOrSupervisor(state, actor, 'record funds');
      if (kind !== 'enterprise')
        throw new Refusal('invalid', `funds are recorded on enterprise plans, not on ${kind} commitments`);
      const date = localMidnight(command.date, ctx.policy);
      if (date < Date.parse(state.startsAt) || date > ctx.now)
        throw new Refusal(
          'invalid',
          `funding date ${command.date} must lie between the plan start and today`,
        );
      const funding = {
        id: `f${state.funds.length + 1}`,
        amountYuan: command.amountYuan,
        source: command.source,
        date: command.date,
        year: yearOf(state.startsAt, state.submission.termYears, date, ctx.policy),
        recordedBy: actor.id,
        ...(command.note ? { note: command.note } : {}),
      };
      return apply(
        state,
        {
          action: 'record_funding',
          actor,
          note: `¥${command.amountYuan} from ${command.source}`,
          patch: { funds: [...state.funds, funding] },
        },
        ctx,
      );
    }
    case 'promiseDeed': {
      requireCommitmentStatus(state, ['active'], 'promise a deed on');
      requireHolderOrSupervisor(state, actor, 'promise a deed');
      if (kind === 'enterprise')
        throw new Refusal(
          'invalid',
          'deeds belong to pairings and pledges; enterprise plans record problems and funds',
        );
      if (command.household && !state.submission.households?.some((h) => h.id === command.household)) {
        throw new Refusal('invalid', `household ${command.household} is not paired in this commitment`);
      }
      const deed = {
        id: `d${state.deeds.length + 1}`,
        year: state.year,
        title: command.title,
        done: false,
        ...(command.household ? { household: command.household } : {}),
      };
      return apply(
        state,
        {
          action: 'promise_deed',
          actor,
          note: `${deed.id}: ${command.title}`,
          patch: { deeds: [...state.deeds, deed] },
        },
        ctx,
      );
    }
    case 'completeDeed': {
      requireCommitmentStatus(state, ['active'], 'complete a deed on');
      requireHolderOrSupervisor(state, actor, 'complete a deed');
      const deed = state.deeds.find((d) => d.id === command.deedId);
      if (!deed) throw new Refusal('invalid', `unknown deed ${command.deedId}`);
      if (deed.done)
        throw new Refusal('not_allowed_in_state', `deed ${deed.id} was already done on ${deed.doneAt}`);
      if (deed.year !== state.year)
        throw new Refusal(
          'not_allowed_in_state',
          `deed ${deed.id} belonged to year ${deed.year}, which has been assessed`,
        );
      return apply(
        state,
        {
          action: 'complete_deed',
          actor,
          note: `${deed.id}: ${command.note ?? deed.title}`,
          patch: {
            deeds: state.deeds.map((d) =>
              d.id === deed.id
                ? { ...d, done: true, doneAt: new Date(ctx.now).toISOString(), note: command.note }
                : d,
            ),
          },
        },
        ctx,
      );
    }
    case 'commentAssessment': {
      requireHolderOrSupervisor(state, actor, 'comment on an assessment');
      const assessment = state.assessments.find((a) => a.year === command.year);
      if (!assessment)
        throw new Refusal(
          'not_allowed_in_state',
          `year ${command.year} has not been assessed yet (the plan is in year ${state.year})`,
        );
      return apply(
        state,
        {
          action: 'comment_assessment',
          actor,
          note: command.text,
          patch: {
            assessments: state.assessments.map((a) =>
              a.year === command.year
                ? { ...a, comment: { by: actor.id, text: command.text, at: new Date(ctx.now).toISOString() } }
                : a,
            ),
          },
        },
        ctx,
      );
    }
    case 'handover': {
      requireCommitmentStatus(state, ['active', 'suspended'], 'hand over');
      const lead = currentLead(state);
      if (!supervisorRoles.includes(actor.role) && !(command.role === 'member' && actor.id === lead)) {
        throw new Refusal(
          'forbidden',
          command.role === 'lead'
            ? 'only a supervisor may hand over the lead'
            : `only the lead ${lead} or a supervisor may hand over a member`,
        );
      }
      const holder = state.holders.find((h) => h.role === command.role && h.person === command.from && !h.to);
      if (!holder) throw new Refusal('invalid', `${command.from} does not hold the ${command.role} role now`);
      if (currentHolders(state).includes(command.to))
        throw new Refusal('invalid', `${command.to} is already on the team`);
      const at = new Date(ctx.now).toISOString();
      const holders = [
        ...state.holders.map((h) => (h === holder ? { ...h, to: at, reason: command.reason } : h)),
        { role: command.role, person: command.to, from: at },
      ];
      const handed: CommitmentState = { ...state, holders };
      return apply(
        state,
        {
          action: 'handover',
          actor,
          note: `${command.role} ${command.from} → ${command.to}: ${command.reason}`,
          patch: {
            holders,
            deadlines: state.deadlines.map((d) => (d.level === 0 ? { ...d, owner: ownerAt(handed, 0) } : d)),
          },
          notices: [
            {
              recipient: command.to,
              kind: 'handover',
              message: `事随人转 you now hold the ${command.role} role: ${state.submission.title}`,
            },
            {
              recipient: command.from,
              kind: 'handover',
              message: `事随人转 ${command.to} takes over your ${command.role} role: ${state.submission.title}`,
            },
          ],
        },
        ctx,
      );
    }
    case 'suspend':
      requireCommitmentStatus(state, ['active'], 'suspend');
      requireSupervisor(actor, 'suspend');
      return apply(
        state,
        {
          status: 'suspended',
          action: 'suspend',
          actor,
          note: command.reason,
          patch: { deadlines: state.deadlines.filter((d) => d.purpose === 'assessment') },
        },
        ctx,
      );
    case 'resume': {
      requireCommitmentStatus(state, ['suspended'], 'resume');
      requireSupervisor(actor, 'resume');
      // A year that began while suspended gets its letter now, counted from the resumption.
      const signed = state.letters.some((l) => l.year === state.year && l.signedAt);
      const letter = signed ? [] : letterDeadline(state, state.year, ctx.now, ctx.policy);
      return apply(
        state,
        {
          status: 'active',
          action: 'resume',
          actor,
          note: command.reason,
          patch: {
            letters: [
              ...state.letters.filter((l) => l.year !== state.year || l.signedAt),
              ...letter.map((d) => ({ year: state.year, dueAt: d.dueAt, targets: [] })),
            ],
            deadlines: [
              ...state.deadlines,
              ...letter,
              ...visitDeadline(state, ctx.now, ctx.policy),
              ...openProblems(state).map((p) => problemDeadline(state, p, ctx.now, ctx.policy)),
            ],
            problems: state.problems.map((p) => (p.status === 'open' ? { ...p, level: 0 } : p)),
          },
        },
        ctx,
      );
    }
    case 'close': {
      requireCommitmentStatus(state, ['active', 'suspended'], 'close');
      requireSupervisor(actor, 'close early');
      const assessment = assessYear(state, state.year, ctx.now, ctx.policy, true);
      return apply(
        state,
        {
          status: 'closed',
          action: 'close_early',
          actor,
          note: command.reason,
          patch: {
            deadlines: [],
            closedReason: command.reason,
            assessments: [...state.assessments, assessment],
            problems: withdrawOpen(
              state.problems,
              `commitment closed early: ${command.reason}`,
              new Date(ctx.now).toISOString(),
            ),
          },
          notices: [
            {
              recipient: currentLead(state),
              kind: 'outcome',
              message: `提前结束 closed early: ${command.reason}`,
            },
          ],
        },
        ctx,
      );
    }
  }
}

/** What the clock decides: reminders and escalation of letters, visits and problems, and the yearly assessment. */
export function onDeadline(
  state: CommitmentState,
  event: DeadlineEvent,
  ctx: Context,
): Decision<CommitmentState> {
  return decideDeadline(state, event, ctx, rules);
}

/** At each anniversary the year is assessed; the last one is the final assessment and closes the commitment. */
function endOfYear(state: CommitmentState, ctx: Context): Decision<CommitmentState> {
  const year = state.year;
  const final = year >= state.submission.termYears;
  const assessment = assessYear(state, year, ctx.now, ctx.policy, final);
  const notices: Notice[] = [currentLead(state), state.submission.jurisdiction[1]].map((recipient) => ({
    recipient,
    kind: 'outcome',
    message: `年度考核 year ${year} assessed ${assessment.rating} (${assessment.score}): ${state.submission.title}`,
  }));
  const rule = `plan year ${year} ended ${final ? '(final assessment, term complete)' : ''}`.trim();
  if (final) {
    const problems = withdrawOpen(state.problems, 'term complete', new Date(ctx.now).toISOString());
    return apply(
      state,
      {
        status: 'closed',
        action: 'final_assessment',
        actor: systemActor,
        rule,
        notices,
        patch: { deadlines: [], assessments: [...state.assessments, assessment], problems },
      },
      ctx,
    );
  }
  const nextYear = year + 1;
  const next: CommitmentState = { ...state, year: nextYear };
  const letter = state.status === 'active' ? letterDeadline(next, nextYear, ctx.now, ctx.policy) : [];
  return apply(
    state,
    {
      action: 'annual_assessment',
      actor: systemActor,
      rule,
      notices,
      patch: {
        year: nextYear,
        assessments: [...state.assessments, assessment],
        letters: [...state.letters, ...letter.map((d) => ({ year: nextYear, dueAt: d.dueAt, targets: [] }))],
        deadlines: [
          ...state.deadlines.filter((d) => !d.id.startsWith('letter:') && d.id !== `assessment:${year}`),
          ...letter,
          anniversary(next, nextYear, ctx.policy),
        ],
      },
    },
    ctx,
  );
}

/**
 * A closed commitment stays open to comments on its final assessment for the reopen window,
 * counted from its closing (`updatedAt` for one closed before `closedAt` was kept).
 */
export function commitmentClosing(state: CommitmentState): Closing | undefined {
  return state.status === 'closed'
    ? { closedAt: state.closedAt ?? state.updatedAt, reopenable: true }
    : undefined;
}
