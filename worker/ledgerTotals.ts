import { Logger } from '../common/log';
import { KpiStore, refreshAll } from '../activities/kpi/totals';

/** How long after one pass the next begins: a county read then finds at most this much of the day marked. */
const everyMs = 15_000;

/**
 * Sums the ledger's marked days in the background (`activities/kpi/totals.ts`), so a ledger read
 * mostly finds its days fresh and pays only for the last few seconds' changes. Reads are exact
 * without it (they sum whatever is still marked); it only takes that work off them. Run by the
 * worker itself, like the calendar watch: no workflow type whose histories must replay, and
 * several workers summing the same day converge, as a total is written only over an older sum.
 */
export function refreshLedgerTotals(
  store: KpiStore,
  log: Logger,
  intervalMs = everyMs,
): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void>;
  const run = async () => {
    try {
      const done = await refreshAll(store);
      if (done.recomputed) log.debug({ ledgerTotals: done }, 'ledger day totals summed');
    } catch (err) {
      log.warn({ err }, 'ledger day totals not summed; trying again');
    }
    if (!stopped) timer = setTimeout(() => (pass = run()), intervalMs);
  };
  pass = run();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await pass;
    },
  };
}
