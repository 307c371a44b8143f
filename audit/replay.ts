import { InjectedSinks, Worker, WorkflowBundle } from '@temporalio/worker';
import { CaseAuditSinks } from '../common/caseAudit';
import { DeterminismViolationError } from '@temporalio/workflow';
import { TimelineEntry } from '../domain/timeline';
import { CaseHistory } from './history';

/** The part of every case's state the auditor's tools rely on. */
export interface CaseState {
  revision: number;
  timeline: TimelineEntry[];
}

/** A state the workflow committed while its history was replayed, with the workflow clock and the run it was in. */
export interface Commit {
  /** 1 is the first run. */
  run: number;
  runId: string;
  /** The history length when the state was committed: the state holds after this event of the run. */
  eventId: number;
  at: number;
  state: CaseState;
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
}

/**
 * Replays every run of a case through the given workflow code (the SDK's replayer) and collects
 * each committed state. The states come from the workflows' own pure domain functions folding the
 * recorded commands and timers, so there is no second implementation of the rules to drift.
 */
export async function replayCase(workflowBundle: WorkflowBundle, history: CaseHistory): Promise<ReplayReport> {
  const commits: Commit[] = [];
  const report: ReplayReport = { caseId: history.caseId, workflowType: history.workflowType, runs: history.runs.length, events: 0, deterministic: true, commits };
  for (const [index, { runId, history: events }] of history.runs.entries()) {
    const run = index + 1;
    report.events += events.events?.length ?? 0;
    const sinks: InjectedSinks<CaseAuditSinks> = {
      caseAudit: {
        committed: {
          fn: (info, state, at) => void commits.push({ run, runId, eventId: info.historyLength, at, state: state as CaseState }),
          callDuringReplay: true,
        },
      },
    };
    try {
      await Worker.runReplayHistory({ workflowBundle, sinks, replayName: 'lianxin-audit' }, events, history.caseId);
    } catch (err) {
      const kind = err instanceof DeterminismViolationError ? 'nondeterministic' : 'replay_failed';
      report.deterministic = false;
      report.failure = { run, runId, kind, message: (err as Error).message };
      break;
    }
  }
  return report;
}
