import { RequestStatus } from '../requests/state';

/**
 * What a unit's ledger (台账) counts, per day. Every counter is a plain count of dated facts, so a
 * period's counts are the sum of its days' and a unit's the sum of its requests': every rate is a
 * ratio of sums, never an average of rates.
 */
export const counters = [
  'filed',
  'dispatched',
  'dispatchedLate',
  'accepted',
  'acceptedLate',
  'responsesDue',
  'respondedOnTime',
  'returned',
  'started',
  'extensionsApproved',
  'extensionsRefused',
  'escalated',
  'lapsed',
  'publicNotices',
  'resolved',
  'resolvedLate',
  'resolutionsReopened',
  'reopened',
  'satisfied',
  'unsatisfied',
  'noFeedback',
  'answersLeavingOpen',
  'withdrawn',
  'merged',
  'rejected',
  'closedByCommittee',
  'coHandlingAssigned',
  'coHandlingReported',
  'coHandlingReportedLate',
  'coHandlingLapsed',
  'coHandlingReleased',
] as const;
export type Counter = (typeof counters)[number];

/** Counts by a key (a ladder level index, '0' = grid branch; a category; a channel), as strings so a stored document can add to one key. */
export type LevelCounts = Record<string, number>;

export type KpiCounts = Record<Counter, number> & {
  /** Escalations by the level they went to (a breach's next rung, or the committee for a manual one). */
  escalatedTo: LevelCounts;
  /** Resolutions by the level that resolved: `resolvedAt['0']` were resolved by the grid itself. */
  resolvedAt: LevelCounts;
  /** Filings by the category filed under: they add up to `filed`. */
  filedByCategory: LevelCounts;
  /** Filings by the channel they came in by (`RequestSubmission.channel`): they add up to `filed`. */
  filedByChannel: LevelCounts;
  /**
   * Filings, resolutions and answered return visits by subject (`subjectOf`): the leaf of the
   * category tree filed under, or the SLA class of a request filed by class alone. A ledger rolls
   * leaves up to any level of the tree when it is read.
   */
  filedBySubject: LevelCounts;
  resolvedBySubject: LevelCounts;
  satisfiedBySubject: LevelCounts;
  unsatisfiedBySubject: LevelCounts;
};

/** The counts kept by key; the first two by ladder level. */
export const breakdowns = [
  'escalatedTo',
  'resolvedAt',
  'filedByCategory',
  'filedByChannel',
  'filedBySubject',
  'resolvedBySubject',
  'satisfiedBySubject',
  'unsatisfiedBySubject',
] as const;
export type Breakdown = (typeof breakdowns)[number];

export const counterLabels: Record<Counter, { zh: string; en: string }> = {
  filed: { zh: '受理诉求', en: 'Filed' },
  dispatched: { zh: '下单', en: 'Dispatches' },
  dispatchedLate: { zh: '超时下单', en: 'Dispatches late' },
  accepted: { zh: '接单', en: 'Accepted' },
  acceptedLate: { zh: '超时接单', en: 'Accepted late' },
  responsesDue: { zh: '应响应', en: 'Responses due' },
  respondedOnTime: { zh: '按时响应', en: 'Responded on time' },
  returned: { zh: '退单', en: 'Returned' },
  started: { zh: '开始办理', en: 'Work started' },
  extensionsApproved: { zh: '延期获批', en: 'Extensions approved' },
  extensionsRefused: { zh: '延期未批', en: 'Extensions refused' },
  escalated: { zh: '上报升级', en: 'Escalations' },
  lapsed: { zh: '超期', en: 'Deadlines lapsed' },
  publicNotices: { zh: '通报', en: 'Public notices' },
  resolved: { zh: '办结', en: 'Resolutions' },
  resolvedLate: { zh: '超期办结', en: 'Resolved late' },
  resolutionsReopened: { zh: '办结后重办', en: 'Resolutions reopened' },
  reopened: { zh: '重办', en: 'Reopened' },
  satisfied: { zh: '回访满意', en: 'Satisfied' },
  unsatisfied: { zh: '回访不满意', en: 'Unsatisfied' },
  noFeedback: { zh: '回访无反馈', en: 'No feedback' },
  answersLeavingOpen: { zh: '合并诉求未结案回访', en: 'Group answers leaving it open' },
  withdrawn: { zh: '撤回', en: 'Withdrawn' },
  merged: { zh: '合并', en: 'Merged' },
  rejected: { zh: '不予受理', en: 'Rejected' },
  closedByCommittee: { zh: '常委会研究办结', en: 'Closed by the committee' },
  coHandlingAssigned: { zh: '协办任务', en: 'Co-handling parts assigned' },
  coHandlingReported: { zh: '协办反馈', en: 'Co-handling parts reported' },
  coHandlingReportedLate: { zh: '协办超期反馈', en: 'Co-handling parts reported late' },
  coHandlingLapsed: { zh: '协办超期', en: 'Co-handling deadlines lapsed' },
  coHandlingReleased: { zh: '协办解除', en: 'Co-handling parts released' },
};

/**
 * Counts by status (按状态): how many requests entered each status in the period, each a sum of
 * the counters above, so a ledger's status counts are sums of days like the rest. A flow, not a
 * stock: a request counts once per time it entered the status. `closed` is by a return visit
 * answered satisfied, by one left unanswered, or by a committee decision: a merged group's return
 * visit counts each requester's answer (or silence), and all but the one that closed or reopened
 * the request also count `answersLeavingOpen`, so the group enters closed once; `accepted` by the
 * handling unit's acceptance (a committee assigning a lead moves a request there without one).
 */
export function statusCounts(c: KpiCounts): Record<RequestStatus, number> {
  return {
    submitted: c.filed,
    dispatched: c.dispatched,
    accepted: c.accepted,
    in_progress: c.started,
    resolved: c.resolved,
    closed: c.satisfied + c.noFeedback + c.closedByCommittee - c.answersLeavingOpen,
    reopened: c.reopened,
    withdrawn: c.withdrawn,
    merged: c.merged,
    rejected: c.rejected,
  };
}

export function emptyCounts(): KpiCounts {
  const counts = Object.fromEntries(counters.map((c) => [c, 0])) as Record<Counter, number>;
  return {
    ...counts,
    ...(Object.fromEntries(breakdowns.map((by) => [by, {}])) as Record<Breakdown, LevelCounts>),
  };
}

function addLevels(a: LevelCounts, b: LevelCounts): LevelCounts {
  const sum = { ...a };
  for (const [level, n] of Object.entries(b)) sum[level] = (sum[level] ?? 0) + n;
  return sum;
}

export function addCounts(a: KpiCounts, b: KpiCounts): KpiCounts {
  const sum = emptyCounts();
  for (const c of counters) sum[c] = a[c] + b[c];
  for (const by of breakdowns) sum[by] = addLevels(a[by], b[by]);
  return sum;
}

export function sumCounts(all: Iterable<KpiCounts>): KpiCounts {
  let sum = emptyCounts();
  for (const counts of all) sum = addCounts(sum, counts);
  return sum;
}
