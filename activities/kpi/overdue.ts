import { requestWorkflowId } from '../../common/requests';
import { requestFacts } from '../../domain/kpi/facts';
import { OpenRequest } from '../../domain/kpi/overdue';
import {
  finalStatuses,
  requestStateFrom,
  stageDeadline,
  StoredRequestState,
} from '../../domain/requests/state';
import { openUnitField } from '../db/listShapes';
import type { Models } from '../db/models';
import { readTimeline } from '../db/timeline';

/** Requests read at once: each read takes a connection of the worker's store pool. */
const atOnce = 8;

/** Entries 1 … n without a gap: what a refold needs. */
const whole = (revisions: readonly number[]) => revisions.every((revision, i) => revision === i + 1);

/**
 * A unit's open requests at a ladder level, as a report judges them at `now`: found by one equality
 * on `openUnit<level>`, which only open requests carry, so the read costs the unit's open requests
 * and nothing of what it has closed. Each is then read by id: its last state (`request_states`) and,
 * only when its stage's deadline has not passed yet, its timeline (by case), since only the
 * timeline tells whether a deadline of the stage lapsed before the escalation that set the live one.
 * A timeline with a gap (entries deleted by hand, until reconciliation restores them) is judged by
 * the live deadline alone.
 */
export async function readOpenRequests(
  models: Pick<Models, 'Request' | 'RequestState' | 'Timeline'>,
  ladder: readonly string[],
  query: { level: number; unit: string; now: number },
): Promise<OpenRequest[]> {
  const ids = await models.Request.find({ [openUnitField(query.level)]: query.unit })
    .select({ _id: 1 })
    .lean<{ _id: string }[]>()
    .exec();
  const open: OpenRequest[] = [];
  for (let i = 0; i < ids.length; i += atOnce) {
    const read = await Promise.all(
      ids.slice(i, i + atOnce).map(({ _id }) => readOne(models, ladder, _id, query.now)),
    );
    open.push(...read.filter((r): r is OpenRequest => r !== undefined));
  }
  return open;
}

async function readOne(
  models: Pick<Models, 'RequestState' | 'Timeline'>,
  ladder: readonly string[],
  id: string,
  now: number,
): Promise<OpenRequest | undefined> {
  const stored = await models.RequestState.findById(id).lean<{ state: StoredRequestState }>().exec();
  if (!stored) return undefined;
  const state = requestStateFrom(stored.state);
  // The list document is written beside the state; a request that ended meanwhile is not open.
  if (finalStatuses.includes(state.status)) return undefined;
  const deadline = stageDeadline(state);
  if (!deadline || Date.parse(deadline.dueAt) < now) return { state, lapsedInStage: false };
  const timeline = await readTimeline(models.Timeline, requestWorkflowId(id));
  const lapsedInStage = whole(timeline.map((entry) => entry.revision))
    ? requestFacts(timeline, ladder, state.submission).cursor.lapsedInStage
    : false;
  return { state, lapsedInStage };
}
