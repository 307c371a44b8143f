import { localDate, WorkingCalendar } from '../policy/calendar';
import { RequestStatus, RequestSubmission } from '../requests/state';
import { stageOfStatus } from '../requests/transitions';
import { coHandlerOfAbout } from '../requests/coHandling';
import { TimelineEntry } from '../timeline';
import { Breakdown, Counter } from './counts';

/**
 * One thing a request contributes to the ledger: a counter, the Beijing day it counts on, and for
 * an escalation or a resolution the ladder level (0 = grid branch). A request's facts count for
 * every unit of its jurisdiction (`submission.jurisdiction`), so a unit's ledger includes
 * everything below it.
 *
 * Facts are read from the timeline alone, because it is the record the auditor reads and the
 * only one a case keeps of its past deadlines: a stage is late when a breach of its deadline
 * (`escalate_on_breach`, or `public_notice` at the top) was recorded before the stage's action.
 * So the KPI judges exactly what the case itself enforced: an approved extension moves the
 * deadline before it lapses, and only a lapse of the extended one counts; a refused one changes
 * nothing. An action that beats its timer by moments is on time, as the case decided; no second
 * clock disagrees with the timeline.
 *
 * A breach entry is a lapse of the stage the request is in. A committee decision's deadline
 * (its entries carry `about: "committee:<meeting>"`) stands in for the resolve stage's while a
 * lead official works under it, so its lapse counts the same way: a public notice in the unit's
 * ledger, and a late resolution.
 *
 * A request closed by a committee decision (`committee_close`, outcome `committee_decision`)
 * counts `closedByCommittee` on the day of the meeting's entry, and nothing else: the committee
 * ruled on it, no handling unit resolved it, and no return visit follows, so it is neither a
 * resolution (解决率) nor an answered visit (满意率); like a withdrawal, it leaves the response
 * unjudged if it came before acceptance and before any lapse. Its lapses before the decision
 * count as they happened.
 *
 * A filing carries its category, channel and classification (from the submission, which never
 * changes), so a ledger counts filings by each, and resolutions and answered return visits by
 * subject too.
 *
 * A co-handler's part (entries with `about: "cohandler:<unit>"`) counts for the co-handling unit
 * and the units above it, not for the request's jurisdiction: the fact names its unit
 * (`coHandler`). Its part is assigned, reported (late when its deadline lapsed first), released by
 * the lead, or lapses; none of it judges the request's own stages.
 */
export interface RequestFact {
  day: string;
  counter: Counter;
  level?: number;
  /** Keys the fact also counts under, by breakdown (a filing's category and channel; a subject). */
  by?: Partial<Record<Exclude<Breakdown, 'escalatedTo' | 'resolvedAt'>, string>>;
  /** The co-handling unit the fact counts for instead of the request's jurisdiction. */
  coHandler?: string;
}

/** What a request was filed as: its filing counts under each. */
export type Filing = Pick<RequestSubmission, 'category' | 'channel' | 'classification'>;

/** The subject a request counts under: its leaf of the category tree, else its SLA class (leaf codes never equal one). */
export const subjectOf = (filing: Filing): string => filing.classification?.code ?? filing.category;

/**
 * What the fold remembers between entries, so that a projection can fold only a revision's new
 * entries: folding a timeline in pieces, each piece from the cursor the last one left, yields the
 * same facts as folding it whole. Small enough to keep in a request's read-model document.
 */
export interface FactsCursor {
  /** The last revision folded; entries at or below it are skipped, so a retried piece adds nothing. */
  revision: number;
  status: RequestStatus;
  /** A deadline of the current stage has lapsed since the stage began (it is overdue even after escalating). */
  lapsedInStage: boolean;
  /** The response (dispatch and acceptance) has been judged, on time or late; it is judged once. */
  responseJudged: boolean;
  /** The day the latest resolution counted on: a reopening counts against that resolution. */
  resolvedOn?: string;
  /** Co-handling units whose current part's deadline has lapsed. */
  coHandlersLapsed?: string[];
}

export const startOfFacts: FactsCursor = {
  revision: 0,
  status: 'submitted',
  lapsedInStage: false,
  responseJudged: false,
};

const beijing: WorkingCalendar = { utcOffsetMinutes: 480, holidays: [], makeupWorkdays: [] };

/** The Beijing day an instant counts on, as list slices key their days (activities/db/slices.ts). */
export function kpiDay(at: string): string {
  return localDate(Date.parse(at), beijing);
}

const breaches = ['escalate_on_breach', 'public_notice'];

/**
 * The facts one entry adds, judged on the cursor the entries before it left.
 *
 * Response (响应): judged once per request, on the day it is settled: on time at its first
 * acceptance when no dispatch or accept deadline it was given had lapsed; late at the first such
 * lapse, whatever follows. A return (退单) gives the request a fresh dispatch deadline by policy, so
 * a return answered in time does not make the response late; returns are counted on their own.
 * Requests withdrawn, merged or rejected before acceptance and before any lapse are never judged.
 *
 * Dispatches are counted each time (a returned request is dispatched again), each late when its own
 * dispatch deadline lapsed first; an acceptance is late when the accept deadline of its dispatch lapsed.
 *
 * Work counts as `started` when a progress report moves the request into progress (办理中), once
 * each time it enters it; further reports while in progress add nothing.
 *
 * The return visit counts per answer: each requester of a merged group answers once per
 * resolution, each answer an entry of its own (domain/requests/returnVisit.ts). `satisfied` and
 * `unsatisfied` count answers, `noFeedback` the requesters left unanswered at the deadline. The
 * entry that closes or reopens the request carries the status change; the group's other answers
 * and silences leave it as it was and also count `answersLeavingOpen`, which the status counts
 * subtract so that a group enters closed once (counts.ts).
 *
 * A reopening (by unsatisfied feedback or a supervisor) counts `resolutionsReopened` on the day of
 * the resolution it undoes, so a period's resolutions and their reopenings are the same cohort.
 * That day's figure may still rise until the reopen window closes after it.
 */
function factsOf(
  cursor: FactsCursor,
  entry: TimelineEntry,
  ladder: readonly string[],
  filing: Filing,
): RequestFact[] {
  const day = kpiDay(entry.at);
  const coHandler = coHandlerOfAbout(entry.about);
  if (coHandler !== undefined) return coHandlingFacts(cursor, entry.action, coHandler, day);
  const fact = (counter: Counter, level?: number): RequestFact =>
    level === undefined ? { day, counter } : { day, counter, level };
  const level = () => levelIndex(entry, ladder);
  const late = cursor.lapsedInStage;
  const stage = stageOfStatus(cursor.status);
  const reopening = () => [
    fact('reopened'),
    { day: cursor.resolvedOn ?? day, counter: 'resolutionsReopened' as const },
  ];
  const lapse = () => [
    fact('lapsed'),
    ...(!cursor.responseJudged && (stage === 'dispatch' || stage === 'accept') ? [fact('responsesDue')] : []),
  ];
  const subject = subjectOf(filing);
  switch (entry.action) {
    case 'submit':
      return [
        {
          ...fact('filed'),
          by: { filedByCategory: filing.category, filedByChannel: filing.channel, filedBySubject: subject },
        },
      ];
    case 'dispatch':
      return [fact('dispatched'), ...(late ? [fact('dispatchedLate')] : [])];
    case 'accept':
      return [
        fact('accepted'),
        ...(late ? [fact('acceptedLate')] : []),
        ...(cursor.responseJudged ? [] : [fact('responsesDue'), fact('respondedOnTime')]),
      ];
    case 'return':
      return [fact('returned')];
    case 'progress':
      return cursor.status === 'in_progress' ? [] : [fact('started')];
    case 'approve_extension':
      return [fact('extensionsApproved')];
    case 'refuse_extension':
      return [fact('extensionsRefused')];
    case 'escalate':
      return [fact('escalated', level())];
    case 'escalate_on_breach':
      return [fact('escalated', level()), ...lapse()];
    case 'public_notice':
      return [fact('publicNotices'), ...lapse()];
    case 'resolve':
      return [
        { ...fact('resolved', level()), by: { resolvedBySubject: subject } },
        ...(late ? [fact('resolvedLate')] : []),
      ];
    case 'feedback_satisfied':
      return [
        { ...fact('satisfied'), by: { satisfiedBySubject: subject } },
        ...(entry.to ? [] : [fact('answersLeavingOpen')]),
      ];
    case 'feedback_unsatisfied':
      return [{ ...fact('unsatisfied'), by: { unsatisfiedBySubject: subject } }, ...reopening()];
    case 'reopen':
      return reopening();
    case 'no_feedback':
      return [fact('noFeedback'), fact('answersLeavingOpen')];
    case 'close_no_feedback':
      return [fact('noFeedback')];
    case 'withdraw':
      return [fact('withdrawn')];
    case 'merge':
      return [fact('merged')];
    case 'reject':
      return [fact('rejected')];
    case 'committee_close':
      return [fact('closedByCommittee')];
    default:
      return [];
  }
}

function coHandlingFacts(cursor: FactsCursor, action: string, coHandler: string, day: string): RequestFact[] {
  const fact = (counter: Counter): RequestFact => ({ day, counter, coHandler });
  switch (action) {
    case 'assign_cohandler':
      return [fact('coHandlingAssigned')];
    case 'report_cohandling':
      return [
        fact('coHandlingReported'),
        ...(cursor.coHandlersLapsed?.includes(coHandler) ? [fact('coHandlingReportedLate')] : []),
      ];
    case 'release_cohandler':
      return [fact('coHandlingReleased')];
    case 'escalate_on_breach':
    case 'public_notice':
      return [fact('coHandlingLapsed')];
    default:
      return [];
  }
}

/** A co-handler's entry moves only its own part's memory: a fresh part has not lapsed, a breach has. */
function advanceCoHandling(cursor: FactsCursor, entry: TimelineEntry, coHandler: string): FactsCursor {
  const others = (cursor.coHandlersLapsed ?? []).filter((unit) => unit !== coHandler);
  const lapsed = cursor.coHandlersLapsed?.includes(coHandler) ?? false;
  const now = entry.action === 'assign_cohandler' ? false : lapsed || breaches.includes(entry.action);
  return { ...cursor, revision: entry.revision, coHandlersLapsed: now ? [...others, coHandler] : others };
}

/** Timeline entries name levels as the case's policy does; facts count them by rung. */
function levelIndex(entry: TimelineEntry, ladder: readonly string[]): number {
  const index = ladder.indexOf(entry.level ?? '');
  if (index < 0) {
    throw new Error(
      `kpi: entry ${entry.revision} (${entry.action}) is at level ${entry.level}, not on the ladder ${ladder.join(' > ')}`,
    );
  }
  return index;
}

function advance(cursor: FactsCursor, entry: TimelineEntry): FactsCursor {
  const coHandler = coHandlerOfAbout(entry.about);
  if (coHandler !== undefined) return advanceCoHandling(cursor, entry, coHandler);
  const status = (entry.to ?? cursor.status) as RequestStatus;
  const stage = stageOfStatus(cursor.status);
  const breach = breaches.includes(entry.action);
  const newStage = stageOfStatus(status) !== stage;
  return {
    revision: entry.revision,
    status,
    lapsedInStage: newStage ? false : cursor.lapsedInStage || breach,
    responseJudged:
      cursor.responseJudged ||
      entry.action === 'accept' ||
      (breach && (stage === 'dispatch' || stage === 'accept')),
    resolvedOn: entry.action === 'resolve' ? kpiDay(entry.at) : cursor.resolvedOn,
    ...(cursor.coHandlersLapsed ? { coHandlersLapsed: cursor.coHandlersLapsed } : {}),
  };
}

/**
 * The facts of some of a request's timeline entries, oldest first, from where the last fold left
 * off (`startOfFacts` before revision 1). `ladder` is the case's own policy's level ids, bottom
 * first; `filing` its submission's category and channel.
 */
export function foldFacts(
  cursor: FactsCursor,
  entries: readonly TimelineEntry[],
  ladder: readonly string[],
  filing: Filing,
): { cursor: FactsCursor; facts: RequestFact[] } {
  const facts: RequestFact[] = [];
  let current = cursor;
  for (const entry of entries) {
    if (entry.revision <= current.revision) continue;
    // Every revision adds one entry; a gap means entries were lost, and folding on would miscount.
    if (entry.revision > current.revision + 1)
      throw new Error(
        `kpi: entries ${current.revision + 1}–${entry.revision - 1} are missing; fold the whole timeline`,
      );
    facts.push(...factsOf(current, entry, ladder, filing));
    current = advance(current, entry);
  }
  return { cursor: current, facts };
}

/** Everything a request has contributed so far: the recount a ledger's aggregates must equal. */
export function requestFacts(
  timeline: readonly TimelineEntry[],
  ladder: readonly string[],
  filing: Filing,
): { cursor: FactsCursor; facts: RequestFact[] } {
  return foldFacts(startOfFacts, timeline, ladder, filing);
}
