import { join, relative } from 'node:path';
import { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { lastState } from '../../audit/asOf';
import { replayCase } from '../../audit/replay';
import { caseTimeline } from '../../audit/timeline';
import { bundleWorkflows } from '../../worker/bundle';
import { historyFiles, libraryRoot as root, readRecorded } from './library';

let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  bundle = await bundleWorkflows();
});

describe('recorded histories replay on the current workflow code', () => {
  const files = historyFiles(root);

  test('When the library is read, then it holds histories of requests and commitments in several states, from several versions, some over several runs', () => {
    expect(files.filter((f) => f.includes('/requests/')).length).toBeGreaterThanOrEqual(6);
    expect(files.filter((f) => f.includes('/commitments/')).length).toBeGreaterThanOrEqual(6);
    expect(new Set(files.map((f) => /\/(v\d+)-/.exec(f)?.[1])).size).toBeGreaterThanOrEqual(3);
    expect(files.some((f) => readRecorded(f).runs.length > 1)).toBe(true);
  });

  test.each(files.map((f) => [relative(root, f), f]))(
    'When %s is replayed, then every run is deterministic and its timeline tells the replayed story',
    async (_name, file) => {
      const recorded = readRecorded(file);
      const report = await replayCase(bundle, recorded);
      expect(report.failure).toBeUndefined();
      expect(report.deterministic).toBe(true);
      // The nightly audit jobs are no cases: they commit no state and tell no story.
      const timeline = lastState(report)?.state.timeline ?? [];
      const told = caseTimeline(recorded).filter((line) => line.revision !== undefined);
      // Status changes too: a rule that moves a case elsewhere may issue the same commands.
      expect(told.map((line) => [line.revision, line.action, line.at, line.from, line.to])).toEqual(
        timeline.map((entry) => [entry.revision, entry.action, entry.at, entry.from, entry.to]),
      );
    },
  );
});

describe('the replay check itself', () => {
  test('When workflow code changes without patching, then replaying a recorded history reports it as non-deterministic', async () => {
    const changed = await bundleWorkflows(require.resolve('./fixtures/changedWorkflows'));
    const report = await replayCase(
      changed,
      readRecorded(join(root, 'requests', 'v2-closed-satisfied.json')),
    );
    expect(report.deterministic).toBe(false);
    expect(report.failure).toMatchObject({
      run: 1,
      kind: 'nondeterministic',
      message: expect.stringContaining('Nondeterminism'),
    });
  });
});
