import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { liveSinks } from '../../worker/sinks';
import { bundleWorkflows } from '../../worker/bundle';

const root = join(__dirname, 'histories');

function historyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? historyFiles(path) : name.endsWith('.json') ? [path] : [];
  });
}

let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  bundle = await bundleWorkflows();
});

describe('recorded histories replay on the current workflow code', () => {
  const files = historyFiles(root);

  test('When the library is read, then it holds histories of requests and commitments in several states', () => {
    expect(files.filter((f) => f.includes('/requests/')).length).toBeGreaterThanOrEqual(6);
    expect(files.filter((f) => f.includes('/commitments/')).length).toBeGreaterThanOrEqual(6);
  });

  test.each(files.map((f) => [relative(root, f), f]))('When %s is replayed, then it is deterministic', async (_name, file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(file, 'utf8')));
    await expect(Worker.runReplayHistory({ workflowBundle: bundle, sinks: liveSinks }, history, _name)).resolves.toBeUndefined();
  });
});

describe('the replay check itself', () => {
  test('When workflow code changes without patching, then replaying a recorded history fails as non-deterministic', async () => {
    const changed = await bundleWorkflows(require.resolve('./fixtures/changedWorkflows'));
    const history = historyFromJSON(JSON.parse(readFileSync(join(root, 'requests', 'v2-closed-satisfied.json'), 'utf8')));
    await expect(Worker.runReplayHistory({ workflowBundle: changed, sinks: liveSinks }, history, 'changed')).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
