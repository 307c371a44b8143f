import { Actor } from '../actors';
import { Classification } from '../categories/types';
import { CommitteeDecision } from '../committee/decisions';
import { Deadline } from '../deadlines/deadline';
import { Place } from '../places/types';
import { DurationSpec } from '../policy/duration';
import { TimelineEntry } from '../timeline';
import { Terms } from '../duplicates/terms';

export const requestStatuses = [
  'submitted',
  'dispatched',
  'accepted',
  'in_progress',
  'resolved',
  'closed',
  'reopened',
  'withdrawn',
  'merged',
  'rejected',
] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const statusLabels: Record<RequestStatus, { zh: string; en: string }> = {
  submitted: { zh: '已点单', en: 'Submitted' },
  dispatched: { zh: '已下单', en: 'Dispatched' },
  accepted: { zh: '已接单', en: 'Accepted' },
  in_progress: { zh: '办理中', en: 'In progress' },
  resolved: { zh: '已办结', en: 'Resolved' },
  closed: { zh: '已关闭', en: 'Closed' },
  reopened: { zh: '已重办', en: 'Reopened' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  merged: { zh: '已合并', en: 'Merged' },
  rejected: { zh: '不予受理', en: 'Rejected' },
};

/** Statuses after which nothing is due any more (closed may still be reopened within the window). */
export const finalStatuses: RequestStatus[] = ['closed', 'withdrawn', 'merged', 'rejected'];

/** `committee_decision`: closed by the standing committee with a reasoned outcome (its `resolution`), not by the resident. */
export type CloseOutcome = 'satisfied' | 'no_feedback' | 'committee_decision';

/** How a request came in. */
export const requestChannels = ['hotline', 'app', 'web', 'visit', 'grid_member'] as const;
export type RequestChannel = (typeof requestChannels)[number];

export const channelLabels: Record<RequestChannel, { zh: string; en: string }> = {
  hotline: { zh: '热线电话', en: 'Hotline' },
  app: { zh: '移动应用', en: 'App' },
  web: { zh: '网站', en: 'Web' },
  visit: { zh: '来访', en: 'Visit' },
  grid_member: { zh: '网格员上报', en: 'Grid member' },
};

/** What the resident filed (点单). Personal data stays in payloads, never in search attributes. */
export interface RequestSubmission {
  id: string;
  channel: RequestChannel;
  category: string;
  urgency: string;
  title: string;
  description: string;
  requester: { id: string; name: string; phone?: string; address?: string };
  /** Who filed it on the requester's behalf (a hotline operator, grid staff); absent when the resident filed it, and on requests filed before it was kept. */
  filedBy?: string;
  gridId: string;
  major: boolean;
  /** A link to a photo or other media of the matter (an Open311 app's media_url) */
  mediaUrl?: string;
  /** The grid's units bottom-up, one per ladder level, resolved from the org directory at filing. */
  jurisdiction: string[];
  /**
   * The ladder level the request is first handled at: its category's handling unit, or the
   * township's dispatch queue for an address no grid covers. Its first deadlines follow the
   * category's rule there; escalating above it gives each level its own. 0 when absent.
   */
  startLevel?: number;
  /** The place the filing named, kept as said (personal data: views mask its text as they mask the requester's address). */
  place?: Place;
  /**
   * No grid covers the place: the request waits in a township's dispatch queue (`startLevel`), its
   * `gridId` empty and the township standing in for the rungs below it in `jurisdiction`
   * (domain/places/queue.ts).
   */
  addressUnmatched?: boolean;
  /**
   * The leaf of the category tree it was filed under, as the tree then was; absent when filed by
   * SLA class alone, and on requests filed before the tree.
   */
  classification?: Classification;
  /**
   * The weighted terms of its title and description (domain/duplicates/terms.ts), worked out by the
   * API at filing with the segmenter the duplicate search uses; its list document keeps them while it
   * is open. Absent on requests filed before duplicates were searched: they are never candidates.
   */
  terms?: Terms;
}

export interface ExtensionRequest {
  by: Actor;
  duration: DurationSpec;
  reason: string;
  requestedAt: string;
}

/** The standing committee's latest decision on a request (a merge's `into` is a request id), and how its deadline fared. */
export interface CommitteeRuling {
  meetingId: string;
  decidedAt: string;
  decision: CommitteeDecision;
  /** How many times the committee's deadline lapsed, each publicly noted (通报); the agenda flags it overdue. */
  lapses: number;
  /** When the committee's deadline first lapsed. */
  overdueSince?: string;
}

/** One requester's answer to a return visit: each requester of a merged group answers once per resolution. */
export interface ReturnVisitAnswer {
  requester: string;
  satisfied: boolean;
  note?: string;
  at: string;
  /** The requester, or the staff member who took their answer (a hotline operator calling back). */
  recordedBy: string;
  /** The revision the answer was recorded at. */
  revision: number;
}

/** Where a co-handler's part stands: working on it, reported (its deadline stopped), released by the lead, or ended with the request (withdrawn, merged, rejected, closed) before either. */
export const coHandlerStatuses = ['open', 'reported', 'released', 'ended'] as const;
export type CoHandlerStatus = (typeof coHandlerStatuses)[number];

/**
 * A co-handling unit's part (协办) of a request the unit holding it leads (主办): its task, and its
 * own deadline (`cohandler:<unit>` among the request's deadlines while open) that reminds the unit
 * and escalates up the unit's own chain, never moving the request's level.
 */
export interface CoHandlerPart {
  unit: string;
  /** The unit and the units above it, bottom-up, from the org directory when the part was assigned. */
  chain: string[];
  /** The ladder level the unit sits at: its deadline starts there and climbs the chain. */
  level: number;
  task: string;
  assignedBy: string;
  assignedAt: string;
  status: CoHandlerStatus;
  /** When its deadline falls due; once the part is reported or released, when it last fell due. */
  dueAt: string;
  /** How many times its deadline lapsed. */
  lapses: number;
  /** What the co-handler reported, or why the lead released it. */
  note?: string;
  /** When it was reported or released. */
  doneAt?: string;
}

export interface CitizenRequestState {
  submission: RequestSubmission;
  revision: number;
  status: RequestStatus;
  level: number;
  assignee?: string;
  /** Reached the committee and was not sent back down; stays true after it ends (see agendaStay.ts: on the agenda now). */
  onAgenda: boolean;
  /** What is due: the current stage's deadline (`stage:<stage>`) while the request is open. */
  deadlines: Deadline[];
  pendingExtension?: ExtensionRequest;
  resolvedAtLevel?: number;
  resolution?: string;
  outcome?: CloseOutcome;
  /** Requesters of duplicates merged into this case; they hear its outcome too. */
  coRequesters: string[];
  /** Every return-visit answer (回访), oldest first; the current visit's follow its latest resolution (returnVisit.ts). Absent on runs before the group's return visit. */
  answers?: ReturnVisitAnswer[];
  mergedInto?: string;
  /** Absent until the standing committee decides on the request. */
  committee?: CommitteeRuling;
  /** Co-handling units' parts (协办), absent until the first is named; the lead is the unit holding the request. */
  coHandlers?: CoHandlerPart[];
  submittedAt: string;
  updatedAt: string;
  closedAt?: string;
  timeline: TimelineEntry[];
}

/** The deadline of the stage the request is in, if one runs. */
export function stageDeadline(state: Pick<CitizenRequestState, 'deadlines'>): Deadline | undefined {
  return state.deadlines.find((d) => d.id.startsWith('stage:'));
}

/** The deadline the request answers to now: its stage's, or while a lead works under it, the committee's. */
export function currentDeadline(state: Pick<CitizenRequestState, 'deadlines'>): Deadline | undefined {
  return stageDeadline(state) ?? state.deadlines.find((d) => d.id.startsWith('committee:'));
}

/** How requests were stored before they held a list of deadlines: one stage deadline at most. */
export type StoredRequestState = Omit<CitizenRequestState, 'deadlines'> & {
  deadlines?: Deadline[];
  deadline?: Deadline;
};

/**
 * A request's state as this code holds it, from a state stored in either shape: carried into a
 * new run by continue-as-new, returned by an ended run, handed to a projection, or kept in a read model.
 */
export function requestStateFrom(stored: StoredRequestState): CitizenRequestState {
  if (stored.deadlines) return stored as CitizenRequestState;
  const { deadline, ...rest } = stored;
  return { ...rest, deadlines: deadline ? [deadline] : [] };
}
