import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

/** Projections and the inbox retry until the database is back: a case never loses a write. */
export const durable = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** The webhook backs off for longer and gives up after a day or so; the inbox keeps the notice. */
export const webhook = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 hour', maximumAttempts: 50 },
});
