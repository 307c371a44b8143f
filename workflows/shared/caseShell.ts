import {
  allHandlersFinished,
  condition,
  isCancellation,
  patched,
  proxySinks,
  workflowInfo,
} from '@temporalio/workflow';
import { CaseAuditSinks } from '../../common/caseAudit';
import { KeyedNotice, noticeKey } from '../../common/notifications';
import { dueDecisions } from '../../domain/cases/clock';
import { DeadlineEvent, nextDueAt } from '../../domain/deadlines/deadline';
import { Decision } from '../../domain/timeline';
import { CommittedRevision, ReadModel, ReadModelStates, RevisionReceipt } from '../../common/projection';
import { durable, quick, webhook } from './activities';

export interface CaseShellOptions<S extends ReadModelStates[ReadModel]> {
  caseId: string;
  /** The read model the case's revisions are projected into. */
  readModel: ReadModel;
  /** When the case ends if nothing else happens; undefined while it must wait for people. */
  endsAt(state: S): number | undefined;
  onDeadline(state: S, event: DeadlineEvent, now: number): Decision<S>;
  /** Continue as new past this many history events (default 2,000), before the server's own suggestion at ~4K events. */
  continueAfterEvents?: number;
  /** A run that continues a case starts with everything up to this revision already projected. */
  projectedRevision?: number;
}

/** Well below the server's 4 MiB suggestion and the 4 MiB gRPC message a worker must fetch a history page in. */
const continueAfterBytes = 2 * 1024 * 1024;

const { caseAudit } = proxySinks<CaseAuditSinks>();

export type ShellExit = 'ended' | 'continue';

/**
 * When a case's first decision is made: at the time the API made the same decision, given in
 * the input, so both arrive at the same first state. Cases started before, or by an API that
 * gives no time, decide at their first workflow task, as they always did.
 */
export function firstDecisionAt(decidedAt: string | undefined): number {
  return decidedAt !== undefined && patched('first-decision-at-api-time')
    ? Date.parse(decidedAt)
    : Date.now();
}

/**
 * The local attempts first; past them, the durable activity waits out the outage (see `quick`).
 * A local activity's last failure arrives as it was thrown (an application failure, a timeout),
 * not wrapped in an ActivityFailure.
 */
async function commitRevision(revision: CommittedRevision): Promise<RevisionReceipt> {
  try {
    return await quick.commitRevision(revision);
  } catch (err) {
    if (isCancellation(err)) throw err;
    return durable.commitRevision(revision);
  }
}

/**
 * The durable shell every case runs in: it keeps the state that pure decisions produce,
 * projects each revision, delivers notices, sleeps until the next reminder or deadline and
 * hands breaches to the domain. Requests, plans and their problems all run in it.
 */
export class CaseShell<S extends ReadModelStates[ReadModel]> {
  private outbox: KeyedNotice[] = [];
  private projectedRevision: number;
  private webhooks: Promise<void>[] = [];
  private readonly oneActivityPerRevision: boolean;
  /** When the last revision's writes were done; see RevisionReceipt.committedAt. */
  private committedAt = 0;

  constructor(
    private current: S,
    private readonly options: CaseShellOptions<S>,
  ) {
    this.projectedRevision = options.projectedRevision ?? -1;
    this.oneActivityPerRevision = patched('one-activity-per-revision');
  }

  get state(): S {
    return this.current;
  }

  commit(decision: Decision<S>): void {
    this.current = decision.state;
    caseAudit.committed(decision.state, Date.now());
    const { caseId } = this.options;
    const createdAt = new Date(Date.now()).toISOString();
    decision.notices.forEach((notice, index) => {
      this.outbox.push({
        ...notice,
        key: noticeKey(caseId, decision.state.revision, index, notice.recipient),
        caseId,
        createdAt,
      });
    });
  }

  /** Lets an update return only once lists show its result. */
  async projected(): Promise<void> {
    const revision = this.current.revision;
    await condition(() => this.projectedRevision >= revision);
  }

  private dirty(): boolean {
    return this.outbox.length > 0 || this.projectedRevision < this.current.revision;
  }

  private async flush(): Promise<void> {
    while (this.dirty()) {
      if (this.oneActivityPerRevision) await this.commitNewest();
      else await this.projectThenDeliver();
    }
  }

  /** One activity writes the newest revision and every pending notice; the webhook only when one is configured. */
  private async commitNewest(): Promise<void> {
    const state = this.current;
    const notices = this.outbox.splice(0);
    const receipt = await commitRevision(this.revision(state, notices));
    this.projectedRevision = state.revision;
    if (receipt.committedAt) this.committedAt = Date.parse(receipt.committedAt);
    if (receipt.webhookConfigured && notices.length) this.post(notices);
  }

  /** Runs that began before one activity per revision keep projecting, delivering and posting in the order they did. */
  private async projectThenDeliver(): Promise<void> {
    const state = this.current;
    if (this.projectedRevision < state.revision) {
      const revision = this.revision(state, []);
      // Only requests and commitments are this old; kinds born since commit through commitNewest.
      if (revision.readModel === 'request')
        await durable.projectRequest({ state: revision.state, entries: revision.entries });
      else if (revision.readModel === 'commitment')
        await durable.projectCommitment({ state: revision.state, entries: revision.entries });
      this.projectedRevision = state.revision;
    }
    const notices = this.outbox.splice(0);
    if (notices.length) {
      await durable.deliverInbox(notices);
      this.post(notices);
    }
  }

  /**
   * Only the new timeline entries travel: sending the whole timeline with every revision would
   * grow the history quadratically. (The case's workflow names the read model its state belongs to.)
   */
  private revision(state: S, notices: KeyedNotice[]): CommittedRevision {
    const entries = state.timeline.filter((entry) => entry.revision > this.projectedRevision);
    return {
      readModel: this.options.readModel,
      state: { ...state, timeline: [] },
      entries,
      notices,
    } as CommittedRevision;
  }

  /** A webhook that stays down must not hold the case; its failure stays in the history. */
  private post(notices: KeyedNotice[]): void {
    this.webhooks.push(webhook.deliverWebhook(notices).catch(() => undefined));
  }

  private fireDueDeadlines(): void {
    for (const decision of dueDecisions(this.current, Date.now(), this.options.onDeadline))
      this.commit(decision);
  }

  /** Runs until the case ends, or until the history is long enough to continue as new. */
  async run(): Promise<ShellExit> {
    for (;;) {
      this.fireDueDeadlines();
      await this.flush();
      const endsAt = this.options.endsAt(this.current);
      if (endsAt !== undefined && endsAt <= Date.now()) return this.drain('ended');
      if (this.historyIsLong()) return this.drain('continue');
      const dueAt = nextDueAt(this.current.deadlines);
      const wakeAt = Math.min(dueAt ?? Infinity, endsAt ?? Infinity);
      const woken = () => this.dirty() || this.historyIsLong();
      if (wakeAt === Infinity) await condition(woken);
      else await condition(woken, Math.max(wakeAt - Math.max(Date.now(), this.committedAt), 1));
    }
  }

  private historyIsLong(): boolean {
    const info = workflowInfo();
    return (
      info.continueAsNewSuggested ||
      info.historySize >= continueAfterBytes ||
      info.historyLength >= (this.options.continueAfterEvents ?? 2000)
    );
  }

  /** Never end or continue mid-update: wait for handlers, then for what they produced. */
  private async drain(exit: ShellExit): Promise<ShellExit> {
    // Handlers wait for their projection, so keep flushing while they finish.
    for (;;) {
      await this.flush();
      if (allHandlersFinished()) break;
      await condition(() => allHandlersFinished() || this.dirty());
    }
    await Promise.all(this.webhooks);
    return exit;
  }
}
