import type { ReconcileSummary } from '../reconcile/reconciler';

/** The nightly reconciliation of read models with Temporal (reconcile/reconciler.ts), after the audit jobs. */
export const reconcileScheduleId = 'reconcile-read-models';
export const reconcileWorkflowType = 'reconcileReadModels';

export interface ReconcileJobInput {
  /** Cases checked at once; each takes a connection of the worker's pool while it reads or writes. */
  concurrency: number;
  /**
   * Only the open cases and those started or closed within this many days (the nightly run: its cost
   * follows the open cases, not the years stored); every case when absent (`npm run reconcile`).
   */
  changedWithinDays?: number;
}

export type ReconcileJobResult = ReconcileSummary;
