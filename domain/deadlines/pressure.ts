import { Deadline, Escalation } from './deadline';
import { LadderLevel } from '../policy/policy';
import { Notice } from '../timeline';

/**
 * How pressure rises, for every kind of case: a reminder (提醒) to whoever owns the deadline,
 * then on breach an urging notice (催办) to them and supervision (督办) by the level above; at the
 * top the lapse is publicly notified (通报) to the owner, whoever its reminders also tell (a
 * committee deadline's lead unit and committee), and every unit of the jurisdiction, the committee included.
 */
export function reminderNotices(deadline: Deadline, subject: string, alsoTell: string[] = []): Notice[] {
  return unique([deadline.owner, ...alsoTell]).map((recipient) => ({
    recipient,
    kind: 'reminder' as const,
    message: `提醒 reminder: ${deadline.purpose} due ${deadline.dueAt}: ${subject}`,
  }));
}

export interface BreachPressure {
  action: 'escalate_on_breach' | 'public_notice';
  rule: string;
  notices: Notice[];
}

export function breachPressure(
  breached: Deadline,
  escalation: Escalation,
  ladder: LadderLevel[],
  jurisdiction: string[],
  subject: string,
  alsoTell: string[] = [],
): BreachPressure {
  const lapsed = `${breached.purpose} overdue since ${breached.dueAt}: ${subject}`;
  const rule = `breach of ${breached.rule}; next: ${escalation.deadline.rule}`;
  if (escalation.atTop) {
    return {
      action: 'public_notice',
      rule,
      notices: unique([escalation.deadline.owner, ...alsoTell, ...jurisdiction]).map((recipient) => ({
        recipient,
        kind: 'public_notice' as const,
        message: `通报 public notice, ${lapsed}`,
      })),
    };
  }
  const level = ladder[escalation.toLevel];
  const toTop = escalation.toLevel === ladder.length - 1;
  return {
    action: 'escalate_on_breach',
    rule,
    notices: [
      { recipient: breached.owner, kind: 'urge', message: `催办 urging, ${lapsed}` },
      {
        recipient: escalation.deadline.owner,
        kind: toTop ? 'agenda' : 'supervise',
        message: `督办 ${level.label.zh} ${level.label.en} supervises, ${lapsed}`,
      },
    ],
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
