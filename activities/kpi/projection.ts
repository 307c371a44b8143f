import type { CitizenRequestState } from '../../domain/requests/state';
import type { TimelineEntry } from '../../domain/timeline';
import { requestWorkflowId } from '../../common/requests';
import { KpiContributionDoc, ledgerKeys } from '../db/kpiModel';
import type { Models } from '../db/models';
import { readTimeline } from '../db/timeline';
import { upsertIfNewer } from '../db/versionedUpsert';
import { requestContributions, sparseCounts } from './contributions';
import { markChanged } from './totals';

/** A request's contribution documents, one per day it counted on, from its whole timeline. */
export function contributionDocs(
  state: Pick<CitizenRequestState, 'submission'>,
  timeline: readonly TimelineEntry[],
): KpiContributionDoc[] {
  const { id, jurisdiction } = state.submission;
  return requestContributions(timeline, state.submission).map(({ day, revision, counts }) => ({
    _id: `${id}|${day}`,
    requestId: id,
    revision,
    day,
    units: jurisdiction,
    ...ledgerKeys(jurisdiction, day),
    counts: sparseCounts(counts),
  }));
}

/** Entries 1 … n without a gap: what a refold needs. */
const whole = (timeline: readonly TimelineEntry[]) => timeline.every((entry, i) => entry.revision === i + 1);

/**
 * Writes the days a revision's new entries counted on (a reopening's included, which counts on the
 * day of the resolution it undoes). The facts depend on every earlier entry, so the case's stored
 * timeline before these entries is read back (one indexed find by case) and the whole timeline
 * refolded; the days are then replaced by revision, never incremented. Earlier revisions' entries
 * are stored before this one is projected (revisions commit in order); if some are missing anyway
 * (deleted by hand), nothing is written and reconciliation, which projects the whole timeline,
 * writes the days. Then the units' totals of those days are marked for a ledger to sum again
 * (`activities/kpi/totals.ts`): after the write, so a refresh that reads a mark reads the change.
 */
export async function projectContributions(
  models: Models,
  state: CitizenRequestState,
  entries: readonly TimelineEntry[],
): Promise<void> {
  if (!entries.length) return;
  const first = entries[0].revision;
  const earlier =
    first === 1
      ? []
      : (await readTimeline(models.Timeline, requestWorkflowId(state.submission.id))).filter(
          (entry) => entry.revision < first,
        );
  const timeline = [...earlier, ...entries];
  if (!whole(timeline)) return;
  const touched = contributionDocs(state, timeline).filter((doc) => doc.revision >= first);
  await Promise.all(touched.map((doc) => upsertIfNewer(models.KpiContribution, doc)));
  await markChanged(models.KpiMark, touched);
}
