import { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import {
  CitizenRequestInput,
  requestActionUpdate,
  requestStateQuery,
  requestWorkflowId,
} from '../../common/requests';
import { RequestCommand } from '../../domain/requests/commands';
import { CitizenRequestState } from '../../domain/requests/state';
import { liveSinks } from '../../worker/sinks';
import { caseTimeline } from '../../audit/timeline';
import { fetchCaseHistory } from '../../audit/history';
import { actors, defaultPolicy, submission } from '../support/fixtures';
import { recordingActivities } from '../support/recordingActivities';
import { unlessStranded, useTimeSkippingServer } from '../support/timeSkipping';

const policy = defaultPolicy();
const server = useTimeSkippingServer();

/** Runs `body` with a worker on a fresh task queue and a request filed, dispatched and accepted. */
async function withAcceptedRequest(
  body: (ctx: {
    workflowId: string;
    read: () => Promise<CitizenRequestState>;
    recorder: ReturnType<typeof recordingActivities>;
    act: (command: RequestCommand) => Promise<unknown>;
  }) => Promise<void>,
) {
  const recorder = recordingActivities();
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({
    connection: server.env.nativeConnection,
    taskQueue,
    workflowBundle: server.bundle,
    activities: recorder.activities,
    sinks: liveSinks,
  });
  const id = randomUUID();
  const input: CitizenRequestInput = {
    submission: submission({ id }),
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
        const act = (command: RequestCommand) =>
          handle.executeUpdate(requestActionUpdate, { args: [command] });
        await act({ type: 'dispatch', actor: actors.secretary, assignee: 'member-1' });
        await act({ type: 'accept', actor: actors.member });
        await body({
          workflowId: handle.workflowId,
          read: () => handle.query(requestStateQuery) as Promise<CitizenRequestState>,
          recorder,
          act,
        });
      },
      120_000,
    ),
  );
}

const hexi = {
  unit: 'grid-g07',
  task: '核实河西住户 verify the Hexi residents',
  chain: ['grid-g07', 'village-v04', 'township-t02', 'committee-c01'],
  level: 0,
  deadline: 'PT6H',
};
const xiguan = {
  unit: 'village-v02',
  task: '排查西关管线 check the pipes on Xiguan’s side',
  chain: ['village-v02', 'township-t01', 'committee-c01'],
  level: 1,
};
const hexiMember = { id: 'member-g07', role: 'grid_member', unit: 'grid-g07' } as const;
const xiguanLeader = { id: 'leader-v02', role: 'unit_leader', unit: 'village-v02' } as const;

describe('co-handling (主办/协办) on the time-skipping server', () => {
  test('When a co-handler lets its part run past its deadline, then it is reminded, urged and supervised up its own chain while the request stays with its lead', async () => {
    await withAcceptedRequest(async ({ read, recorder, act }) => {
      await act({ type: 'assignCoHandlers', actor: actors.secretary, parts: [hexi] });
      await server.env.sleep('7 hours');
      expect(recorder.kinds().filter((k) => !k.endsWith(':member-1'))).toEqual([
        'assigned:grid-g01',
        'assigned:grid-g07',
        'reminder:grid-g07',
        'reminder:grid-g07',
        'urge:grid-g07',
        'supervise:village-v04',
      ]);
      const state = await read();
      expect(state).toMatchObject({ status: 'accepted', level: 0 });
      expect(state.coHandlers).toEqual([
        expect.objectContaining({ unit: 'grid-g07', status: 'open', lapses: 1 }),
      ]);
      expect(state.deadlines.find((d) => d.id === 'cohandler:grid-g07')).toMatchObject({
        owner: 'village-v04',
        level: 1,
      });
      expect(state.timeline.filter((e) => e.about === 'cohandler:grid-g07').map((e) => e.action)).toEqual([
        'assign_cohandler',
        'reminder',
        'reminder',
        'escalate_on_breach',
      ]);
    });
  });

  test('When the lead resolves before every co-handler has reported, then it is refused naming them; after all report, it resolves and the auditor’s timeline shows each part', async () => {
    await withAcceptedRequest(async ({ workflowId, read, recorder, act }) => {
      await act({ type: 'assignCoHandlers', actor: actors.secretary, parts: [hexi, xiguan] });
      const resolve: RequestCommand = {
        type: 'resolve',
        actor: actors.member,
        note: '管线已修复 pipes fixed',
      };
      const refused = act(resolve);
      await expect(refused).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      await expect(refused).rejects.toMatchObject({
        cause: { type: 'not_allowed_in_state', message: expect.stringContaining('grid-g07, village-v02') },
      });
      await server.env.sleep('1 hour');
      await act({ type: 'reportCoHandling', actor: hexiMember, unit: 'grid-g07', note: '已核实 verified' });
      await act({
        type: 'reportCoHandling',
        actor: xiguanLeader,
        unit: 'village-v02',
        note: '已排查 checked',
      });
      await act(resolve);
      const state = await read();
      expect(state.status).toBe('resolved');
      expect(state.coHandlers?.map((p) => [p.unit, p.status, p.lapses])).toEqual([
        ['grid-g07', 'reported', 0],
        ['village-v02', 'reported', 0],
      ]);
      expect(state.deadlines.filter((d) => d.id.startsWith('cohandler:'))).toEqual([]);
      expect(recorder.kinds().filter((k) => k.startsWith('outcome:'))).toEqual([
        'outcome:member-1',
        'outcome:member-1',
      ]);
      const told = caseTimeline(await fetchCaseHistory(server.env.client, workflowId)).filter(
        (line) => line.about,
      );
      expect(told.map((line) => [line.action, line.about])).toEqual([
        ['assign_cohandler', 'cohandler:grid-g07'],
        ['assign_cohandler', 'cohandler:village-v02'],
        ['report_cohandling', 'cohandler:grid-g07'],
        ['report_cohandling', 'cohandler:village-v02'],
      ]);
    });
  });
});
