import { liveSinks } from '../../worker/sinks';
import { lastState, stateAsOf } from '../../audit/asOf';
import { fetchCaseHistory } from '../../audit/history';
import { replayCase } from '../../audit/replay';
import { caseTimeline } from '../../audit/timeline';
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import {
  commitmentActionUpdate,
  CommitmentInput,
  commitmentStateQuery,
  commitmentWorkflowId,
} from '../../common/commitments';
import { CommitmentCommand } from '../../domain/commitments/commands';
import { CommitmentState } from '../../domain/commitments/state';
import { actors, defaultPolicy, planSubmission } from '../support/fixtures';
import { recordingActivities } from '../support/recordingActivities';
import { unlessStranded, useTimeSkippingServer } from '../support/timeSkipping';

const policy = defaultPolicy();
const lead = { id: 'lead-1', role: 'assistance_team' as const, unit: 'industry-bureau' };
const server = useTimeSkippingServer();

// A server per attempt: a stranded task keeps the server from skipping time, so a retry on the
describe('a three-year enterprise assistance plan on the time-skipping server, default policy', () => {
  test('When a team keeps (and misses) its obligations for three years, then reminders, escalations and assessments follow and the plan closes', async () => {
    const started = Date.now();
    const recorder = recordingActivities();
    const taskQueue = `plan-${randomUUID()}`;
    const worker = await Worker.create({
      connection: server.env.nativeConnection,
      taskQueue,
      workflowBundle: server.bundle,
      activities: recorder.activities,
      sinks: liveSinks,
    });
    const id = `three-years-${randomUUID().slice(0, 8)}`;
    const startDate = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const input: CommitmentInput = {
      submission: planSubmission({ id, startDate }),
      policy,
      continueAfterEvents: 500,
    };
    const workflowId = commitmentWorkflowId('enterprise', id);

    await worker.runUntil(
      unlessStranded(
        server.env,
        async () => {
          const handle = await server.env.client.workflow.start('assistancePlan', {
            taskQueue,
            workflowId,
            args: [input],
          });
          const act = (command: CommitmentCommand) =>
            handle.executeUpdate(commitmentActionUpdate, { args: [command] });
          const state = () =>
            server.env.client.workflow
              .getHandle(workflowId)
              .query(commitmentStateQuery) as Promise<CommitmentState>;
          const visit = (note: string) => act({ type: 'recordVisit', actor: lead, note });

          // Year 1: the initial problem is solved, the letter is signed late, one visit is missed, a second problem lingers.
          await server.env.sleep('20 days');
          await visit('first visit');
          await act({ type: 'progressProblem', actor: lead, problemId: 'p1', note: 'documents filed' });
          await act({
            type: 'resolveProblem',
            actor: lead,
            problemId: 'p1',
            outcome: 'land certificate issued',
          });
          await server.env.sleep('15 days');
          await act({
            type: 'signLetter',
            actor: lead,
            year: 1,
            targets: ['land certificate', 'working capital'],
            fundsTargetYuan: 2_000_000,
          });
          await act({ type: 'openProblem', actor: lead, title: '资金周转 capital turnover', area: 'funds' });
          await act({
            type: 'recordFunding',
            actor: lead,
            amountYuan: 800_000,
            source: '专项贷款 special loan',
            date: startDate,
          });
          await act({
            type: 'recordFunding',
            actor: lead,
            amountYuan: 400_000,
            source: '技改补贴 upgrade subsidy',
            date: startDate,
          });
          await server.env.sleep('45 days');
          const afterGap = await state();
          const afterGapAt = await server.env.currentTimeMs();
          expect(
            afterGap.timeline
              .filter((e) => e.action === 'escalate_on_breach')
              .map((e) => e.rule?.split(';')[0]),
          ).toEqual(
            expect.arrayContaining([
              expect.stringContaining('breach of policy 2026-11-default enterprise.letterDue'),
              expect.stringContaining('breach of policy 2026-11-default enterprise.visitEvery'),
            ]),
          );
          expect(afterGap.problems.find((p) => p.id === 'p2')?.level).toBeGreaterThan(0);
          expect(afterGap.timeline.filter((e) => e.about === 'p2').map((e) => e.action)).toEqual(
            expect.arrayContaining(['reminder', 'escalate_on_breach']),
          );
          for (let month = 0; month < 9; month += 1) {
            await visit(`year 1 visit ${month}`);
            await server.env.sleep('25 days');
          }
          await act({
            type: 'handover',
            actor: actors.leader,
            role: 'lead',
            from: 'lead-1',
            to: 'lead-2',
            reason: '调任 transferred',
          });
          const lead2 = { ...lead, id: 'lead-2' };
          await server.env.sleep('60 days');
          const year1State = await state();
          const year1 = year1State.assessments[0];
          expect(year1).toMatchObject({ year: 1, final: false });
          expect(year1.figures).toMatchObject({
            letterSignedOnTime: false,
            visitsKept: 10,
            visitsExpected: 12,
            problemsHandled: 2,
            problemsSolved: 1,
            fundsYuan: 1_200_000,
            fundsTargetYuan: 2_000_000,
          });
          await act({
            type: 'commentAssessment',
            actor: lead2,
            year: 1,
            text: '资金缺口大 funding gap remains',
          });
          // Solved in year 2, after climbing the ladder; a third problem is left open and is withdrawn at the end of the term.
          await act({
            type: 'resolveProblem',
            actor: lead2,
            problemId: 'p2',
            outcome: 'bridge loan arranged',
          });
          await act({
            type: 'openProblem',
            actor: lead2,
            title: '人才引进 hiring engineers',
            area: 'talent',
          });

          // Years 2 and 3: letters on time, a visit every 25 days.
          for (const year of [2, 3]) {
            await act({ type: 'signLetter', actor: lead2, year, targets: [`year ${year} targets`] });
            for (let visits = 0; visits < 14; visits += 1) {
              await act({ type: 'recordVisit', actor: lead2, note: `year ${year} visit ${visits}` });
              await server.env.sleep('25 days');
            }
            await server.env.sleep('20 days');
          }
          const final = (await handle.result()) as CommitmentState;
          expect(final.status).toBe('closed');
          expect(final.assessments.map((a) => [a.year, a.final, a.figures.letterSignedOnTime])).toEqual([
            [1, false, false],
            [2, false, true],
            [3, true, true],
          ]);
          expect(final.assessments[0].comment).toMatchObject({
            by: 'lead-2',
            text: '资金缺口大 funding gap remains',
          });
          expect(final.assessments[1].figures.visitsKept).toBeGreaterThanOrEqual(12);
          expect(final.holders.filter((h) => h.role === 'lead').map((h) => [h.person, !!h.to])).toEqual([
            ['lead-1', true],
            ['lead-2', false],
          ]);
          expect(final.visits).toHaveLength(1 + 9 + 28);
          expect(final.funds.map((f) => f.amountYuan)).toEqual([800_000, 400_000]);
          expect(final.problems.map((p) => [p.id, p.status])).toEqual([
            ['p1', 'resolved'],
            ['p2', 'resolved'],
            ['p3', 'withdrawn'],
          ]);
          expect(final.assessments[1].figures).toMatchObject({ problemsHandled: 2, problemsSolved: 1 });
          expect(
            recorder.notices().filter((n) => n.kind === 'reminder' && n.recipient === 'lead-2').length,
          ).toBeGreaterThan(0);

          // The auditor's view of the same case: every run stitched into one story, and its states refolded from the history.
          const history = await fetchCaseHistory(server.env.client, workflowId);
          const runs = history.runs.length;
          expect(runs).toBeGreaterThan(1);
          const lines = caseTimeline(history);
          expect(lines.filter((line) => line.action === 'continued')).toHaveLength(runs - 1);
          expect(lines.at(-1)?.action).toBe('closed');
          const entries = lines.filter((line) => line.revision !== undefined);
          expect(entries.map((line) => [line.revision, line.action, line.actor?.id, line.about])).toEqual(
            final.timeline.map((e) => [e.revision, e.action, e.actor.id, e.about]),
          );
          expect(
            entries.find((line) => line.action === 'escalate_on_breach' && line.about === 'p2')?.rule,
          ).toContain('breach of policy');

          const replayStarted = Date.now();
          const replay = await replayCase(server.bundle, history);
          const replayMs = Date.now() - replayStarted;
          expect(replay).toMatchObject({ deterministic: true, runs });
          expect(stateAsOf(replay, { at: afterGapAt })?.state).toEqual(afterGap);
          expect(stateAsOf(replay, { revision: year1State.revision })?.state).toEqual(year1State);
          expect(lastState(replay)?.state).toEqual(final);
          console.log(
            `three-year plan: ${replay.events} history events over ${runs} runs (continue-as-new after 500 events); ${final.timeline.length} timeline entries; replayed by the auditor in ${replayMs} ms; test took ${Date.now() - started} ms`,
          );
        },
        240_000,
      ),
    );
  }, 600_000);
});
