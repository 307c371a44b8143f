import { liveSinks } from '../../worker/sinks';
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import {
  absorbDuplicateSignal,
  CitizenRequestInput,
  requestActionUpdate,
  requestWorkflowId,
} from '../../common/requests';
import { RequestCommand } from '../../domain/requests/commands';
import { CommitteeDecision } from '../../domain/committee/decisions';
import { actors, defaultPolicy, jurisdiction, planSubmission, submission } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { committeeAnnouncer } from '../../activities/committee/announce';
import { orderActivities } from '../../activities/committee/orders';
import {
  agendaQuery,
  CommitteeInput,
  committeeMeetingUpdate,
  committeeWorkflowId,
  committeeWorkflowType,
} from '../../common/committee';
import {
  commitmentActionUpdate,
  CommitmentInput,
  commitmentWorkflowId,
  commitmentWorkflowTypes,
} from '../../common/commitments';
import { CommitmentCommand } from '../../domain/commitments/commands';
import { recordingActivities } from '../support/recordingActivities';
import { fetchCaseHistory } from '../../audit/history';
import { anchorWorkflowType, ArchiveSweepInput, archiveWorkflowType } from '../../common/auditJobs';
import type { Activities } from '../../activities';

/**
 * Cases in typical states, run on the time-skipping server to record their histories.
 * Each scenario leaves its case where a real one would sit for a while (open, escalated,
 * closed), so replaying the history exercises the code paths running cases depend on.
 */
export interface Scenario {
  name: string;
  run(env: TestWorkflowEnvironment, act: (command: RequestCommand) => Promise<unknown>): Promise<void>;
  major?: boolean;
  continueAfterEvents?: number;
}

const dispatch: RequestCommand = { type: 'dispatch', actor: actors.secretary, assignee: 'member-1' };
const accept: RequestCommand = { type: 'accept', actor: actors.member };
const resolve: RequestCommand = { type: 'resolve', actor: actors.member, note: 'fixed' };

/** A committee decision taken at a meeting held a minute ago (the server's clock starts at the machine's). */
function committee(meetingId: string, decision: CommitteeDecision): RequestCommand {
  return {
    type: 'committeeDecision',
    actor: actors.secretariat,
    meetingId,
    heldAt: new Date(Date.now() - 60_000).toISOString(),
    decision,
  };
}

export const requestScenarios: Scenario[] = [
  {
    name: 'closed-satisfied',
    run: async (_env, act) => {
      for (const c of [
        dispatch,
        accept,
        { type: 'progress', actor: actors.member, note: 'on it' } as const,
        resolve,
      ])
        await act(c);
      await act({ type: 'feedback', actor: actors.resident, satisfied: true });
    },
  },
  {
    name: 'escalated-to-committee',
    run: async (env) => {
      await env.sleep('8 days');
    },
  },
  {
    name: 'reopened-after-unsatisfied',
    run: async (env, act) => {
      for (const c of [dispatch, accept, resolve]) await act(c);
      await act({ type: 'feedback', actor: actors.resident, satisfied: false, note: 'not fixed' });
      await env.sleep('2 days');
    },
  },
  {
    name: 'extension-approved-then-no-feedback',
    run: async (env, act) => {
      for (const c of [dispatch, accept]) await act(c);
      await act({ type: 'requestExtension', actor: actors.member, duration: 'P3D', reason: 'parts' });
      await act({ type: 'decideExtension', actor: actors.leader, approve: true, note: 'ok' });
      await env.sleep('9 days');
      await act(resolve);
      await env.sleep('6 days');
    },
  },
  {
    name: 'returned-then-withdrawn',
    run: async (_env, act) => {
      await act(dispatch);
      await act({ type: 'return', actor: actors.member, reason: 'wrong grid' });
      await act({ type: 'withdraw', actor: actors.resident, reason: 'solved' });
    },
  },
  { name: 'major-on-agenda', major: true, run: async (env) => void (await env.sleep('1 day')) },
  {
    name: 'committee-lead-assigned-then-lapsed',
    major: true,
    run: async (env, act) => {
      await act(
        committee('m1', {
          kind: 'assignLead',
          leadOfficial: 'deputy-1',
          leadUnit: 'housing-bureau',
          deadline: 'P3D',
          supervision: 'key',
        }),
      );
      await env.sleep('4 days');
    },
  },
  {
    name: 'committee-merged',
    major: true,
    run: async (_env, act) => {
      await act(committee('m1', { kind: 'merge', into: 'replay-absent-target', note: 'same stairwell' }));
    },
  },
  {
    name: 'committee-sent-down',
    major: true,
    run: async (env, act) => {
      await act(committee('m1', { kind: 'sendDown', toLevel: 'village', instructions: 'village to fix' }));
      await env.sleep('1 day');
    },
  },
  {
    // Two duplicates merged in (as their workflows signal it), and a co-requester answers the return visit first.
    name: 'merged-group-co-requester-first',
    run: async (env, act) => {
      const primary = env.client.workflow.getHandle(
        requestWorkflowId('replay-merged-group-co-requester-first'),
      );
      for (const [duplicateId, requesterId] of [
        ['replay-duplicate-1', 'resident-2'],
        ['replay-duplicate-2', 'resident-3'],
      ])
        await primary.signal(absorbDuplicateSignal, {
          type: 'absorbDuplicate',
          actor: actors.secretary,
          duplicateId,
          requesterId,
        });
      for (const c of [dispatch, accept, resolve]) await act(c);
      await act({
        type: 'feedback',
        actor: { id: 'resident-2', role: 'resident', unit: 'g01' },
        satisfied: true,
        note: 'light works',
      });
      await env.sleep('1 day');
    },
  },
  {
    name: 'cohandler-lapsed-reported-released',
    run: async (env, act) => {
      for (const c of [dispatch, accept]) await act(c);
      await act({
        type: 'assignCoHandlers',
        actor: actors.secretary,
        parts: [
          {
            unit: 'grid-g07',
            task: 'verify the Hexi residents',
            chain: ['grid-g07', 'village-v04', 'township-t02', 'committee-c01'],
            level: 0,
            deadline: 'PT6H',
          },
          {
            unit: 'village-v02',
            task: 'check the pipes',
            chain: ['village-v02', 'township-t01', 'committee-c01'],
            level: 1,
            deadline: 'P2D',
          },
        ],
      });
      await env.sleep('7 hours');
      await act({
        type: 'reportCoHandling',
        actor: { id: 'member-g07', role: 'grid_member', unit: 'grid-g07' },
        unit: 'grid-g07',
        note: 'verified',
      });
      await act({
        type: 'releaseCoHandler',
        actor: actors.member,
        unit: 'village-v02',
        reason: 'not needed',
      });
      await act(resolve);
    },
  },
  {
    name: 'continued-as-new',
    continueAfterEvents: 40,
    run: async (env, act) => {
      for (const c of [dispatch, accept]) await act(c);
      await env.sleep('8 days');
      await act({ type: 'progress', actor: actors.member, note: 'at the committee now' });
    },
  },
];

/** Runs one scenario on a fresh server and returns its recorded history (every run). */
export async function recordScenario(
  env: TestWorkflowEnvironment,
  bundle: WorkflowBundleWithSourceMap,
  scenario: Scenario,
) {
  const taskQueue = `record-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: recordingActivities().activities,
    sinks: liveSinks,
  });
  const id = `replay-${scenario.name}`;
  // As the API files it since v6: with the time it decided the first state at.
  const input: CitizenRequestInput = {
    submission: submission({ id, major: scenario.major ?? false }),
    policy: defaultPolicy(),
    submittedAt: new Date().toISOString(),
    continueAfterEvents: scenario.continueAfterEvents,
  };
  return worker.runUntil(async () => {
    const handle = await env.client.workflow.start('citizenRequest', {
      taskQueue,
      workflowId: requestWorkflowId(id),
      args: [input],
    });
    await scenario.run(env, (command) => handle.executeUpdate(requestActionUpdate, { args: [command] }));
    return fetchCaseHistory(env.client, handle.workflowId);
  });
}

/**
 * A committee's agenda: two major requests arrive by signal-with-start from their revisions, a
 * meeting assigns a lead to one and closes the other, and the lead's reminders and lapse re-announce
 * the arrival until the agenda continues as new.
 */
export async function recordCommitteeScenario(
  env: TestWorkflowEnvironment,
  bundle: WorkflowBundleWithSourceMap,
) {
  const taskQueue = `record-${randomUUID()}`;
  const policy = defaultPolicy();
  const recorder = recordingActivities({
    announce: committeeAnnouncer({ temporal: env.client, taskQueue, policy }),
  });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: { ...recorder.activities, ...orderActivities(env.client) },
    sinks: liveSinks,
  });
  const committeeId = jurisdiction[jurisdiction.length - 1];
  const input: CommitteeInput = { committeeId, policy, continueAfterEvents: 20 };
  return worker.runUntil(async () => {
    const committee = await env.client.workflow.start(committeeWorkflowType, {
      taskQueue,
      workflowId: committeeWorkflowId(committeeId),
      args: [input],
    });
    const ids = ['replay-agenda-1', 'replay-agenda-2'];
    for (const id of ids)
      await env.client.workflow.start('citizenRequest', {
        taskQueue,
        workflowId: requestWorkflowId(id),
        args: [
          { submission: submission({ id, major: true }), policy, submittedAt: new Date().toISOString() },
        ],
      });
    // Recorded outside jest: the assertion is a plain throw.
    await eventually(async () => {
      if ((await committee.query(agendaQuery)).items.length !== 2)
        throw new Error('both requests not arrived yet');
    });
    await committee.executeUpdate(committeeMeetingUpdate, {
      args: [
        {
          actor: actors.secretariat,
          meeting: {
            id: 'm1',
            heldAt: new Date(Date.now() - 60_000).toISOString(),
            membersPresent: ['secretary-wang'],
            decisions: [
              {
                item: requestWorkflowId(ids[0]),
                decision: {
                  kind: 'assignLead',
                  leadOfficial: 'deputy-1',
                  leadUnit: 'housing-bureau',
                  deadline: 'P3D',
                  supervision: 'general',
                },
              },
              { item: requestWorkflowId(ids[1]), decision: { kind: 'close', outcome: '纳入改造计划' } },
            ],
          },
        },
      ],
    });
    await env.sleep('4 days');
    return fetchCaseHistory(env.client, committee.workflowId);
  });
}

export interface CommitmentScenario {
  name: string;
  submission: Parameters<typeof planSubmission>[0];
  continueAfterEvents?: number;
  run(env: TestWorkflowEnvironment, act: (command: CommitmentCommand) => Promise<unknown>): Promise<void>;
}

const lead = { id: 'lead-1', role: 'assistance_team' as const, unit: 'industry-bureau' };

export const commitmentScenarios: CommitmentScenario[] = [
  {
    name: 'plan-letter-late-problem-escalated-funds',
    submission: {},
    run: async (env, act) => {
      await env.sleep('40 days');
      await act({ type: 'signLetter', actor: lead, year: 1, targets: ['land'], fundsTargetYuan: 500_000 });
      await act({ type: 'recordVisit', actor: lead, note: 'visit' });
      await act({ type: 'progressProblem', actor: lead, problemId: 'p1', note: 'filed' });
      await act({ type: 'openProblem', actor: lead, title: 'talent', area: 'talent' });
      await act({
        type: 'recordFunding',
        actor: lead,
        amountYuan: 120_000,
        source: 'loan',
        date: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
      });
      await env.sleep('10 days');
    },
  },
  {
    name: 'plan-handover-suspended-resumed',
    submission: {},
    run: async (env, act) => {
      await act({
        type: 'handover',
        actor: actors.leader,
        role: 'lead',
        from: 'lead-1',
        to: 'lead-2',
        reason: 'transfer',
      });
      await act({ type: 'suspend', actor: actors.leader, reason: 'restructuring' });
      await env.sleep('20 days');
      await act({ type: 'resume', actor: actors.leader, reason: 'back' });
      await act({
        type: 'resolveProblem',
        actor: { ...lead, id: 'lead-2' },
        problemId: 'p1',
        outcome: 'solved',
      });
    },
  },
  {
    name: 'plan-closed-early',
    submission: {},
    run: async (_env, act) => {
      await act({ type: 'close', actor: actors.leader, reason: 'enterprise moved away' });
      await act({ type: 'commentAssessment', actor: lead, year: 1, text: 'agreed' });
    },
  },
  {
    name: 'plan-continued-as-new',
    submission: {},
    continueAfterEvents: 120,
    run: async (env, act) => {
      for (let i = 0; i < 6; i += 1) {
        await act({ type: 'recordVisit', actor: lead, note: `visit ${i}` });
        await env.sleep('20 days');
      }
    },
  },
  {
    name: 'pairing-visits-and-deeds',
    submission: {
      kind: 'pairing',
      enterprise: undefined,
      households: [{ id: 'h1', name: '李家' }],
      focusAreas: [],
      initialProblems: [],
    },
    run: async (env, act) => {
      await act({ type: 'recordVisit', actor: lead, note: 'first visit', household: 'h1' });
      await act({ type: 'promiseDeed', actor: lead, title: 'fix the roof', household: 'h1' });
      await act({ type: 'completeDeed', actor: lead, deedId: 'd1', note: 'done' });
      await env.sleep('100 days');
    },
  },
  {
    name: 'pledge-year-assessed-and-closed',
    submission: {
      kind: 'pledge',
      termYears: 1,
      enterprise: undefined,
      focusAreas: [],
      initialProblems: [],
      promisedDeeds: ['clean the lane', 'teach a class'],
    },
    run: async (env, act) => {
      await act({ type: 'completeDeed', actor: lead, deedId: 'd1' });
      await env.sleep('400 days');
    },
  },
];

/** Runs one commitment scenario on a fresh server and returns its recorded history (every run). */
export async function recordCommitmentScenario(
  env: TestWorkflowEnvironment,
  bundle: WorkflowBundleWithSourceMap,
  scenario: CommitmentScenario,
) {
  const taskQueue = `record-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: recordingActivities().activities,
    sinks: liveSinks,
  });
  const submission = planSubmission({
    id: `replay-${scenario.name}`,
    startDate: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
    ...scenario.submission,
  });
  const input: CommitmentInput = {
    submission,
    policy: defaultPolicy(),
    continueAfterEvents: scenario.continueAfterEvents,
    openedAt: new Date().toISOString(),
  };
  return worker.runUntil(async () => {
    const handle = await env.client.workflow.start(commitmentWorkflowTypes[submission.kind], {
      taskQueue,
      workflowId: commitmentWorkflowId(submission.kind, submission.id),
      args: [input],
    });
    await scenario.run(env, (command) =>
      env.client.workflow
        .getHandle(handle.workflowId)
        .executeUpdate(commitmentActionUpdate, { args: [command] }),
    );
    return fetchCaseHistory(env.client, handle.workflowId);
  });
}

export interface AuditJobScenario {
  name: string;
  workflowType: string;
  args: unknown[];
  activities: Partial<Activities>;
}

/** The nightly audit jobs: one activity each, here answered without Temporal, MongoDB or files. */
export const auditJobScenarios: AuditJobScenario[] = [
  {
    name: 'archive-sweep',
    workflowType: archiveWorkflowType,
    args: [{ closedWithinDays: 30 } satisfies ArchiveSweepInput],
    activities: { archiveClosedCases: async () => ({ archived: 2, alreadyArchived: 1 }) },
  },
  {
    name: 'action-log-anchor',
    workflowType: anchorWorkflowType,
    args: [],
    activities: {
      anchorActionLog: async () => ({
        ok: true as const,
        checked: 3,
        head: { seq: 3, hash: 'f'.repeat(64) },
      }),
    },
  },
];

export async function recordAuditJob(
  env: TestWorkflowEnvironment,
  bundle: WorkflowBundleWithSourceMap,
  job: AuditJobScenario,
) {
  const taskQueue = `record-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: job.activities,
    sinks: liveSinks,
  });
  return worker.runUntil(async () => {
    const handle = await env.client.workflow.start(job.workflowType, {
      taskQueue,
      workflowId: `replay-${job.name}`,
      args: job.args,
    });
    await handle.result();
    return fetchCaseHistory(env.client, handle.workflowId);
  });
}
