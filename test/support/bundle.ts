import { bundleWorkflowCode, WorkflowBundleWithSourceMap } from '@temporalio/worker';

const quiet = { error: console.error, warn() {}, info() {}, debug() {}, trace() {}, log() {} };

/** Bundles workflows/ once per test file, as the worker does, without the bundler's chatter. */
export function bundleWorkflows(workflowsPath = require.resolve('../../workflows')): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, logger: quiet as never });
}
