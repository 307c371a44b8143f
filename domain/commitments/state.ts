import { CommitteeDecision } from '../committee/decisions';
import { Deadline } from '../deadlines/deadline';
import { CommitmentKind } from '../policy/policy';
import { TimelineEntry } from '../timeline';

export const focusAreas = [
  'policy',
  'land',
  'funds',
  'talent',
  'energy',
  'management',
  'innovation',
  'party_building',
] as const;
export type FocusArea = (typeof focusAreas)[number];

export type CommitmentStatus = 'active' | 'suspended' | 'closed';

export const commitmentStatusLabels: Record<CommitmentStatus, { zh: string; en: string }> = {
  active: { zh: '履行中', en: 'Active' },
  suspended: { zh: '已暂停', en: 'Suspended' },
  closed: { zh: '已结束', en: 'Closed' },
};

/** Who held a role from when to when (事随人转): reminders go to the holder now, the history keeps them all. */
export interface Holder {
  role: 'lead' | 'member';
  person: string;
  from: string;
  to?: string;
  reason?: string;
}

export interface Letter {
  year: number;
  dueAt: string;
  signedAt?: string;
  signedBy?: string;
  targets: string[];
  fundsTargetYuan?: number;
}

/** 按时签订: signed at or before its due time; an unsigned letter is not. */
export const signedOnTime = (letter: Pick<Letter, 'signedAt' | 'dueAt'>): boolean =>
  !!letter.signedAt && letter.signedAt <= letter.dueAt;

export interface Visit {
  at: string;
  by: string;
  year: number;
  note: string;
  household?: string;
}

/** A concrete deed: a pairing's yearly quota item, or one promise of a member's pledge. */
export interface Deed {
  id: string;
  year: number;
  title: string;
  household?: string;
  done: boolean;
  doneAt?: string;
  note?: string;
}

/**
 * A problem (bottleneck) is a case within the commitment: its own deadline (`problem:<id>`),
 * progress notes and escalation up the same ladder; the timeline entries about it name it.
 */
export interface Problem {
  id: string;
  title: string;
  area: string;
  year: number;
  openedAt: string;
  openedBy: string;
  status: 'open' | 'resolved' | 'withdrawn';
  level: number;
  notes: { at: string; by: string; note: string }[];
  resolvedAt?: string;
  outcome?: string;
  /** The standing committee's latest decision on it, once it escalated to the committee. */
  committee?: { meetingId: string; decidedAt: string; decision: CommitteeDecision };
}

export const problemStatusLabels: Record<Problem['status'], { zh: string; en: string }> = {
  open: { zh: '待解决', en: 'Open' },
  resolved: { zh: '已解决', en: 'Resolved' },
  withdrawn: { zh: '已撤销', en: 'Withdrawn' },
};

export interface Funding {
  id: string;
  amountYuan: number;
  source: string;
  date: string;
  year: number;
  note?: string;
  recordedBy: string;
}

export type Rating = 'excellent' | 'good' | 'fair' | 'poor';

export const ratingLabels: Record<Rating, { zh: string; en: string }> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  good: { zh: '良好', en: 'Good' },
  fair: { zh: '合格', en: 'Fair' },
  poor: { zh: '不合格', en: 'Poor' },
};

export interface AssessmentFigures {
  letterSignedOnTime?: boolean;
  visitsExpected?: number;
  visitsKept?: number;
  problemsHandled: number;
  problemsSolved: number;
  fundsYuan: number;
  fundsTargetYuan?: number;
  deedsExpected?: number;
  deedsDone?: number;
}

export interface Assessment {
  year: number;
  final: boolean;
  computedAt: string;
  score: number;
  rating: Rating;
  figures: AssessmentFigures;
  reasons: string[];
  comment?: { by: string; text: string; at: string };
}

export interface CommitmentSubmission {
  id: string;
  kind: CommitmentKind;
  title: string;
  team: { name: string; department: string };
  lead: string;
  members: string[];
  enterprise?: { name: string; creditCode?: string };
  households?: { id: string; name: string }[];
  startDate: string;
  termYears: number;
  focusAreas: FocusArea[];
  initialProblems: { title: string; area: string }[];
  /** Promised deeds of a pledge, tracked to done or not done. */
  promisedDeeds: string[];
  gridId: string;
  jurisdiction: string[];
}

export interface CommitmentState {
  submission: CommitmentSubmission;
  revision: number;
  status: CommitmentStatus;
  /** The plan year now running, 1-based. */
  year: number;
  startsAt: string;
  endsAt: string;
  holders: Holder[];
  letters: Letter[];
  visits: Visit[];
  deeds: Deed[];
  problems: Problem[];
  funds: Funding[];
  assessments: Assessment[];
  deadlines: Deadline[];
  closedReason?: string;
  updatedAt: string;
  /** When it closed (absent from commitments closed before it was kept). */
  closedAt?: string;
  timeline: TimelineEntry[];
}

export function currentLead(state: CommitmentState): string {
  return state.holders.find((h) => h.role === 'lead' && !h.to)!.person;
}

export function currentHolders(state: CommitmentState): string[] {
  return state.holders.filter((h) => !h.to).map((h) => h.person);
}
