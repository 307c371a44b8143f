import { TimelineEntry } from '../timeline';
import { isCommitteeDeadline } from './committee';
import { CitizenRequestState, currentDeadline } from './state';

/**
 * How far pressure has risen on the deadline a request answers to now (domain/deadlines/pressure.ts):
 * a reminder sent (提醒), a breach urged on its owner and supervised by the level above (催办 and
 * 督办, recorded as one escalation), or a lapse at the top publicly notified (通报).
 */
export const pressureSteps = ['reminded', 'supervised', 'publicly_notified'] as const;
export type PressureStep = (typeof pressureSteps)[number];

const stepOf: Partial<Record<string, PressureStep>> = {
  reminder: 'reminded',
  escalate_on_breach: 'supervised',
  public_notice: 'publicly_notified',
};

/** A stage begins afresh with a new status, an escalation to the committee, or a routing to a grid. */
function startsStage(entry: TimelineEntry): boolean {
  return entry.to !== undefined || entry.action === 'escalate' || entry.action === 'route';
}

/** The highest step recorded in the timeline since the current deadline's stage began, if any. */
export function pressureOf(state: CitizenRequestState): PressureStep | undefined {
  const deadline = currentDeadline(state);
  if (!deadline) return undefined;
  // A committee deadline's entries name it; a stage deadline's name nothing.
  const about = isCommitteeDeadline(deadline) ? deadline.id : undefined;
  let highest = -1;
  for (let i = state.timeline.length - 1; i >= 0; i--) {
    const entry = state.timeline[i];
    if (entry.about !== about) continue;
    const step = stepOf[entry.action];
    if (step) highest = Math.max(highest, pressureSteps.indexOf(step));
    else if (about === undefined && startsStage(entry)) break;
  }
  return highest < 0 ? undefined : pressureSteps[highest];
}

export const pressureLabels: Record<PressureStep, { zh: string; en: string }> = {
  reminded: { zh: '提醒', en: 'Reminded' },
  supervised: { zh: '催办·督办', en: 'Urged and supervised' },
  publicly_notified: { zh: '通报', en: 'Publicly notified' },
};
