import { stageDeadline } from '../../domain/requests/state';
import { liveSinks } from '../../worker/sinks';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { tsToMs } from '@temporalio/common/lib/time';
import {
  CitizenRequestInput,
  requestActionUpdate,
  requestStateQuery,
  requestWorkflowId,
} from '../../common/requests';
import { RequestCommand } from '../../domain/requests/commands';
import { submitRequest } from '../../domain/requests/transitions';
import { actors, defaultPolicy, submission } from '../support/fixtures';
import { recordingActivities } from '../support/recordingActivities';
import { unlessStranded, useTimeSkippingServer } from '../support/timeSkipping';
import { eventually } from '../support/eventually';
import { caseTimeline } from '../../audit/timeline';
import { fetchCaseHistory } from '../../audit/history';

const policy = defaultPolicy();
const server = useTimeSkippingServer();

/** Runs `body` with a worker on a fresh task queue and a freshly started request. */
async function withRequest(
  overrides: Parameters<typeof submission>[0],
  body: (ctx: {
    handle: ReturnType<TestWorkflowEnvironment['client']['workflow']['getHandle']>;
    recorder: ReturnType<typeof recordingActivities>;
    act: (command: RequestCommand) => Promise<unknown>;
  }) => Promise<void>,
  recorder = recordingActivities(),
) {
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({
    connection: server.env.nativeConnection,
    taskQueue,
    workflowBundle: server.bundle,
    activities: recorder.activities,
    sinks: liveSinks,
  });
  const id = randomUUID();
  // As the API files it: with the time it decided the first state at.
  const input: CitizenRequestInput = {
    submission: submission({ id, ...overrides }),
    policy,
    submittedAt: new Date().toISOString(),
  };
  await worker.runUntil(
    unlessStranded(
      server.env,
      async () => {
        const handle = await server.env.client.workflow.start('citizenRequest', {
          taskQueue,
          workflowId: requestWorkflowId(id),
          args: [input],
        });
        await body({
          handle,
          recorder,
          act: (command) => handle.executeUpdate(requestActionUpdate, { args: [command] }),
        });
      },
      120_000,
    ),
  );
}

const state = (handle: { query: (q: typeof requestStateQuery) => Promise<unknown> }) =>
  handle.query(requestStateQuery) as Promise<{
    status: string;
    level: number;
    onAgenda: boolean;
    outcome?: string;
    timeline: { action: string; rule?: string }[];
  }>;

describe('citizenRequest workflow on the time-skipping server, default policy', () => {
  test('When nobody dispatches, then it reminds at each reminder point and escalates at each deadline up to the committee', async () => {
    await withRequest({}, async ({ handle, recorder }) => {
      await server.env.sleep('3 hours');
      expect(recorder.kinds()).toEqual(['assigned:grid-g01', 'reminder:grid-g01']);
      // Dispatch is due after 4 hours, then the village has 2 days and the township 3 days.
      await server.env.sleep('6 days');
      expect(recorder.kinds()).toEqual([
        'assigned:grid-g01',
        'reminder:grid-g01',
        'reminder:grid-g01',
        'urge:grid-g01',
        'supervise:village-v01',
        'reminder:village-v01',
        'reminder:village-v01',
        'urge:village-v01',
        'supervise:township-t01',
        'reminder:township-t01',
        'reminder:township-t01',
        'urge:township-t01',
        'agenda:committee-c01',
      ]);
      expect(await state(handle)).toMatchObject({ status: 'submitted', level: 3, onAgenda: true });
      const escalations = (await state(handle)).timeline.filter((e) => e.action === 'escalate_on_breach');
      expect(escalations.map((e) => e.rule)).toEqual([
        expect.stringContaining(
          'breach of policy 2026-11-default requestDeadlines[4] (default) dispatch: PT4H',
        ),
        expect.stringContaining('breach of dispatch escalated to village (ladder deadline): P2D'),
        expect.stringContaining('breach of dispatch escalated to township (ladder deadline): P3D'),
      ]);
      const remindersAt = recorder
        .notices()
        .filter((n) => n.kind === 'reminder')
        .slice(0, 2)
        .map((n) => Date.parse(n.createdAt));
      // Reminders at 0.5 and 0.9 of the 4-hour dispatch deadline, give or take a workflow task.
      expect(Math.abs(remindersAt[1] - remindersAt[0] - 0.4 * 4 * 3_600_000)).toBeLessThan(1000);
    });
  });

  test('When the resident is unsatisfied, then the request reopens and must be resolved again', async () => {
    await withRequest({}, async ({ handle, act }) => {
      await act({ type: 'dispatch', actor: actors.secretary, assignee: 'member-1' });
      await act({ type: 'accept', actor: actors.member });
      await act({ type: 'resolve', actor: actors.member, note: 'replaced the bulb' });
      await act({ type: 'feedback', actor: actors.resident, satisfied: false, note: 'still dark' });
      expect(await state(handle)).toMatchObject({ status: 'reopened', level: 0 });
      await act({ type: 'resolve', actor: actors.member, note: 'rewired the switch' });
      await act({ type: 'feedback', actor: actors.resident, satisfied: true });
      expect(await state(handle)).toMatchObject({ status: 'closed', outcome: 'satisfied' });
    });
  });

  test('When nobody answers the return visit, then it closes as no feedback and the case ends after the reopen window', async () => {
    await withRequest({}, async ({ handle, act }) => {
      await act({ type: 'dispatch', actor: actors.secretary, assignee: 'member-1' });
      await act({ type: 'accept', actor: actors.member });
      await act({ type: 'resolve', actor: actors.member, note: 'done' });
      await server.env.sleep('6 days');
      expect(await state(handle)).toMatchObject({ status: 'closed', outcome: 'no_feedback' });
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'closed', outcome: 'no_feedback' });
    });
  });

  test('When a request is major, then it lands on the committee agenda at once', async () => {
    await withRequest({ major: true }, async ({ handle, recorder }) => {
      expect(await state(handle)).toMatchObject({ level: 3, onAgenda: true });
      await eventually(() => expect(recorder.kinds()).toEqual(['agenda:committee-c01']));
    });
  });

  test('When a request is withdrawn, then the workflow ends and no timer fires again', async () => {
    await withRequest({}, async ({ handle, act, recorder }) => {
      await act({ type: 'withdraw', actor: actors.resident, reason: 'fixed it myself' });
      expect(await handle.result()).toMatchObject({ status: 'withdrawn' });
      const before = recorder.notices().length;
      await server.env.sleep('30 days');
      expect(recorder.notices().length).toBe(before);
      const { events } = await handle.fetchHistory();
      const timersStarted = events!.filter((e) => e.timerStartedEventAttributes).length;
      const timersSettled = events!.filter(
        (e) => e.timerFiredEventAttributes || e.timerCanceledEventAttributes,
      ).length;
      expect(timersStarted).toBe(timersSettled);
    });
  });

  test('When an action is not allowed now, then the update is rejected with the current state named', async () => {
    await withRequest({}, async ({ handle, act }) => {
      const refused = act({ type: 'accept', actor: actors.member });
      await expect(refused).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      await expect(refused).rejects.toMatchObject({
        cause: { type: 'not_allowed_in_state', message: 'cannot accept a request that is submitted' },
      });
      expect(await state(handle)).toMatchObject({ status: 'submitted' });
      expect((await state(handle)).timeline).toHaveLength(1);
    });
  });

  test('When a request goes from filing to closed and no webhook is configured, then each revision costs one local activity and the lifecycle 54 events', async () => {
    await withRequest({}, async ({ handle, act, recorder }) => {
      await eventually(() => expect(recorder.projections).toHaveLength(1));
      await act({ type: 'dispatch', actor: actors.secretary, assignee: 'member-1' });
      await act({ type: 'accept', actor: actors.member });
      await act({ type: 'progress', actor: actors.member, note: 'parts ordered' });
      await act({ type: 'resolve', actor: actors.member, note: 'replaced the bulb' });
      await act({ type: 'feedback', actor: actors.resident, satisfied: true });
      const { events } = await handle.fetchHistory();
      expect(events!.filter((e) => e.activityTaskScheduledEventAttributes)).toEqual([]);
      expect(
        events!.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity'),
      ).toHaveLength(6);
      // Each patch a run takes costs two events (its marker and a search-attribute upsert); four today.
      expect(events).toHaveLength(54);
      expect(recorder.projections.map((p) => p.status)).toEqual([
        'submitted',
        'dispatched',
        'accepted',
        'in_progress',
        'resolved',
        'closed',
      ]);
      expect(recorder.posted).toEqual([]);
      const told = caseTimeline(await fetchCaseHistory(server.env.client, handle.workflowId)).filter(
        (line) => line.revision !== undefined,
      );
      expect(told.map((line) => [line.action, line.notices?.map((n) => `${n.kind}:${n.recipient}`)])).toEqual(
        [
          ['submit', ['assigned:grid-g01']],
          ['dispatch', ['assigned:member-1']],
          ['accept', undefined],
          ['progress', undefined],
          ['resolve', ['return_visit:resident-1']],
          ['feedback_satisfied', ['outcome:resident-1']],
        ],
      );
    });
  });

  test('When a webhook is configured, then every notice is also posted, once', async () => {
    await withRequest(
      {},
      async ({ act, recorder }) => {
        await act({ type: 'dispatch', actor: actors.secretary, assignee: 'member-1' });
        await eventually(() =>
          expect(recorder.posted.map((n) => `${n.kind}:${n.recipient}`)).toEqual([
            'assigned:grid-g01',
            'assigned:member-1',
          ]),
        );
        expect(recorder.posted.map((n) => n.key)).toEqual(recorder.notices().map((n) => n.key));
      },
      recordingActivities({ webhookConfigured: true }),
    );
  });

  test('When the database fails every local attempt, then a durable activity commits the revision and the timeline still tells it', async () => {
    await withRequest(
      {},
      async ({ handle, act, recorder }) => {
        await act({ type: 'dispatch', actor: actors.secretary, assignee: 'member-1' });
        expect(recorder.projections.map((p) => p.status)).toEqual(['submitted', 'dispatched']);
        const { events } = await handle.fetchHistory();
        expect(
          events!
            .filter((e) => e.activityTaskScheduledEventAttributes)
            .map((e) => e.activityTaskScheduledEventAttributes!.activityType!.name),
        ).toEqual(['commitRevision', 'commitRevision']);
        const told = caseTimeline(await fetchCaseHistory(server.env.client, handle.workflowId)).filter(
          (line) => line.revision !== undefined,
        );
        expect(
          told.map((line) => [line.action, line.notices?.map((n) => `${n.kind}:${n.recipient}`)]),
        ).toEqual([
          ['submit', ['assigned:grid-g01']],
          ['dispatch', ['assigned:member-1']],
        ]);
      },
      recordingActivities({ localAttemptsFail: true }),
    );
  });

  test('When the API gives the filing time, then the case starts in exactly the state submitRequest decides at that time', async () => {
    const filed = submission({ id: randomUUID() });
    const submittedAt = new Date(Date.now() - 1234).toISOString();
    const taskQueue = `test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: server.env.nativeConnection,
      taskQueue,
      workflowBundle: server.bundle,
      activities: recordingActivities().activities,
      sinks: liveSinks,
    });
    await worker.runUntil(async () => {
      const handle = await server.env.client.workflow.start('citizenRequest', {
        taskQueue,
        workflowId: requestWorkflowId(filed.id),
        args: [{ submission: filed, policy, submittedAt }],
      });
      expect(await handle.query(requestStateQuery)).toEqual(
        submitRequest(filed, { policy, now: Date.parse(submittedAt) }).state,
      );
    });
  });

  test('When writing a revision takes seconds, then the timer set after it still fires when the reminder is due', async () => {
    await withRequest(
      {},
      async ({ handle }) => {
        const deadline = stageDeadline(await handle.query(requestStateQuery))!;
        const { events } = await handle.fetchHistory();
        const started = events!.find((e) => e.timerStartedEventAttributes)!;
        const firesAt =
          tsToMs(started.eventTime) + tsToMs(started.timerStartedEventAttributes!.startToFireTimeout);
        expect(Math.abs(firesAt - Date.parse(deadline.reminders[0].at))).toBeLessThan(1000);
      },
      recordingActivities({ commitMs: 5000 }),
    );
  });
});
