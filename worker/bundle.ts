import { bundleWorkflowCode, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { failureConverterPath } from '../common/payloadCodec';

const quiet = { error: console.error, warn() {}, info() {}, debug() {}, trace() {}, log() {} };

/**
 * Bundles workflows/ as the worker runs them, without the bundler's chatter: for replay by tests and
 * auditors. Failures leave the workflow with their text encoded, for the codec to encrypt.
 */
export function bundleWorkflows(
  workflowsPath = require.resolve('../workflows'),
): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    failureConverterPath: failureConverterPath(),
    logger: quiet as never,
  });
}
