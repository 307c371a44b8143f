import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { CaseMetrics } from '../activities/cases/revisionMetrics';

export interface WorkerMetrics {
  /** This worker's own registry, never prom-client's global one: each worker (and each test) counts apart. */
  registry: Registry;
  cases: CaseMetrics;
}

/** Lag buckets from a local attempt on a quiet store (tens of ms) to a store down for half an hour. */
const lagBuckets = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800];

export function createWorkerMetrics(): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    cases: {
      remindersSent: new Counter({
        name: 'lianxin_reminders_sent_total',
        help: 'Reminder (提醒) notices committed, one per recipient, by case kind',
        labelNames: ['kind'],
        registers: [registry],
      }),
      escalationsSent: new Counter({
        name: 'lianxin_escalations_sent_total',
        help: 'Notices committed past a deadline, one per recipient, by case kind and step (urge 催办, supervise 督办, agenda, public_notice 通报)',
        labelNames: ['kind', 'step'],
        registers: [registry],
      }),
      projectionLag: new Histogram({
        name: 'lianxin_projection_lag_seconds',
        help: "Seconds from a revision's newest timeline entry in the workflow to its read model written, by case kind",
        labelNames: ['kind'],
        buckets: lagBuckets,
        registers: [registry],
      }),
    },
  };
}
