import { liveSinks } from '../../worker/sinks';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import {
  CitizenRequestInput,
  requestActionUpdate,
  requestStateQuery,
  requestWorkflowId,
} from '../../common/requests';
import { Actor } from '../../domain/actors';
import { statusCounts, sumCounts } from '../../domain/kpi/counts';
import { requestFacts } from '../../domain/kpi/facts';
import { countsByDay } from '../../domain/kpi/ledger';
import { kpiRates } from '../../domain/kpi/rates';
import { RequestCommand } from '../../domain/requests/commands';
import { CitizenRequestState } from '../../domain/requests/state';
import { actors, defaultPolicy, submission } from '../support/fixtures';
import { recordingActivities } from '../support/recordingActivities';
import { unlessStranded, useTimeSkippingServer } from '../support/timeSkipping';
import { eventually } from '../support/eventually';

const policy = defaultPolicy();
const ladder = policy.ladder.map((level) => level.id);
const server = useTimeSkippingServer();

const resident = (id: string): Actor => ({ id, role: 'resident', unit: 'g01' });

/**
 * A primary filed by resident-1 and two duplicates filed by resident-2 and resident-3, merged into
 * it by the grid's secretary (each duplicate's workflow tells the primary), then handled and resolved.
 */
async function withResolvedGroup(
  body: (group: {
    primaryId: string;
    act: (command: RequestCommand) => Promise<unknown>;
    state: () => Promise<CitizenRequestState>;
    recorder: ReturnType<typeof recordingActivities>;
  }) => Promise<void>,
) {
  const taskQueue = `test-${randomUUID()}`;
  const recorder = recordingActivities();
  const worker = await Worker.create({
    connection: server.env.nativeConnection,
    taskQueue,
    workflowBundle: server.bundle,
    activities: recorder.activities,
    sinks: liveSinks,
  });
  const start = (id: string, requesterId: string) => {
    const input: CitizenRequestInput = {
      submission: submission({ id, requester: { id: requesterId, name: '居民' } }),
      policy,
      submittedAt: new Date().toISOString(),
    };
    return server.env.client.workflow.start('citizenRequest', {
      taskQueue,
      workflowId: requestWorkflowId(id),
      args: [input],
    });
  };
  const primaryId = `primary-${randomUUID()}`;
  await worker.runUntil(
    unlessStranded(
      server.env,
      async () => {
        const primary = await start(primaryId, 'resident-1');
        for (const requesterId of ['resident-2', 'resident-3']) {
          const duplicate = await start(`duplicate-${randomUUID()}`, requesterId);
          await duplicate.executeUpdate(requestActionUpdate, {
            args: [{ type: 'merge', actor: actors.secretary, into: primaryId, note: 'same stairwell' }],
          });
        }
        const state = () => primary.query(requestStateQuery);
        await eventually(async () =>
          expect((await state()).coRequesters).toEqual(['resident-2', 'resident-3']),
        );
        const act = (command: RequestCommand) =>
          primary.executeUpdate(requestActionUpdate, { args: [command] });
        await act({ type: 'dispatch', actor: actors.secretary, assignee: 'member-1' });
        await act({ type: 'accept', actor: actors.member });
        await act({ type: 'resolve', actor: actors.member, note: 'bulb replaced' });
        await body({ primaryId, act, state, recorder });
      },
      120_000,
    ),
  );
}

function counts(state: CitizenRequestState) {
  return sumCounts(countsByDay(requestFacts(state.timeline, ladder, state.submission).facts).values());
}

describe('a merged group’s return visit on the time-skipping server', () => {
  test('When a group of three is resolved, then every requester is asked; the request closes when all have answered satisfied, each answer counted', async () => {
    await withResolvedGroup(async ({ primaryId, act, state, recorder }) => {
      const asked = () =>
        recorder
          .notices()
          .filter((n) => n.caseId === requestWorkflowId(primaryId) && n.kind === 'return_visit')
          .map((n) => n.recipient);
      await eventually(() => expect(asked()).toEqual(['resident-1', 'resident-2', 'resident-3']));

      await act({ type: 'feedback', actor: resident('resident-3'), satisfied: true, note: 'bright again' });
      await act({ type: 'feedback', actor: resident('resident-1'), satisfied: true });
      expect(await state()).toMatchObject({ status: 'resolved' });
      await act({ type: 'feedback', actor: resident('resident-2'), satisfied: true });

      const closed = await state();
      expect(closed).toMatchObject({ status: 'closed', outcome: 'satisfied' });
      expect(closed.answers?.map((a) => [a.requester, a.satisfied])).toEqual([
        ['resident-3', true],
        ['resident-1', true],
        ['resident-2', true],
      ]);
      const c = counts(closed);
      expect(c).toMatchObject({ satisfied: 3, unsatisfied: 0, noFeedback: 0 });
      expect(statusCounts(c).closed).toBe(1);
      expect(kpiRates(c).satisfaction).toBe(1);
      await eventually(() =>
        expect(recorder.kinds(requestWorkflowId(primaryId)).filter((k) => k.startsWith('outcome:'))).toEqual([
          'outcome:resident-1',
          'outcome:resident-2',
          'outcome:resident-3',
        ]),
      );
    });
  });

  test('When only one requester answers before the return visit lapses, then it closes with that answer counted and the two others as no feedback, and all three are told', async () => {
    await withResolvedGroup(async ({ primaryId, act, state, recorder }) => {
      await act({ type: 'feedback', actor: resident('resident-2'), satisfied: true });
      await server.env.sleep('6 days');
      const closed = await state();
      expect(closed).toMatchObject({ status: 'closed', outcome: 'no_feedback' });
      const c = counts(closed);
      expect(c).toMatchObject({ satisfied: 1, unsatisfied: 0, noFeedback: 2 });
      expect(statusCounts(c).closed).toBe(1);
      await eventually(() =>
        expect(recorder.kinds(requestWorkflowId(primaryId)).filter((k) => k.startsWith('outcome:'))).toEqual([
          'outcome:resident-1',
          'outcome:resident-2',
          'outcome:resident-3',
        ]),
      );
    });
  });
});
