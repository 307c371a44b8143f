import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { committeeAnnouncer } from '../../activities/committee/announce';
import { orderActivities } from '../../activities/committee/orders';
import {
  agendaQuery,
  committeeMeetingUpdate,
  committeeWorkflowId,
  MeetingCommand,
} from '../../common/committee';
import { requestActionUpdate, requestStateQuery, requestWorkflowId } from '../../common/requests';
import { commitmentActionUpdate, commitmentStateQuery, commitmentWorkflowId } from '../../common/commitments';
import { CommitmentState } from '../../domain/commitments/state';
import { Actor } from '../../domain/actors';
import { overdueItems } from '../../domain/committee/queries';
import { RequestCommand } from '../../domain/requests/commands';
import { CitizenRequestState } from '../../domain/requests/state';
import { liveSinks } from '../../worker/sinks';
import { eventually } from '../support/eventually';
import { actors, defaultPolicy, planSubmission, submission } from '../support/fixtures';
import { recordingActivities } from '../support/recordingActivities';
import { unlessStranded, useTimeSkippingServer } from '../support/timeSkipping';

const policy = defaultPolicy();
const deputy: Actor = { id: 'deputy-1', role: 'unit_leader', unit: 'housing-bureau' };
const server = useTimeSkippingServer();

describe('the standing committee’s workflow', () => {
  test('When a meeting decides four items, then each case follows its decision: the lead is reminded and its lapse flagged overdue, the duplicate absorbed, the item sent down resolved there, and items leave as their cases end', async () => {
    const taskQueue = `test-${randomUUID()}`;
    const recorder = recordingActivities({
      announce: committeeAnnouncer({ temporal: server.env.client, taskQueue, policy }),
    });
    const worker = await Worker.create({
      connection: server.env.nativeConnection,
      taskQueue,
      workflowBundle: server.bundle,
      activities: { ...recorder.activities, ...orderActivities(server.env.client) },
      sinks: liveSinks,
    });
    const committee = server.env.client.workflow.getHandle(committeeWorkflowId('committee-c01'));
    const ids = { lead: 'r-lead', duplicate: 'r-dup', down: 'r-down', closed: 'r-closed' };
    const request = (id: string) => server.env.client.workflow.getHandle(requestWorkflowId(id));
    const act = (id: string, command: RequestCommand) =>
      request(id).executeUpdate(requestActionUpdate, { args: [command] });
    const stateOf = (id: string) => request(id).query(requestStateQuery) as Promise<CitizenRequestState>;

    await worker.runUntil(
      unlessStranded(
        server.env,
        async () => {
          for (const [key, id] of Object.entries(ids))
            await server.env.client.workflow.start('citizenRequest', {
              taskQueue,
              workflowId: requestWorkflowId(id),
              args: [
                {
                  submission: submission({
                    id,
                    major: key !== 'down',
                    requester: { id: `resident-${key}`, name: '张三' },
                  }),
                  policy,
                  submittedAt: new Date(await server.env.currentTimeMs()).toISOString(),
                },
              ],
            });
          // One arrives by hand, the others as major matters; none waits for the committee to run.
          await act(ids.down, { type: 'dispatch', actor: actors.secretary, assignee: 'member-1' });
          await act(ids.down, { type: 'accept', actor: actors.member });
          await act(ids.down, {
            type: 'escalate',
            actor: actors.secretary,
            reason: '跨部门 needs departments',
          });
          const arrived = await eventually(async () => {
            const agenda = await committee.query(agendaQuery);
            expect(agenda.items.map((i) => i.key).sort()).toEqual(
              Object.values(ids).map(requestWorkflowId).sort(),
            );
            return agenda;
          });
          expect(arrived.items.find((i) => i.key === requestWorkflowId(ids.down))?.reason).toBe(
            'escalated_by_hand',
          );

          const meeting = async (command: MeetingCommand['meeting']) =>
            committee.executeUpdate(committeeMeetingUpdate, {
              args: [{ actor: actors.secretariat, meeting: command }],
            });
          const heldAt = new Date((await server.env.currentTimeMs()) - 60_000).toISOString();
          // A bad meeting is refused whole: nothing is recorded and no case hears of it.
          const refused = await meeting({
            id: 'm0',
            heldAt,
            membersPresent: ['secretary-wang'],
            decisions: [{ item: 'request-nowhere', decision: { kind: 'close', outcome: 'x' } }],
          }).catch((err: unknown) => err);
          expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
          expect((refused as WorkflowUpdateFailedError).cause?.message).toBe(
            'item request-nowhere is not on the agenda',
          );
          expect((await committee.query(agendaQuery)).meetings).toEqual([]);

          const { deliveries } = await meeting({
            id: 'm1',
            heldAt,
            membersPresent: ['secretary-wang', 'deputy-1'],
            decisions: [
              {
                item: requestWorkflowId(ids.lead),
                decision: {
                  kind: 'assignLead',
                  leadOfficial: 'deputy-1',
                  leadUnit: 'housing-bureau',
                  deadline: 'P4D',
                  supervision: 'key',
                },
              },
              {
                item: requestWorkflowId(ids.duplicate),
                decision: { kind: 'merge', into: requestWorkflowId(ids.lead), note: '同一楼道' },
              },
              {
                item: requestWorkflowId(ids.down),
                decision: { kind: 'sendDown', toLevel: 'village', instructions: '社区牵头' },
              },
              { item: requestWorkflowId(ids.closed), decision: { kind: 'close', outcome: '纳入改造计划' } },
            ],
          });
          expect(deliveries.map((d) => [d.caseId, d.outcome])).toEqual([
            [requestWorkflowId(ids.lead), 'applied'],
            [requestWorkflowId(ids.duplicate), 'applied'],
            [requestWorkflowId(ids.down), 'applied'],
            [requestWorkflowId(ids.closed), 'applied'],
          ]);
          expect((await committee.query(agendaQuery)).items.map((i) => i.key)).toEqual([
            requestWorkflowId(ids.lead),
          ]);
          // The target absorbed the duplicate: its requester will hear the outcome.
          await eventually(async () =>
            expect((await stateOf(ids.lead)).coRequesters).toEqual(['resident-duplicate']),
          );
          expect(await stateOf(ids.closed)).toMatchObject({
            status: 'closed',
            outcome: 'committee_decision',
          });
          expect(await stateOf(ids.duplicate)).toMatchObject({ status: 'merged', mergedInto: ids.lead });

          // A retried delivery finds the meeting applied, even where it took the case off the agenda.
          const again = await orderActivities(server.env.client).deliverCommitteeOrders({
            actor: actors.secretariat,
            orders: [requestWorkflowId(ids.lead), requestWorkflowId(ids.down)].map((key) => ({
              item: key,
              case: arrived.items.find((i) => i.key === key)!.case,
              meetingId: 'm1',
              heldAt,
              decision: { kind: 'close', outcome: 'x' },
            })),
          });
          expect(again.map((d) => d.outcome)).toEqual(['already_applied', 'already_applied']);

          // Sent down: the village resolves it there.
          await act(ids.down, { type: 'resolve', actor: actors.leader, note: '已协调解决' });
          expect(await stateOf(ids.down)).toMatchObject({ status: 'resolved', level: 1, resolvedAtLevel: 1 });

          // The lead is reminded at half time, then misses the deadline: publicly noted, and overdue on the agenda.
          await server.env.sleep('49 hours');
          expect(recorder.kinds(requestWorkflowId(ids.lead))).toEqual(
            expect.arrayContaining([
              'reminder:deputy-1',
              'reminder:housing-bureau',
              'reminder:committee-c01',
            ]),
          );
          expect(overdueItems(await committee.query(agendaQuery), await server.env.currentTimeMs())).toEqual(
            [],
          );
          await server.env.sleep('2 days');
          await eventually(async () =>
            expect((await stateOf(ids.lead)).committee).toMatchObject({ lapses: 1 }),
          );
          expect(recorder.kinds(requestWorkflowId(ids.lead))).toEqual(
            expect.arrayContaining(['public_notice:deputy-1', 'public_notice:committee-c01']),
          );
          const late = await committee.query(agendaQuery);
          expect(overdueItems(late, await server.env.currentTimeMs()).map((i) => i.key)).toEqual([
            requestWorkflowId(ids.lead),
          ]);

          // The lead resolves it late: it leaves the agenda.
          await act(ids.lead, { type: 'resolve', actor: deputy, note: '已维修 repaired' });
          await eventually(async () => expect((await committee.query(agendaQuery)).items).toEqual([]));
          const timeline = (await committee.query(agendaQuery)).timeline.map((e) => [e.action, e.about]);
          expect(timeline.slice(-2)).toEqual([
            ['meeting', undefined],
            ['leave', requestWorkflowId(ids.lead)],
          ]);
        },
        240_000,
      ),
    );
  }, 300_000);
  test('When a plan’s problem escalates to the committee, then it arrives on the agenda, the meeting’s lead answers for it in the plan, and it leaves once resolved', async () => {
    const taskQueue = `test-${randomUUID()}`;
    const recorder = recordingActivities({
      announce: committeeAnnouncer({ temporal: server.env.client, taskQueue, policy }),
    });
    const worker = await Worker.create({
      connection: server.env.nativeConnection,
      taskQueue,
      workflowBundle: server.bundle,
      activities: { ...recorder.activities, ...orderActivities(server.env.client) },
      sinks: liveSinks,
    });
    const committee = server.env.client.workflow.getHandle(committeeWorkflowId('committee-c01'));
    const id = `plan-${randomUUID().slice(0, 8)}`;
    const startDate = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const plan = server.env.client.workflow.getHandle(commitmentWorkflowId('enterprise', id));
    const item = `${commitmentWorkflowId('enterprise', id)}/p1`;

    await worker.runUntil(
      unlessStranded(
        server.env,
        async () => {
          await server.env.client.workflow.start('assistancePlan', {
            taskQueue,
            workflowId: plan.workflowId,
            args: [{ submission: planSubmission({ id, startDate }), policy }],
          });
          // 30 days to solve it, then the village's 2 and the township's 3: it reaches the committee.
          await server.env.sleep('37 days');
          const arrived = await eventually(async () => {
            const agenda = await committee.query(agendaQuery);
            expect(agenda.items.map((i) => i.key)).toEqual([item]);
            return agenda;
          });
          expect(arrived.items[0]).toMatchObject({ case: { kind: 'enterprise', id, problem: 'p1' } });

          const { deliveries } = await committee.executeUpdate(committeeMeetingUpdate, {
            args: [
              {
                actor: actors.secretariat,
                meeting: {
                  id: 'm1',
                  heldAt: new Date((await server.env.currentTimeMs()) - 60_000).toISOString(),
                  membersPresent: ['secretary-wang'],
                  decisions: [
                    {
                      item,
                      decision: {
                        kind: 'assignLead',
                        leadOfficial: 'deputy-1',
                        leadUnit: 'industry-bureau',
                        deadline: 'P10D',
                        supervision: 'general',
                      },
                    },
                  ],
                },
              },
            ],
          });
          expect(deliveries).toEqual([{ item, caseId: plan.workflowId, outcome: 'applied' }]);
          const led = (await plan.query(commitmentStateQuery)) as CommitmentState;
          expect(led.deadlines.find((d) => d.id === 'problem:p1')).toMatchObject({
            owner: 'deputy-1',
            level: 3,
          });
          expect(recorder.kinds(plan.workflowId)).toEqual(expect.arrayContaining(['supervise:deputy-1']));

          await plan.executeUpdate(commitmentActionUpdate, {
            args: [{ type: 'resolveProblem', actor: deputy, problemId: 'p1', outcome: '用地指标已落实' }],
          });
          await eventually(async () => expect((await committee.query(agendaQuery)).items).toEqual([]));
        },
        240_000,
      ),
    );
  }, 300_000);
});
