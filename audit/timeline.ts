import { defaultPayloadConverter, Payload } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { tsToMs } from '@temporalio/common/lib/time';
import type { Activities } from '../activities';
import { KeyedNotice, noticeRevision } from '../common/notifications';
import { CommittedRevision, Projection, RevisionReceipt } from '../common/projection';
import { TimelineEntry } from '../domain/timeline';
import { caseKinds } from '../common/caseKinds';
import { CaseHistory } from './history';

type HistoryEvent = NonNullable<History['events']>[number];

/** One line of a case's story as the record of truth tells it. */
export interface AuditLine extends Partial<Omit<TimelineEntry, 'at' | 'action'>> {
  at: string;
  /** opened, continued, code and closed come from Temporal itself; every other action from the case's own timeline. */
  action: string;
  /** 1 is the first run. */
  run: number;
  /** The history event that records the line, for anyone who wants to read the raw history. */
  eventId: number;
  notices?: Pick<KeyedNotice, 'recipient' | 'kind' | 'message'>[];
}

const projections: (keyof Activities)[] = [
  ...new Set(caseKinds.flatMap((k) => ('projectionActivity' in k ? [k.projectionActivity] : []))),
];
const inbox: keyof Activities = 'deliverInbox';
const revision: keyof Activities = 'commitRevision';

/**
 * A human-readable timeline of a case, read from its workflow histories alone (all runs, in
 * order): every action with actor, time and note, every reminder and escalation with its rule
 * and the people it notified. It needs no replay, so it reads even a history the current code
 * could no longer replay.
 */
export function caseTimeline(history: CaseHistory): AuditLine[] {
  const lines: AuditLine[] = [];
  const seen = new Set<number>();
  const notices = new Map<number, AuditLine['notices']>();
  let code: string | undefined;
  history.runs.forEach(({ history }, index) => {
    const run = index + 1;
    for (const event of history.events ?? []) {
      const base = {
        run,
        eventId: Number(event.eventId),
        at: new Date(tsToMs(event.eventTime)).toISOString(),
      };
      const decidedBy = codeOf(event);
      if (decidedBy && decidedBy !== code) {
        lines.push({ ...base, action: 'code', note: `decided by workflow code ${decidedBy}` });
        code = decidedBy;
      }
      const started = event.workflowExecutionStartedEventAttributes;
      if (started)
        lines.push({
          ...base,
          action: run === 1 ? 'opened' : 'continued',
          note: run === 1 ? `by ${started.identity}` : `run ${run} continues the case`,
        });
      const { entries = [], notices: sent = [] } = committed(event);
      for (const entry of entries) {
        if (seen.has(entry.revision)) continue;
        seen.add(entry.revision);
        lines.push({ ...entry, run, eventId: base.eventId });
      }
      for (const notice of sent) {
        const revision = noticeRevision(notice);
        if (revision === undefined) continue;
        notices.set(revision, [
          ...(notices.get(revision) ?? []),
          { recipient: notice.recipient, kind: notice.kind, message: notice.message },
        ]);
      }
      const closing = closingLine(event);
      if (closing) lines.push({ ...base, ...closing });
    }
  });
  return lines.map((line) =>
    line.revision !== undefined && notices.has(line.revision)
      ? { ...line, notices: notices.get(line.revision) }
      : line,
  );
}

/**
 * Every notice a case's histories record as committed, once each (a revision whose local attempts
 * failed is committed again by the durable activity, with the same keys): what its inbox received.
 */
export function caseNotices(history: CaseHistory): KeyedNotice[] {
  const notices = new Map<string, KeyedNotice>();
  for (const { history: run } of history.runs) {
    for (const event of run.events ?? [])
      for (const notice of committed(event).notices ?? []) notices.set(notice.key, notice);
  }
  return [...notices.values()];
}

/**
 * What an event says the case committed: the input of a scheduled projection, inbox delivery
 * or revision, or the result a local activity's marker keeps (its input is not recorded).
 */
function committed(event: HistoryEvent): { entries?: TimelineEntry[]; notices?: KeyedNotice[] } {
  const scheduled = event.activityTaskScheduledEventAttributes;
  const activity = scheduled?.activityType?.name as keyof Activities | undefined;
  if (scheduled && activity && projections.includes(activity))
    return { entries: projectedEntries(decodeFirst(scheduled.input)) };
  if (scheduled && activity === inbox) return { notices: decodeFirst(scheduled.input) };
  if (scheduled && activity === revision) return decodeFirst<CommittedRevision>(scheduled.input);
  const marker = event.markerRecordedEventAttributes;
  if (marker?.markerName !== localActivityMarker || !marker.details?.result) return {};
  if (decodeFirst<{ activity_type?: string }>(marker.details.data).activity_type !== revision) return {};
  return decodeFirst<RevisionReceipt>(marker.details.result);
}

/** Histories recorded before November 2026 projected the whole state, its timeline included, with every revision. */
function projectedEntries(input: Projection<unknown> | { timeline: TimelineEntry[] }): TimelineEntry[] {
  return 'entries' in input ? input.entries : input.timeline;
}

/**
 * Which code decided a workflow task: the worker's build id, by default the SDK version and a
 * SHA-256 of the workflow bundle. A change mid-case is a deployment an auditor should see.
 */
function codeOf(event: HistoryEvent): string | undefined {
  const completed = event.workflowTaskCompletedEventAttributes;
  return (
    completed?.deploymentVersion?.buildId ||
    completed?.workerVersion?.buildId ||
    completed?.binaryChecksum ||
    undefined
  );
}

/** The SDK's marker for a local activity: its details hold `data` (type, attempt, times) and, on success, `result`. */
const localActivityMarker = 'core_local_activity';

function decodeFirst<T>(payloads: { payloads?: Payload[] | null } | null | undefined): T {
  return defaultPayloadConverter.fromPayload<T>(payloads!.payloads![0]);
}

/** How a run ended, when it did not simply continue as new: an operator's termination is something an auditor must see. */
function closingLine(event: HistoryEvent): Pick<AuditLine, 'action' | 'note'> | undefined {
  if (event.workflowExecutionCompletedEventAttributes) return { action: 'closed' };
  const terminated = event.workflowExecutionTerminatedEventAttributes;
  if (terminated)
    return {
      action: 'terminated',
      note: `${terminated.reason || 'no reason given'} (by ${terminated.identity || 'unknown'})`,
    };
  const failed = event.workflowExecutionFailedEventAttributes;
  if (failed) return { action: 'failed', note: failed.failure?.message ?? undefined };
  if (event.workflowExecutionTimedOutEventAttributes) return { action: 'timed_out' };
  if (event.workflowExecutionCanceledEventAttributes) return { action: 'canceled' };
  return undefined;
}
