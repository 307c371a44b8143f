import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

/** Projections and the inbox retry until the database is back: a case never loses a write. */
export const durable = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * A revision is committed by a local activity first. It costs one marker inside the workflow
 * task that decided the revision, where an activity costs three events and a second workflow
 * task (three more), and the update it answers skips two round trips through the server: this
 * is what brings a lifecycle under 50 events. Its retries are what does not fit a database
 * outage: a local activity holds its workflow task while it retries (the worker heartbeats the
 * task, a few events each time) and past a minute it waits on timers. So it gets three attempts
 * of ten seconds at most; when those fail, the same activity is scheduled as a durable one,
 * which waits out the outage on the server's retries at no cost to the history.
 */
export const quick = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumAttempts: 3 },
});

/** The webhook backs off for longer and gives up after a day or so; the inbox keeps the notice. */
export const webhook = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 hour',
    maximumAttempts: 50,
  },
});
