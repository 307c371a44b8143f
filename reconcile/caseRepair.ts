import { KeyedNotice } from '../common/notifications';
import { Projection, ReadModel, ReadModelStates } from '../common/projection';
import { Models } from '../activities/db/models';
import { toTimelineDoc } from '../activities/db/timeline';
import { inboxActivities, toNotificationDoc } from '../activities/notifications/inbox';
import { readModelOf, readModels } from '../activities/readModels';
import { ExpectedDocs } from '../activities/readModels/readModel';
import { collection, Collection } from './collection';
import { Doc, DocDrift, diffDocs, drifted } from './drift';
import { CaseTruth } from './truth';

/** The read-model collections a case is projected into, as a reconciliation reports them (timeline, notifications, and each read model's own). */
export type ReadModelName = string;

/** Drifted documents of one case, by collection; empty when its read models match its truth. */
export type CaseDrift = Partial<Record<ReadModelName, DocDrift>>;

/** Every collection a reconciliation checks or empties: what every case has, then each read model's own. */
export function readModelCollections(models: Models): Record<ReadModelName, Collection> {
  return Object.assign(
    { timeline: collection(models.Timeline), notifications: collection(models.Notification) },
    ...Object.values(readModels).map((model) => model.collections(models)),
  );
}

/**
 * Checks one case's read models against its truth and repairs what drifted, through the same
 * projectors and inbox writer the workflows use: what is missing is written again, what was
 * altered is removed first (only at the revision it was read at, so nothing newer is lost), since
 * a projector never overwrites a document of the same revision. Re-projecting a filing counts it
 * in its slices again; a count too high only costs a list a query (the slice pass raises any too low).
 */
export function caseRepairer(models: Models) {
  const { deliverInbox } = inboxActivities(models);
  const collections = readModelCollections(models);

  async function check(truth: CaseTruth): Promise<CaseDrift> {
    const model = readModelOf(truth.readModel);
    const caseId = model.caseId(truth.state);
    const { revision, timeline } = truth.state;
    const expected: ExpectedDocs[] = [
      {
        collection: 'timeline',
        docs: timeline.map((entry) => toTimelineDoc(caseId, entry)),
        stored: () => models.Timeline.find({ caseId }).lean<Doc[]>().exec(),
        diff: { revision, extraIsDrift: true },
      },
      {
        collection: 'notifications',
        docs: truth.notices.map(toNotificationDoc),
        stored: () => models.Notification.find({ caseId }).lean<Doc[]>().exec(),
      },
      ...model.expected(models, { ...truth.state, timeline: [] }, timeline),
    ];
    const drifts = await Promise.all(
      expected.map(async ({ collection: name, docs, stored, diff }) => {
        const drift = diffDocs(collections[name].asStored(docs), await stored(), diff);
        return [name, drift] as const;
      }),
    );
    return Object.fromEntries(drifts.filter(([, d]) => drifted(d) > 0));
  }

  /** Removes what is wrong, then writes the case as its workflow would have. */
  async function repair(truth: CaseTruth, drift: CaseDrift): Promise<void> {
    await Promise.all(
      Object.entries(drift).map(([name, d]) => collections[name].remove([...d!.altered, ...d!.extra])),
    );
    await write(truth, {
      project: Object.keys(drift).some((name) => name !== 'notifications'),
      notices: drift.notifications ? noticesToWrite(truth.notices, drift.notifications) : [],
    });
  }

  /** The case's projection and notices, as the workflow commits them; a rebuild writes everything. */
  async function write(truth: CaseTruth, what: { project: boolean; notices: KeyedNotice[] }): Promise<void> {
    const projection: Projection<ReadModelStates[ReadModel]> = {
      state: { ...truth.state, timeline: [] },
      entries: truth.state.timeline,
    };
    const project = readModelOf(truth.readModel).project(models) as (p: typeof projection) => Promise<void>;
    await Promise.all([
      what.project && project(projection),
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
  return readModelOf(truth.readModel).caseId(truth.state);
}

export function driftedDocs(drift: CaseDrift): number {
  return Object.values(drift).reduce((n, d) => n + drifted(d!), 0);
}

function noticesToWrite(notices: KeyedNotice[], drift: DocDrift): KeyedNotice[] {
  const wanted = new Set([...drift.missing, ...drift.altered]);
  return notices.filter((notice) => wanted.has(notice.key));
}
