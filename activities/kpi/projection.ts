import type { CitizenRequestState, CoHandlerPart } from '../../domain/requests/state';
import { coHandlerKey } from '../../domain/requests/coHandling';
import type { TimelineEntry } from '../../domain/timeline';
import { requestWorkflowId } from '../../common/requests';
import { KpiContributionDoc, ledgerKeys } from '../db/kpiModel';
import type { Models } from '../db/models';
import { readTimeline } from '../db/timeline';
import { upsertIfNewer } from '../db/versionedUpsert';
import { requestContributions, sparseCounts } from './contributions';
import { forgetRemoved, markChanged } from './totals';

/**
 * The units a co-handler's part counts for, in a jurisdiction's shape (one per ladder level, bottom
 * first) so the day totals sum it up its own chain: below the unit's own level, a stand-in unit
 * (`<unit>+cohandling`) no ledger names, whose totals are the unit's co-handling alone.
 */
export function coHandlerUnits(part: Pick<CoHandlerPart, 'unit' | 'chain' | 'level'>): string[] {
  return [...Array.from({ length: part.level }, () => `${part.unit}+cohandling`), ...part.chain];
}

/**
 * A request's contribution documents, one per day it counted on, from its whole timeline; and one
 * per day and co-handler its part counted on, for that unit's chain (`coHandler`).
 */
export function contributionDocs(
  state: Pick<CitizenRequestState, 'submission' | 'coHandlers'>,
  timeline: readonly TimelineEntry[],
): KpiContributionDoc[] {
  const { id, jurisdiction } = state.submission;
  const parts = new Map((state.coHandlers ?? []).map((part) => [part.unit, part]));
  return requestContributions(timeline, state.submission).flatMap(({ day, revision, counts, coHandler }) => {
    const part = coHandler === undefined ? undefined : parts.get(coHandler);
    if (coHandler !== undefined && !part) return [];
    const units = part ? coHandlerUnits(part) : jurisdiction;
    return [
      {
        _id: part ? `${id}|${day}|${coHandlerKey(part.unit)}` : `${id}|${day}`,
        requestId: id,
        ...(part ? { coHandler: part.unit } : {}),
        revision,
        day,
        units,
        ...ledgerKeys(units, day),
        counts: sparseCounts(counts),
      },
    ];
  });
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
  const moved = entries.some((entry) => entry.action === 'route') ? await movedDays(models, state) : [];
  const touched = contributionDocs(state, timeline).filter((doc) => doc.revision >= first);
  await Promise.all(touched.map((doc) => upsertIfNewer(models.KpiContribution, doc)));
  await markChanged(models.KpiMark, touched);
  await forgetRemoved(models, moved);
}

/**
 * A request routed from a township's queue to its grid counts under another chain from then on:
 * the days it counted on under the old one (read by request, one indexed find) have their totals
 * there forgotten and marked, so that a ledger sums them again without it.
 */
async function movedDays(models: Models, state: CitizenRequestState): Promise<KpiContributionDoc[]> {
  const now = state.submission.jurisdiction.join('>');
  const stored = await models.KpiContribution.find({ requestId: state.submission.id }).lean<
    KpiContributionDoc[]
  >();
  return stored.filter((doc) => doc.units.join('>') !== now);
}
