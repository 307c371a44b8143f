import { rankUnits, UnitRanking } from '../../domain/kpi/ranking';
import { KpiSettings } from '../../domain/kpi/settings';
import { readLedger } from './ledger';
import { KpiStore } from './totals';

/** The units of one ladder level and a period of Beijing days, `from` to `to` inclusive. */
export interface RankingQuery {
  level: number;
  units: readonly string[];
  from: string;
  to: string;
}

export interface Ranking {
  units: UnitRanking[];
  /** Contribution documents summed over all the units' ledgers */
  read: number;
}

/** Ledgers read at once: each is a handful of lookups, and a level may hold hundreds of units. */
const ledgersAtOnce = 4;

/**
 * 排名 the units of one level ranked by their composite score (domain/kpi/ranking.ts): one ledger
 * read per unit (`readLedger`), so its cost is the units' ledgers, never a scan of requests.
 */
export async function readRanking(
  models: KpiStore,
  ladder: readonly string[],
  settings: KpiSettings,
  query: RankingQuery,
): Promise<Ranking> {
  const ledgers = [];
  for (let i = 0; i < query.units.length; i += ledgersAtOnce)
    ledgers.push(
      ...(await Promise.all(
        query.units
          .slice(i, i + ledgersAtOnce)
          .map((unit) =>
            readLedger(models, ladder, { level: query.level, unit, from: query.from, to: query.to }),
          ),
      )),
    );
  return {
    units: rankUnits(ledgers, settings),
    read: ledgers.reduce((sum, ledger) => sum + ledger.read, 0),
  };
}
