import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleWorkflows } from '../support/bundle';

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

  test('When the library is read, then it holds histories of requests in several states', () => {
    expect(files.filter((f) => f.includes('/requests/')).length).toBeGreaterThanOrEqual(6);
  });

  test.each(files.map((f) => [relative(root, f), f]))('When %s is replayed, then it is deterministic', async (_name, file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(file, 'utf8')));
    await expect(Worker.runReplayHistory({ workflowBundle: bundle }, history, _name)).resolves.toBeUndefined();
  });
});
