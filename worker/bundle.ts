import { bundleWorkflowCode, WorkflowBundleWithSourceMap } from '@temporalio/worker';

const quiet = { error: console.error, warn() {}, info() {}, debug() {}, trace() {}, log() {} };

/** Bundles workflows/ as the worker runs them, without the bundler's chatter: for replay by tests and auditors. */
export function bundleWorkflows(
  workflowsPath = require.resolve('../workflows'),
): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, logger: quiet as never });
}
