import { InjectedSinks, Worker, WorkflowBundleOption } from '@temporalio/worker';
import { CaseAuditSinks } from '../common/caseAudit';
import { DeterminismViolationError } from '@temporalio/workflow';
import { TimelineEntry } from '../domain/timeline';
import { CaseHistory, eventCount } from './history';

/** The part of every case's state the auditor's tools rely on. */
export interface CaseState {
  revision: number;
  timeline: TimelineEntry[];
}

/**
 * A state the workflow committed while its history was replayed, with the workflow clock and the
 * run it was in. Its timeline is left out: timelines only grow, so each is a prefix of the last
 * one (ReplayReport.timeline), and keeping every copy would cost memory quadratic in the case's length.
 */
export interface Commit {
  /** 1 is the first run. */
  run: number;
  runId: string;
  /** The history length when the state was committed: the state holds after this event of the run. */
  eventId: number;
  at: number;
  state: Omit<CaseState, 'timeline'>;
}

export interface ReplayReport {
  caseId: string;
  workflowType: string;
  runs: number;
  events: number;
  deterministic: boolean;
  /** Why replay failed: a determinism violation means the current code would break this case if it were running. */
  failure?: { run: number; runId: string; kind: 'nondeterministic' | 'replay_failed'; message: string };
  commits: Commit[];
  /** The timeline of the last committed state. */
  timeline: TimelineEntry[];
}

/**
 * Replays every run of a case through the given workflow code (the SDK's replayer) and collects
 * each committed state. The states come from the workflows' own pure domain functions folding the
 * recorded commands and timers, so there is no second implementation of the rules to drift.
 */
export async function replayCase(
  workflowBundle: WorkflowBundleOption,
  history: CaseHistory,
): Promise<ReplayReport> {
  for await (const report of replayCases(workflowBundle, [history])) return report;
  throw new Error(`no replay result for ${history.caseId}`);
}

/**
 * Replays many cases on one replay worker: loading the workflow code into a worker costs far more
 * than replaying a typical case. The worker takes runs in order, one at a time, and calls the sink
 * while it replays one, so what was committed since the last result belongs to that result's run.
 * After a run fails, the case's later runs are skipped: they would continue a state the code no
 * longer reproduces.
 */
export async function* replayCases(
  workflowBundle: WorkflowBundleOption,
  cases: Iterable<CaseHistory> | AsyncIterable<CaseHistory>,
): AsyncGenerator<ReplayReport> {
  let committed: Omit<Commit, 'run' | 'runId'>[] = [];
  let latestTimeline: TimelineEntry[] = [];
  const sinks: InjectedSinks<CaseAuditSinks> = {
    caseAudit: {
      committed: {
        fn: (info, state, at) => {
          const { timeline, ...rest } = state as CaseState;
          latestTimeline = timeline;
          committed.push({ eventId: info.historyLength, at, state: rest });
        },
        callDuringReplay: true,
      },
    },
  };
  const pending: { report: ReplayReport; run: number; runId: string; last: boolean }[] = [];
  async function* runs() {
    for await (const history of cases) {
      const report: ReplayReport = {
        caseId: history.caseId,
        workflowType: history.workflowType,
        runs: history.runs.length,
        events: eventCount(history),
        deterministic: true,
        commits: [],
        timeline: [],
      };
      for (const [index, { runId, history: recorded }] of history.runs.entries()) {
        if (!report.deterministic) break;
        pending.push({ report, run: index + 1, runId, last: index === history.runs.length - 1 });
        yield { workflowId: history.caseId, history: recorded };
      }
    }
  }
  for await (const result of Worker.runReplayHistories(
    { workflowBundle, sinks, replayName: 'lianxin-audit' },
    runs(),
  )) {
    const { report, run, runId, last } = pending.shift()!;
    report.commits.push(...committed.map((commit) => ({ ...commit, run, runId })));
    if (committed.length) report.timeline = latestTimeline;
    committed = [];
    if (result.error) {
      report.deterministic = false;
      report.failure = {
        run,
        runId,
        kind: result.error instanceof DeterminismViolationError ? 'nondeterministic' : 'replay_failed',
        message: result.error.message,
      };
    }
    if (last || result.error) yield report;
  }
}
