import { Model } from 'mongoose';
import { commitmentWorkflowId } from '../common/commitments';
import { KeyedNotice } from '../common/notifications';
import { requestWorkflowId } from '../common/requests';
import {
  commitmentProjectionActivities,
  toCommitmentDoc,
  toFundingDocs,
  toProblemDocs,
} from '../activities/commitments/projection';
import { Models } from '../activities/db/models';
import { toTimelineDoc } from '../activities/db/timeline';
import { inboxActivities, toNotificationDoc } from '../activities/notifications/inbox';
import { requestProjectionActivities, toRequestDoc } from '../activities/requests/projection';
import { Doc, DocDrift, diffDocs, drifted } from './drift';
import { CaseTruth } from './truth';

/** The read-model collections a case is projected into, as a reconciliation reports them. */
export type ReadModelName =
  'requests' | 'request_states' | 'commitments' | 'problems' | 'funds' | 'timeline' | 'notifications';

/** Drifted documents of one case, by collection; empty when its read models match its truth. */
export type CaseDrift = Partial<Record<ReadModelName, DocDrift>>;

/**
 * Checks one case's read models against its truth and repairs what drifted, through the same
 * projectors and inbox writer the workflows use: what is missing is written again, what was
 * altered is removed first (only at the revision it was read at, so nothing newer is lost), since
 * a projector never overwrites a document of the same revision. Re-projecting a filing counts it
 * in its slices again; a count too high only costs a list a query (the slice pass raises any too low).
 */
export function caseRepairer(models: Models) {
  const { projectRequest } = requestProjectionActivities(models);
  const { projectCommitment } = commitmentProjectionActivities(models);
  const { deliverInbox } = inboxActivities(models);

  async function check(truth: CaseTruth): Promise<CaseDrift> {
    const caseId = caseIdOf(truth);
    const { revision, timeline } = truth.state;
    const [storedTimeline, storedNotices] = await Promise.all([
      models.Timeline.find({ caseId }).lean(),
      models.Notification.find({ caseId }).lean(),
    ]);
    const shared: CaseDrift = {
      timeline: diffDocs(
        asStored(
          models.Timeline,
          timeline.map((entry) => toTimelineDoc(caseId, entry)),
        ),
        storedTimeline,
        { revision, extraIsDrift: true },
      ),
      notifications: diffDocs(
        asStored(models.Notification, truth.notices.map(toNotificationDoc)),
        storedNotices,
      ),
    };
    if (truth.readModel === 'request') {
      const id = truth.state.submission.id;
      const [state, list] = await Promise.all([
        models.RequestState.findById(id).lean(),
        models.Request.findById(id).lean(),
      ]);
      return nonEmpty({
        ...shared,
        request_states: diffDocs(
          asStored(models.RequestState, [{ _id: id, revision, state: { ...truth.state, timeline: [] } }]),
          found(state),
        ),
        requests: diffDocs(asStored(models.Request, [toRequestDoc(truth.state, timeline)]), found(list)),
      });
    }
    const id = truth.state.submission.id;
    const [commitment, problems, funds] = await Promise.all([
      models.Commitment.findById(id).lean(),
      models.Problem.find({ commitmentId: id }).lean(),
      models.Funding.find({ commitmentId: id }).lean(),
    ]);
    const state = { ...truth.state, timeline: [] };
    return nonEmpty({
      ...shared,
      commitments: diffDocs(asStored(models.Commitment, [toCommitmentDoc(state)]), found(commitment)),
      problems: diffDocs(asStored(models.Problem, toProblemDocs(state)), problems, {
        revision,
        extraIsDrift: true,
      }),
      funds: diffDocs(asStored(models.Funding, toFundingDocs(state)), funds),
    });
  }

  /** Removes what is wrong, then writes the case as its workflow would have. */
  async function repair(truth: CaseTruth, drift: CaseDrift): Promise<void> {
    const revisionOf = (doc: Doc | null) => (doc?.revision === undefined ? {} : { revision: doc.revision });
    const remove = async <D extends Doc>(model: Model<D>, ids: string[] = []) => {
      for (const _id of ids) {
        const stored = await model.findById(_id).lean<Doc>();
        if (stored) await model.deleteOne({ _id, ...revisionOf(stored) } as never);
      }
    };
    const wrong = (name: ReadModelName) => [...(drift[name]?.altered ?? []), ...(drift[name]?.extra ?? [])];
    await Promise.all([
      remove(models.Timeline, wrong('timeline')),
      remove(models.Notification, wrong('notifications')),
      remove(models.RequestState, wrong('request_states')),
      remove(models.Request, wrong('requests')),
      remove(models.Commitment, wrong('commitments')),
      remove(models.Problem, wrong('problems')),
      remove(models.Funding, wrong('funds')),
    ]);
    await write(truth, {
      project: Object.keys(drift).some((name) => name !== 'notifications'),
      notices: drift.notifications ? noticesToWrite(truth.notices, drift.notifications) : [],
    });
  }

  /** The case's projection and notices, as the workflow commits them; a rebuild writes everything. */
  async function write(truth: CaseTruth, what: { project: boolean; notices: KeyedNotice[] }): Promise<void> {
    const projection = projected(truth);
    await Promise.all([
      what.project &&
        (projection.readModel === 'request' ? projectRequest(projection) : projectCommitment(projection)),
      what.notices.length && deliverInbox(what.notices),
    ]);
  }

  return {
    check,
    repair,
    rebuild: (truth: CaseTruth) => write(truth, { project: true, notices: truth.notices }),
  };
}

export function caseIdOf(truth: CaseTruth): string {
  return truth.readModel === 'request'
    ? requestWorkflowId(truth.state.submission.id)
    : commitmentWorkflowId(truth.state.submission.kind, truth.state.submission.id);
}

export function driftedDocs(drift: CaseDrift): number {
  return Object.values(drift).reduce((n, d) => n + drifted(d), 0);
}

/**
 * The projection the workflow commits for its newest revision: the state with its timeline
 * emptied (read models keep entries apart), and the entries; here all of them.
 */
function projected(truth: CaseTruth) {
  return {
    readModel: truth.readModel,
    state: { ...truth.state, timeline: [] },
    entries: truth.state.timeline,
  } as
    | {
        readModel: 'request';
        state: Extract<CaseTruth, { readModel: 'request' }>['state'];
        entries: CaseTruth['state']['timeline'];
      }
    | {
        readModel: 'commitment';
        state: Extract<CaseTruth, { readModel: 'commitment' }>['state'];
        entries: CaseTruth['state']['timeline'];
      };
}

function noticesToWrite(notices: KeyedNotice[], drift: DocDrift): KeyedNotice[] {
  const wanted = new Set([...drift.missing, ...drift.altered]);
  return notices.filter((notice) => wanted.has(notice.key));
}

const found = <D>(doc: D | null): D[] => (doc ? [doc] : []);

/** A document as its model stores it: cast to the schema, fields the schema lacks dropped (a funding entry's own `id`, say). */
function asStored<D extends Doc>(model: Model<D>, docs: D[]): Doc[] {
  return docs.map((doc) => new model(doc).toObject({ minimize: false, versionKey: false }) as Doc);
}

function nonEmpty(drift: CaseDrift): CaseDrift {
  return Object.fromEntries(Object.entries(drift).filter(([, d]) => drifted(d) > 0));
}
