import { DurationSpec } from '../policy/duration';
import { deadlineSettings } from '../cases/deadlineSteps';
import { Deadline, setDeadline } from '../deadlines/deadline';
import { Policy } from '../policy/policy';
import { Refusal } from '../timeline';

/**
 * How closely the committee follows a lead official's work (督办). The level is named on the
 * committee deadline and decides who else hears its reminders: from 重点督办 on, the committee too.
 */
export const supervisionLevels = ['general', 'key', 'top'] as const;
export type SupervisionLevel = (typeof supervisionLevels)[number];

export const supervisionLabels: Record<SupervisionLevel, { zh: string; en: string }> = {
  general: { zh: '一般督办', en: 'General supervision' },
  key: { zh: '重点督办', en: 'Key supervision' },
  top: { zh: '挂牌督办', en: 'Listed (top) supervision' },
};

/** The committee's one decision on one item at a meeting; `merge.into` names another item on the agenda. */
export type CommitteeDecision =
  | {
      kind: 'assignLead';
      /** 牵头领导 */
      leadOfficial: string;
      /** 牵头单位 */
      leadUnit: string;
      /** Counted from the meeting, on the case's calendar. */
      deadline: DurationSpec;
      supervision: SupervisionLevel;
      note?: string;
    }
  | { kind: 'sendDown'; /** a ladder level id below the committee */ toLevel: string; instructions: string }
  | { kind: 'merge'; into: string; note?: string }
  | { kind: 'close'; /** the reasoned outcome, told to everyone the case names */ outcome: string };

export type CommitteeDecisionKind = CommitteeDecision['kind'];

export const decisionLabels: Record<CommitteeDecisionKind, { zh: string; en: string }> = {
  assignLead: { zh: '明确牵头领导', en: 'Lead official assigned' },
  sendDown: { zh: '交由下级办理', en: 'Sent back down' },
  merge: { zh: '合并办理', en: 'Merged with another item' },
  close: { zh: '研究办结', en: 'Closed by decision' },
};

/** The refusal of a meeting's second delivery to a case: whoever delivers it again takes this as done. */
export function alreadyDecided(meetingId: string, what = 'this request'): string {
  return `meeting ${meetingId} has already decided on ${what}`;
}

/** When the meeting was held, as a case records its decision: a past moment, or a refusal naming `heldAt`. */
export function meetingMoment(heldAt: string, now: number): number {
  const at = Date.parse(heldAt);
  if (Number.isNaN(at) || at > now)
    throw new Refusal('invalid', `heldAt ${heldAt} is not the past moment of a meeting`);
  return at;
}

/** A decision's note on the case's timeline: the meeting, and the committee's words if any. */
export const meetingNote =
  (meetingId: string) =>
  (text: string | undefined): string =>
    `会议 meeting ${meetingId}${text ? `: ${text}` : ''}`;

/**
 * The deadline a lead official answers for under an `assignLead` decision: counted from the
 * meeting on the case's calendar, at the committee's rung, its rule naming the meeting, the
 * supervision and the lead.
 */
export function leadDeadline(
  decision: CommitteeDecision & { kind: 'assignLead' },
  at: { id: string; purpose: string; meetingId: string; heldAt: number; level: number },
  policy: Policy,
): Deadline {
  const supervision = supervisionLabels[decision.supervision];
  return setDeadline(
    {
      id: at.id,
      purpose: at.purpose,
      owner: decision.leadOfficial,
      level: at.level,
      from: at.heldAt,
      spec: decision.deadline,
      rule: `committee meeting ${at.meetingId}, ${supervision.zh} ${supervision.en}, lead ${decision.leadOfficial} of ${decision.leadUnit}`,
    },
    deadlineSettings(policy),
  );
}
