import { CitizenRequestState } from '../../domain/requests/state';
import { currentStage } from '../../domain/requests/transitions';
import { Projection } from '../../common/projection';
import { requestWorkflowId } from '../../common/requests';
import { Models, RequestDoc } from '../db/models';
import { appendTimeline } from '../db/timeline';
import { upsertIfNewer } from '../db/versionedUpsert';

export function toRequestDoc(state: CitizenRequestState, entries: CitizenRequestState['timeline']): RequestDoc {
  const { submission } = state;
  return {
    _id: submission.id,
    revision: state.revision,
    status: state.status,
    category: submission.category,
    urgency: submission.urgency,
    channel: submission.channel,
    title: submission.title,
    gridId: submission.gridId,
    major: submission.major,
    onAgenda: state.onAgenda,
    // The newest timeline entry records the ladder id of the policy the case runs under.
    level: entries[entries.length - 1]?.level ?? String(state.level),
    unit: submission.jurisdiction[state.level],
    units: submission.jurisdiction,
    assignee: state.assignee,
    stage: currentStage(state),
    dueAt: state.deadline ? new Date(state.deadline.dueAt) : undefined,
    submittedAt: new Date(state.submittedAt),
    updatedAt: new Date(state.updatedAt),
    closedAt: state.closedAt ? new Date(state.closedAt) : undefined,
    outcome: state.outcome,
    state,
  };
}

export function requestProjectionActivities(models: Models) {
  return {
    /** Idempotent and ordered by revision: safe to retry, safe to arrive late. */
    async projectRequest({ state, entries }: Projection<CitizenRequestState>): Promise<void> {
      await appendTimeline(models.Timeline, requestWorkflowId(state.submission.id), entries);
      await upsertIfNewer(models.Request, toRequestDoc(state, entries));
    },
  };
}
