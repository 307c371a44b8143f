import {
  committeeMeetingUpdate,
  committeeWorkflowId,
  MeetingCommand,
  MeetingResult,
} from '../../common/committee';
import { requestWorkflowId } from '../../common/requests';
import { Actor } from '../../domain/actors';
import { AgendaState, openAgenda } from '../../domain/committee/agenda';
import {
  decisionsOn,
  isOverdue,
  overdueItems,
  viewAgenda,
  waitingLongerThan,
} from '../../domain/committee/queries';
import { CitizenRequestState } from '../../domain/requests/state';
import { actOnCase } from '../cases';
import { ApiDeps } from '../deps';
import { invalidField, notFound } from '../errors';

export interface AgendaFilters {
  waitingLongerThanDays?: number;
  overdue?: boolean;
}

/** The committee's agenda, meetings and decisions, read from its read model (one document by `_id`); meetings go to its workflow. */
export function committeeService({ models, org, policy, temporal }: ApiDeps) {
  const top = policy.ladder.length - 1;

  /** Only a unit at the ladder's top sits as a standing committee. */
  function requireCommittee(unitId: string): void {
    if (org.levelOf(unitId) !== top) throw notFound(`committee ${unitId}`);
  }

  /** Its stored agenda; an empty one while nothing has arrived (its workflow starts with the first arrival). */
  async function agendaOf(unitId: string): Promise<AgendaState> {
    const doc = await models.CommitteeAgenda.findById(unitId).lean();
    return doc?.state ?? openAgenda(unitId, policy.ladder[top].id, Date.now());
  }

  return {
    async agenda(unitId: string, filters: AgendaFilters, now = Date.now()) {
      requireCommittee(unitId);
      const state = await agendaOf(unitId);
      const waited =
        filters.waitingLongerThanDays === undefined
          ? state.items
          : waitingLongerThan(state, filters.waitingLongerThanDays, now);
      const items =
        filters.overdue === undefined
          ? waited
          : filters.overdue
            ? overdueItems({ ...state, items: waited }, now)
            : waited.filter((item) => !isOverdue(item, now));
      return { state, items: viewAgenda({ ...state, items }, now) };
    },

    async holdMeeting(
      unitId: string,
      actor: Actor,
      meeting: MeetingCommand['meeting'],
    ): Promise<MeetingResult> {
      requireCommittee(unitId);
      return actOnCase(
        () =>
          temporal.workflow
            .getHandle(committeeWorkflowId(unitId))
            .executeUpdate(committeeMeetingUpdate, { args: [{ actor, meeting }] }),
        `committee ${unitId}`,
        async () =>
          `nothing has arrived on the agenda of committee ${unitId} yet: there is nothing to decide`,
      );
    },

    /** Newest first; the cursor is the id of the last meeting of the page before. */
    async meetings(unitId: string, pageSize: number, cursor?: string) {
      requireCommittee(unitId);
      const newestFirst = [...(await agendaOf(unitId)).meetings].reverse();
      const start = cursor === undefined ? 0 : newestFirst.findIndex((m) => m.id === cursor) + 1;
      if (start === 0 && cursor !== undefined)
        throw invalidField('query.cursor', `meeting ${cursor} is not one of committee ${unitId}'s meetings`);
      const items = newestFirst.slice(start, start + pageSize);
      const next = start + pageSize < newestFirst.length ? items[items.length - 1].id : undefined;
      return { items, next };
    },

    /** Every decision the request's committee took on it, oldest first, even after it left the agenda. */
    async decisionsOnRequest(id: string) {
      const stored = await models.RequestState.findById(id).lean();
      if (!stored) throw notFound(`request ${id}`);
      const { jurisdiction } = (stored.state as CitizenRequestState).submission;
      const committeeId = jurisdiction[jurisdiction.length - 1];
      return { committeeId, decisions: decisionsOn(await agendaOf(committeeId), requestWorkflowId(id)) };
    },
  };
}
