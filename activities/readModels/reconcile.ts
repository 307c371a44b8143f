import { Context, heartbeat } from '@temporalio/activity';
import { ReconcileJobInput, ReconcileJobResult } from '../../common/readModelJobs';
import { ReconcileDeps, reconcileReadModels } from '../../reconcile/reconciler';

export function reconcileActivities(deps: ReconcileDeps) {
  return {
    /** The nightly reconciliation: repairs drift, never rebuilds (a rebuild empties lists while it runs: an operator's call). */
    async reconcileReadModels({ concurrency }: ReconcileJobInput): Promise<ReconcileJobResult> {
      return reconcileReadModels(deps, {
        concurrency,
        signal: Context.current().cancellationSignal,
        onCase: ({ checked, drifted, repaired, failed }) => heartbeat({ checked, drifted, repaired, failed }),
      });
    },
  };
}
