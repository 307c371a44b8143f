import {
  commitmentActionUpdate,
  CommitmentInput,
  commitmentStateQuery,
  commitmentWorkflowId,
  commitmentWorkflowTypes,
} from '../../common/commitments';
import { Actor } from '../../domain/actors';
import { localMidnight } from '../../domain/commitments/calendar';
import { CommitmentCommand } from '../../domain/commitments/commands';
import { CommitmentState, CommitmentSubmission, currentLead, Problem } from '../../domain/commitments/state';
import { openCommitment } from '../../domain/commitments/transitions';
import { Deadline } from '../../domain/deadlines/deadline';
import { TimelineEntry } from '../../domain/timeline';
import { addDuration } from '../../domain/policy/calendar';
import { CommitmentKind } from '../../domain/policy/policy';
import { ApiDeps } from '../deps';
import { actOnCase, caseIdFor, firstDecisionTime, liveCaseState, startCase } from '../cases';
import { invalidField, notConfigured, notFound } from '../errors';
import { CreateBody, kindRoutes } from './schema';
import { caseLadders } from './caseLadder';

/** What each command does, in words for a 409 ("cannot sign a letter for a plan that is closed"). */
const verbs: Record<CommitmentCommand['type'], string> = {
  signLetter: 'sign a letter for',
  recordVisit: 'record a visit on',
  openProblem: 'open a problem on',
  progressProblem: 'record progress on a problem of',
  resolveProblem: 'resolve a problem of',
  withdrawProblem: 'withdraw a problem of',
  recordFunding: 'record funds on',
  promiseDeed: 'promise a deed on',
  completeDeed: 'complete a deed on',
  commentAssessment: 'comment on an assessment of',
  handover: 'hand over',
  suspend: 'suspend',
  resume: 'resume',
  close: 'close',
  committeeDecision: 'record a committee decision on a problem of',
};

/** Today's date where the policy's calendar lives (UTC+8 by default), as YYYY-MM-DD. */
function today(utcOffsetMinutes: number, now = Date.now()): string {
  return new Date(now + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

export interface ProblemCase {
  commitmentId: string;
  revision: number;
  updatedAt: string;
  problem: Problem;
  deadline?: Deadline;
  lead: string;
  timeline: TimelineEntry[];
}

/** The operations on one kind of commitment; Temporal holds the truth, MongoDB the lists. */
export function commitmentService(deps: ApiDeps, kind: CommitmentKind) {
  const { noun } = kindRoutes[kind];
  const handle = (id: string) => deps.temporal.workflow.getHandle(commitmentWorkflowId(kind, id));
  const ladders = caseLadders(
    deps.temporal,
    deps.auditor,
    deps.policy.ladder.map((level) => level.id),
  );

  const liveState = (id: string): Promise<CommitmentState> =>
    liveCaseState(deps.temporal, deps.models.Timeline, {
      workflowId: commitmentWorkflowId(kind, id),
      what: `${noun} ${id}`,
      query: () => handle(id).query(commitmentStateQuery),
      stored: () => deps.models.Commitment.findOne({ _id: id, kind }).lean(),
      fold: (input: CommitmentInput) =>
        input.carried ??
        openCommitment(input.submission, { policy: input.policy, now: firstDecisionTime(input.openedAt) })
          .state,
    });

  /** A problem is a case within its commitment: its record, its deadline and the timeline entries about it (from `known`, the commitment's state when already read). */
  async function problemState(id: string, problemId: string, known?: CommitmentState): Promise<ProblemCase> {
    const state = known ?? (await liveState(id));
    const problem = state.problems.find((p) => p.id === problemId);
    if (!problem) throw notFound(`problem ${problemId} of ${noun} ${id}`);
    return {
      commitmentId: id,
      revision: state.revision,
      updatedAt: state.updatedAt,
      problem,
      deadline: state.deadlines.find((d) => d.id === `problem:${problemId}`),
      lead: currentLead(state),
      timeline: state.timeline.filter((e) => e.about === problemId),
    };
  }

  return {
    liveState,
    problemState,
    /** The ladder level ids of the policy the commitment runs on (caseLadder.ts). */
    ladderOf: (id: string) => ladders(commitmentWorkflowId(kind, id)),

    async create(
      body: CreateBody,
      actor: Actor,
      key: string | undefined,
    ): Promise<{ state: CommitmentState; replayed: boolean }> {
      const rules = deps.policy.commitments?.[kind];
      if (!rules)
        throw notConfigured(`the policy ${deps.policy.version} has no rules for ${kind} commitments`);
      const jurisdiction = deps.org.jurisdictionOf(body.gridId);
      if (!jurisdiction) throw invalidField('body.gridId', `unknown grid ${body.gridId}`);
      const now = Date.now();
      const startDate = body.startDate ?? today(deps.policy.calendar.utcOffsetMinutes, now);
      const termYears = body.termYears ?? rules.termYears;
      const endsAt = addDuration(
        localMidnight(startDate, deps.policy),
        `P${termYears}Y`,
        deps.policy.calendar,
      );
      if (endsAt <= now) {
        const message = `a ${termYears}-year term starting ${startDate} has already ended`;
        throw invalidField('body.startDate', message);
      }
      const id = caseIdFor(kind, actor.id, key);
      const submission: CommitmentSubmission = {
        id,
        kind,
        title: body.title,
        team: body.team,
        lead: body.lead,
        members: body.members,
        ...('enterprise' in body ? { enterprise: body.enterprise } : {}),
        ...('households' in body ? { households: body.households } : {}),
        startDate,
        termYears,
        focusAreas: 'focusAreas' in body ? body.focusAreas : [],
        initialProblems: 'initialProblems' in body ? body.initialProblems : [],
        promisedDeeds: 'promisedDeeds' in body ? body.promisedDeeds : [],
        gridId: body.gridId,
        jurisdiction,
      };
      const input: CommitmentInput = {
        submission,
        policy: deps.policy,
        openedAt: new Date(now).toISOString(),
      };
      const first = openCommitment(submission, { policy: deps.policy, now });
      return startCase(
        deps.temporal,
        {
          workflowType: commitmentWorkflowTypes[kind],
          workflowId: commitmentWorkflowId(kind, id),
          taskQueue: deps.taskQueue,
          input,
        },
        !!key,
        first.state,
        () => liveState(id),
      );
    },

    async act(id: string, command: CommitmentCommand): Promise<CommitmentState> {
      // A commitment whose workflow has ended (closed past its comment window) takes no more actions.
      return actOnCase(
        () => handle(id).executeUpdate(commitmentActionUpdate, { args: [command] }),
        `${noun} ${id}`,
        async () => {
          const state = await liveState(id);
          if (state.status === 'closed')
            return `cannot ${verbs[command.type]} a ${noun} that is ${state.status}`;
          const ended = await handle(id)
            .describe()
            .then(
              (d) => d.status.name,
              () => 'gone',
            );
          return `cannot ${verbs[command.type]} a ${noun} whose case has ended (${ended}) while ${state.status}`;
        },
      );
    },

    async actOnProblem(id: string, problemId: string, command: CommitmentCommand): Promise<ProblemCase> {
      await problemState(id, problemId);
      await this.act(id, command);
      return problemState(id, problemId);
    },
  };
}
