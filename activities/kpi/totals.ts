import type { Model } from 'mongoose';
import { addCounts, emptyCounts, KpiCounts } from '../../domain/kpi/counts';
import type { KpiContributionDoc } from '../db/kpiModel';
import { ledgerKey, ledgerKeyField } from '../db/kpiModel';
import { chainOf, KpiMarkDoc, KpiTotalDoc, markId, totalId, totalKeys } from '../db/kpiTotalsModel';
import { bulkUpsert } from '../db/bulk';
import { upsertIfNewer } from '../db/versionedUpsert';
import { fullCounts, sparseCounts } from './contributions';

/** The collections a ledger's totals are kept in. */
export interface KpiStore {
  KpiContribution: Model<KpiContributionDoc>;
  KpiTotal: Model<KpiTotalDoc>;
  KpiMark: Model<KpiMarkDoc>;
}

/**
 * Marks every (unit, day) total the contributions just written change, one mark per level of the
 * jurisdiction. Called after the contributions are stored, and again on every retry (a retried
 * write of the same revision finds its mark already there).
 */
export async function markChanged(
  model: Model<KpiMarkDoc>,
  written: readonly Pick<KpiContributionDoc, 'requestId' | 'coHandler' | 'day' | 'revision' | 'units'>[],
): Promise<void> {
  const marks: KpiMarkDoc[] = written.flatMap(({ requestId, coHandler, day, revision, units }) =>
    units.map((unit, level) => ({
      // A co-handler's contribution of the same day and revision marks its own chain.
      _id: markId(coHandler === undefined ? requestId : `${requestId}#${coHandler}`, day, revision, level),
      units,
      level,
      day,
      dayKey: ledgerKey(unit, day),
      monthKey: ledgerKey(unit, day.slice(0, 7)),
    })),
  );
  await bulkUpsert(
    model,
    marks.map((mark) => ({ replaceOne: { filter: { _id: mark._id }, replacement: mark, upsert: true } })),
  );
}

/**
 * Contributions a repair removed take their days' totals with them, at every level of their
 * chain, and mark those days to be summed again: a total's revision only grows, so a sum without
 * them would never replace one that counted them.
 */
export async function forgetRemoved(
  store: KpiStore,
  removed: readonly Pick<KpiContributionDoc, 'requestId' | 'coHandler' | 'day' | 'revision' | 'units'>[],
): Promise<void> {
  const totals = removed.flatMap(({ units, day }) =>
    units.map((_, level) => totalKeys(units, level, day)._id),
  );
  await removeByIds(store.KpiTotal, totals);
  await markChanged(store.KpiMark, removed);
}

/** At most this many totals are summed at once: each holds a store connection. */
const concurrency = 8;

async function inGroups<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += concurrency)
    await Promise.all(items.slice(start, start + concurrency).map(work));
}

/** Writes go in bulks of ten, as every bulk does on FerretDB (activities/db/bulk.ts). */
function inTens<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += 10) chunks.push(items.slice(start, start + 10));
  return chunks;
}

/** Removes documents by id, each by its own `_id` equality: FerretDB pushes `$in` down to no index and reads the whole collection. */
async function removeByIds<T extends { _id: string }>(
  model: Model<T>,
  ids: readonly string[],
): Promise<void> {
  await inGroups(inTens(ids), (chunk) =>
    model.bulkWrite(
      chunk.map((_id) => ({ deleteOne: { filter: { _id } as never } })),
      { ordered: false },
    ),
  );
}

/** What a refresh did: totals summed again, and the documents it read to do so. */
export interface Refreshed {
  recomputed: number;
  read: number;
}

/**
 * One chain's total for a day, summed again from the level below: a grid's from its contributions
 * (those filed under this very chain), any other unit's from its children's totals, which a
 * refresh has made fresh first. None when nothing is beneath (a repair removed it).
 */
async function sumChain(store: KpiStore, units: readonly string[], level: number, day: string) {
  const chain = chainOf(units, level);
  const below: Pick<KpiTotalDoc, 'revision' | 'counts'>[] =
    level === 0
      ? (
          await store.KpiContribution.find({ [ledgerKeyField('day', 0)]: ledgerKey(units[0], day) })
            .select({ revision: 1, counts: 1, units: 1 })
            .lean<Pick<KpiContributionDoc, 'revision' | 'counts' | 'units'>[]>()
            .exec()
        ).filter((doc) => doc.units.join('>') === chain)
      : await store.KpiTotal.find({ parentKey: totalKeys(units, level - 1, day).parentKey })
          .select({ revision: 1, counts: 1 })
          .lean<Pick<KpiTotalDoc, 'revision' | 'counts'>[]>()
          .exec();
  const counts = below.reduce<KpiCounts>((sum, doc) => addCounts(sum, fullCounts(doc.counts)), emptyCounts());
  const total: KpiTotalDoc = {
    ...totalKeys(units, level, day),
    revision: below.reduce((sum, doc) => sum + doc.revision, 0),
    counts: sparseCounts(counts),
  };
  return { id: totalId(chain, day), total: below.length ? total : undefined, read: below.length };
}

/**
 * Writes totals one by one, each only over an older sum (`upsertIfNewer`). Not in a bulk: FerretDB
 * stops an unordered bulk at its first refused upsert, so a total already as new would keep the
 * rest of its bulk from being written.
 */
async function writeTotals(model: Model<KpiTotalDoc>, totals: readonly KpiTotalDoc[]): Promise<void> {
  await inGroups(totals, (total) => upsertIfNewer(model, total));
}

/**
 * Sums again, bottom-up, every total the marks reach up to level `top` (all levels when not
 * given), then removes those marks of levels up to `top`: each was read before the sums read
 * the store, so what it stands for is in them. Its cost follows the marks, not what is stored.
 */
export async function refreshMarked(
  store: KpiStore,
  marks: readonly Pick<KpiMarkDoc, '_id' | 'units' | 'day'>[],
  top?: number,
): Promise<Refreshed> {
  const chains = new Map<string, { units: readonly string[]; level: number; day: string }>();
  const consumed = new Set<string>();
  for (const mark of marks) {
    const highest = Math.min(top ?? Infinity, mark.units.length - 1);
    const batch = mark._id.slice(0, mark._id.lastIndexOf('|'));
    for (let level = 0; level <= highest; level++) {
      chains.set(`${level}|${totalKeys(mark.units, level, mark.day)._id}`, {
        units: mark.units,
        level,
        day: mark.day,
      });
      consumed.add(`${batch}|${level}`);
    }
  }
  const byLevel = [...chains.values()].sort((a, b) => a.level - b.level);
  let read = marks.length;
  for (const level of new Set(byLevel.map((c) => c.level))) {
    const sums: Awaited<ReturnType<typeof sumChain>>[] = [];
    await inGroups(
      byLevel.filter((c) => c.level === level),
      async (c) => sums.push(await sumChain(store, c.units, c.level, c.day)),
    );
    read += sums.reduce((n, sum) => n + sum.read, 0);
    await writeTotals(
      store.KpiTotal,
      sums.flatMap((sum) => (sum.total ? [sum.total] : [])),
    );
    // Nothing left beneath: no total, as for a day nothing ever counted on.
    await removeByIds(
      store.KpiTotal,
      sums.filter((sum) => !sum.total).map((sum) => sum.id),
    );
  }
  await removeByIds(store.KpiMark, [...consumed]);
  return { recomputed: chains.size, read };
}

/** Marks summed at once by `refreshAll`: what a refresh holds in memory. */
const marksPerPass = 2_000;

/**
 * Brings every marked total up to date, in one pass over the marks (FerretDB applies no limit in
 * the store, so reading them a slice at a time would read the rest again each time): what the
 * worker runs in the background and reconciliation after its repairs. Its cost follows the marks.
 */
export async function refreshAll(store: KpiStore): Promise<Refreshed> {
  const done: Refreshed = { recomputed: 0, read: 0 };
  let marks: KpiMarkDoc[] = [];
  const sum = async () => {
    const pass = await refreshMarked(store, marks);
    done.recomputed += pass.recomputed;
    done.read += pass.read;
    marks = [];
  };
  for await (const mark of store.KpiMark.find({}).lean<KpiMarkDoc>().cursor()) {
    marks.push(mark);
    if (marks.length === marksPerPass) await sum();
  }
  if (marks.length) await sum();
  return done;
}

/** Day totals being summed in memory from contributions, by id. */
type TotalsById = Map<string, KpiTotalDoc>;

/** Adds contributions to every total of their chains (each level of their jurisdiction). */
function addToTotals(
  totals: TotalsById,
  docs: readonly Pick<KpiContributionDoc, 'day' | 'units' | 'revision' | 'counts'>[],
): void {
  for (const doc of docs)
    for (let level = 0; level < doc.units.length; level++) {
      const keys = totalKeys(doc.units, level, doc.day);
      const held = totals.get(keys._id);
      totals.set(keys._id, {
        ...keys,
        revision: (held?.revision ?? 0) + doc.revision,
        counts: sparseCounts(addCounts(fullCounts(held?.counts ?? {}), fullCounts(doc.counts))),
      });
    }
}

/**
 * Every total summed again from nothing, in one pass over the contributions: what a rebuild
 * ends with, when every day of every case is marked and summing mark by mark would sum each
 * county day once per batch of them. The marks go first: each was written after its contribution,
 * so whatever they stand for is in the pass; marks written later stay for reads to sum. A total
 * no contribution reaches any more is left: a rebuild has emptied them first.
 */
export async function recomputeAllTotals(store: KpiStore): Promise<number> {
  await store.KpiMark.deleteMany({});
  const totals: TotalsById = new Map();
  const contributions = store.KpiContribution.find({})
    .select({ day: 1, units: 1, revision: 1, counts: 1 })
    .lean<KpiContributionDoc>()
    .cursor();
  for await (const doc of contributions) addToTotals(totals, [doc]);
  await writeTotals(store.KpiTotal, [...totals.values()]);
  return totals.size;
}
