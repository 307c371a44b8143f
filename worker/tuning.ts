import { WorkerOptions } from '@temporalio/worker';
import { Env, envSchema } from '../config/env';

/** How much one worker takes on at once; from the WORKER_* settings (config/env.ts says why each). */
export interface WorkerTuning {
  activitySlots: number;
  localActivitySlots: number;
  workflowTaskSlots: number;
  cachedWorkflows: number;
  stickyQueueTimeoutMs: number;
  workflowPollers: number;
  activityPollers: number;
}

export function tuningFrom(env: Env): WorkerTuning {
  return {
    activitySlots: env.WORKER_ACTIVITY_SLOTS,
    localActivitySlots: env.WORKER_LOCAL_ACTIVITY_SLOTS,
    workflowTaskSlots: env.WORKER_WORKFLOW_TASK_SLOTS,
    cachedWorkflows: env.WORKER_CACHED_WORKFLOWS,
    stickyQueueTimeoutMs: env.WORKER_STICKY_QUEUE_TIMEOUT_MS,
    workflowPollers: env.WORKER_WORKFLOW_POLLERS,
    activityPollers: env.WORKER_ACTIVITY_POLLERS,
  };
}

/** The defaults, for a worker started without an environment (tests), with any of them overridden. */
export function defaultTuning(overrides: Partial<WorkerTuning> = {}): WorkerTuning {
  return { ...tuningFrom(envSchema.parse({})), ...overrides };
}

export function workerOptions(tuning: WorkerTuning): Partial<WorkerOptions> {
  return {
    maxConcurrentActivityTaskExecutions: tuning.activitySlots,
    maxConcurrentLocalActivityExecutions: tuning.localActivitySlots,
    maxConcurrentWorkflowTaskExecutions: tuning.workflowTaskSlots,
    maxCachedWorkflows: tuning.cachedWorkflows,
    stickyQueueScheduleToStartTimeout: tuning.stickyQueueTimeoutMs,
    maxConcurrentWorkflowTaskPolls: tuning.workflowPollers,
    maxConcurrentActivityTaskPolls: tuning.activityPollers,
    // On SIGTERM, running activities (a commit's retry, a webhook, an audit job) get this long to
    // finish before they are cancelled and handed back to Temporal for another attempt; `npm start`
    // waits 35 s before it kills.
    shutdownGraceTime: '20s',
  };
}
