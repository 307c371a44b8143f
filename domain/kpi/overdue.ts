import { RequestStage } from '../policy/policy';
import { CitizenRequestState, stageDeadline } from '../requests/state';
import { stageOfStatus } from '../requests/transitions';
import { FactsCursor } from './facts';

/** An open request past its deadline now, and who holds it (the stage deadline's owner). */
export interface OverdueItem {
  requestId: string;
  stage: RequestStage;
  holder: string;
  level: number;
  dueAt: string;
  /** The units it counts for: its jurisdiction, bottom-up. */
  units: string[];
}

/**
 * Overdue now (超期未办): the stage's deadline has passed, or a deadline of this stage lapsed and
 * the stage is still not done. A breach escalates and sets a fresh deadline at the next rung, so
 * the live deadline alone would call an escalated request on time again; it stays overdue, held
 * by the rung it now sits at, until the stage is done. A resolved request waiting for its return
 * visit is not overdue: that wait is the resident's time. A snapshot at `now`, so it is counted
 * when read, not summed over days.
 */
export function overdueNow(
  state: Pick<CitizenRequestState, 'status' | 'deadlines' | 'submission'>,
  cursor: Pick<FactsCursor, 'lapsedInStage'>,
  now: number,
): OverdueItem | undefined {
  const stage = stageOfStatus(state.status);
  const deadline = stageDeadline(state);
  if (!stage || stage === 'returnVisit' || !deadline) return undefined;
  if (!cursor.lapsedInStage && Date.parse(deadline.dueAt) >= now) return undefined;
  return {
    requestId: state.submission.id,
    stage,
    holder: deadline.owner,
    level: deadline.level,
    dueAt: deadline.dueAt,
    units: state.submission.jurisdiction,
  };
}

/** Overdue items per unit, each counted for every unit of its jurisdiction. */
export function overdueByUnit(items: readonly OverdueItem[]): Map<string, OverdueItem[]> {
  const byUnit = new Map<string, OverdueItem[]>();
  for (const item of items)
    for (const unit of new Set(item.units)) byUnit.set(unit, [...(byUnit.get(unit) ?? []), item]);
  return byUnit;
}

/** An open request as a report reads it: its state, and whether a deadline of its stage has lapsed. */
export interface OpenRequest {
  state: Pick<CitizenRequestState, 'status' | 'deadlines' | 'submission' | 'committee'>;
  lapsedInStage: boolean;
}

/** An overdue request as ledgers and reports list it. */
export interface OverdueLine {
  requestId: string;
  title: string;
  stage: RequestStage;
  /** Who holds it: the owner of the stage's deadline (a member, or the unit it escalated to) */
  holder: string;
  dueAt: string;
}

/** The open requests overdue at `now`, with who holds each, by request id. */
export function overdueLines(open: readonly OpenRequest[], now: number): OverdueLine[] {
  return open
    .map(({ state, lapsedInStage }): OverdueLine | undefined => {
      const item = overdueNow(state, { lapsedInStage }, now);
      return (
        item && {
          requestId: item.requestId,
          title: state.submission.title,
          stage: item.stage,
          holder: item.holder,
          dueAt: item.dueAt,
        }
      );
    })
    .filter((line): line is OverdueLine => line !== undefined)
    .sort((a, b) => a.requestId.localeCompare(b.requestId));
}
