import { Deadline, DeadlineSettings, escalate, Escalation, markReminderSent } from '../deadlines/deadline';
import { breachPressure, reminderNotices } from '../deadlines/pressure';
import { Policy } from '../policy/policy';
import { Notice } from '../timeline';

/** The calendar and reminder points every case's deadlines are set with; a milestone (an anniversary) has no reminders. */
export function deadlineSettings(policy: Policy, reminders = true): DeadlineSettings {
  return { calendar: policy.calendar, reminderFractions: reminders ? policy.reminderFractions : [] };
}

/** What a case records when one of its deadlines reaches a reminder point. */
export interface ReminderStep {
  deadline: Deadline;
  rule: string;
  notices: Notice[];
}

export function reminderStep(
  deadline: Deadline,
  index: number,
  subject: string,
  alsoTell: string[] = [],
): ReminderStep {
  return {
    deadline: markReminderSent(deadline, index),
    rule: `reminder at ${deadline.reminders[index].fraction} of ${deadline.rule}`,
    notices: reminderNotices(deadline, subject, alsoTell),
  };
}

/** What a case records when one of its deadlines is breached: one rung up the ladder (or a public notice at the top), and who is told. */
export interface BreachStep {
  escalation: Escalation;
  action: 'escalate_on_breach' | 'public_notice';
  rule: string;
  notices: Notice[];
}

export function breachStep(
  deadline: Deadline,
  ownerAt: (level: number) => string,
  jurisdiction: string[],
  subject: string,
  policy: Policy,
  now: number,
  alsoTell: string[] = [],
): BreachStep {
  const escalation = escalate(deadline, policy.ladder, ownerAt, now, deadlineSettings(policy));
  return {
    escalation,
    ...breachPressure(deadline, escalation, policy.ladder, jurisdiction, subject, alsoTell),
  };
}
