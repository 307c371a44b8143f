import { Context, heartbeat } from '@temporalio/activity';
import { ReconcileJobInput, ReconcileJobResult } from '../../common/readModelJobs';
import { ReconcileDeps, reconcileReadModels } from '../../reconcile/reconciler';
import { changedCases } from '../../reconcile/truth';

export function reconcileActivities(deps: ReconcileDeps) {
  return {
    /** The nightly reconciliation: repairs drift, never rebuilds (a rebuild empties lists while it runs: an operator's call). */
    async reconcileReadModels({
      concurrency,
      changedWithinDays,
    }: ReconcileJobInput): Promise<ReconcileJobResult> {
      const since =
        changedWithinDays === undefined ? undefined : new Date(Date.now() - changedWithinDays * 86_400_000);
      return reconcileReadModels(deps, {
        concurrency,
        cases: since && changedCases(deps.sources, since),
        signal: Context.current().cancellationSignal,
        onCase: ({ checked, drifted, repaired, failed }) => heartbeat({ checked, drifted, repaired, failed }),
      });
    },
  };
}
