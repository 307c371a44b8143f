import { WorkflowBundle } from '@temporalio/worker';
import { CaseArchive, toArchive } from './archive';
import { Moment, stateAsOf } from './asOf';
import { CaseHistory, eventCount } from './history';
import { CaseState, replayCase, replayCases, ReplayReport } from './replay';
import { HistorySources, LoadedCase, loadCaseHistory } from './source';
import { AuditLine, caseTimeline } from './timeline';

export interface CaseSummary {
  caseId: string;
  workflowType: string;
  source: LoadedCase['source'];
  runs: number;
  events: number;
}

export interface StateAtMoment extends CaseSummary {
  revision: number;
  committedAt: string;
  run: number;
  eventId: number;
  state: CaseState;
}

/** A refolded state cannot be trusted past a replay failure: the current code no longer reproduces the record. */
export class NotReplayableError extends Error {
  constructor(readonly report: ReplayReport) {
    super(
      `case ${report.caseId} does not replay on the current code (run ${report.failure!.run}, ${report.failure!.kind}): ${report.failure!.message}`,
    );
  }
}

const cachedReplays = 16;

/**
 * What auditors do with one case, for the API and the CLI alike: read its timeline, refold its
 * state at a moment, verify that it replays, export it. Replays of unchanged histories are
 * cached, since a three-year plan takes seconds to refold.
 */
export class CaseAuditor {
  private readonly replays = new Map<string, Promise<ReplayReport>>();
  private bundle?: Promise<WorkflowBundle>;

  /** The workflow code is bundled on the first replay only: timelines and exports never need it. */
  constructor(
    readonly sources: HistorySources,
    private readonly bundleWorkflows: () => Promise<WorkflowBundle>,
  ) {}

  load(caseId: string): Promise<LoadedCase> {
    return loadCaseHistory(this.sources, caseId);
  }

  async timeline(caseId: string): Promise<CaseSummary & { lines: AuditLine[] }> {
    const loaded = await this.load(caseId);
    return { ...summary(loaded), lines: caseTimeline(loaded.history) };
  }

  async replay(caseId: string): Promise<CaseSummary & { report: ReplayReport }> {
    const loaded = await this.load(caseId);
    return { ...summary(loaded), report: await this.replayLoaded(loaded) };
  }

  /** The state that held at a moment, with where it was committed; undefined before the case existed. */
  async stateAsOf(caseId: string, moment: Moment): Promise<StateAtMoment | undefined> {
    const { report, ...summary } = await this.replay(caseId);
    if (!report.deterministic) throw new NotReplayableError(report);
    const held = stateAsOf(report, moment);
    return (
      held && {
        ...summary,
        revision: held.state.revision,
        committedAt: new Date(held.at).toISOString(),
        run: held.run,
        eventId: held.eventId,
        state: held.state,
      }
    );
  }

  async export(caseId: string): Promise<CaseArchive> {
    return toArchive((await this.load(caseId)).history);
  }

  replayLoaded(loaded: LoadedCase): Promise<ReplayReport> {
    const { history } = loaded;
    const lastRun = history.runs.at(-1)!;
    const key = `${history.caseId}:${lastRun.runId}:${history.runs.length}:${lastRun.history.events?.length}`;
    let replay = this.replays.get(key);
    if (!replay) {
      replay = this.workflowBundle().then((bundle) => replayCase(bundle, history));
      replay.catch(() => this.replays.delete(key));
      this.replays.set(key, replay);
      if (this.replays.size > cachedReplays) this.replays.delete(this.replays.keys().next().value!);
    }
    return replay;
  }

  /** Replays many cases on one replay worker, in order, without caching: for verifying thousands of closed cases. */
  async *verify(histories: AsyncIterable<CaseHistory>): AsyncGenerator<ReplayReport> {
    yield* replayCases(await this.workflowBundle(), histories);
  }

  private workflowBundle(): Promise<WorkflowBundle> {
    this.bundle ??= this.bundleWorkflows();
    return this.bundle;
  }
}

function summary({ history, source }: LoadedCase): CaseSummary {
  return {
    caseId: history.caseId,
    workflowType: history.workflowType,
    source,
    runs: history.runs.length,
    events: eventCount(history),
  };
}
