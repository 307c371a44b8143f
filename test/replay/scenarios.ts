import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { CitizenRequestInput, requestActionUpdate, requestWorkflowId } from '../../common/requests';
import { RequestCommand } from '../../domain/requests/commands';
import { actors, defaultPolicy, submission } from '../support/fixtures';
import { recordingActivities } from '../support/recordingActivities';

/**
 * Cases in typical states, run on the time-skipping server to record their histories.
 * Each scenario leaves its case where a real one would sit for a while (open, escalated,
 * closed), so replaying the history exercises the code paths running cases depend on.
 */
export interface Scenario {
  name: string;
  run(env: TestWorkflowEnvironment, act: (command: RequestCommand) => Promise<unknown>): Promise<void>;
  major?: boolean;
}

const dispatch: RequestCommand = { type: 'dispatch', actor: actors.secretary, assignee: 'member-1' };
const accept: RequestCommand = { type: 'accept', actor: actors.member };
const resolve: RequestCommand = { type: 'resolve', actor: actors.member, note: 'fixed' };

export const requestScenarios: Scenario[] = [
  {
    name: 'closed-satisfied',
    run: async (_env, act) => {
      for (const c of [dispatch, accept, { type: 'progress', actor: actors.member, note: 'on it' } as const, resolve]) await act(c);
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
];

/** Runs one scenario on a fresh server and returns its recorded history. */
export async function recordScenario(env: TestWorkflowEnvironment, bundle: WorkflowBundleWithSourceMap, scenario: Scenario) {
  const taskQueue = `record-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: recordingActivities().activities });
  const id = `replay-${scenario.name}`;
  const input: CitizenRequestInput = { submission: submission({ id, major: scenario.major ?? false }), policy: defaultPolicy() };
  return worker.runUntil(async () => {
    const handle = await env.client.workflow.start('citizenRequest', { taskQueue, workflowId: requestWorkflowId(id), args: [input] });
    await scenario.run(env, (command) => handle.executeUpdate(requestActionUpdate, { args: [command] }));
    return handle.fetchHistory();
  });
}
