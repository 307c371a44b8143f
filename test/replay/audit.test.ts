import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import {
  archivePath,
  ArchiveError,
  fromArchive,
  readArchive,
  toArchive,
  writeArchive,
  writeArchiveFile,
} from '../../audit/archive';
import { PayloadKeys, rotateKeyFile, ensureKeyFile, readKeyFile } from '../../config/payloadKeys';
import { testKeys } from '../support/payloadKeys';
import { heldState, lastState, stateAsOf } from '../../audit/asOf';
import { replayCase } from '../../audit/replay';
import { caseTimeline } from '../../audit/timeline';
import { bundleWorkflows } from '../../worker/bundle';
import { Client, Connection } from '@temporalio/client';
import { CaseNotFoundError, loadCaseHistory } from '../../audit/source';
import { freePort } from '../../scripts/servers';
import { libraryRoot, readRecorded } from './library';

const recorded = (folder: string, name: string) => readRecorded(join(libraryRoot, folder, `${name}.json`));

let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  bundle = await bundleWorkflows();
});

describe('an auditor reads a recorded request', () => {
  const request = recorded('requests', 'v2-reopened-after-unsatisfied');

  test('When its history is read as a timeline, then every action appears in order with actor, time and note, and reminders name whom they reached', () => {
    const lines = caseTimeline(request);
    expect(lines[0]).toMatchObject({ action: 'opened', run: 1 });
    // Which code decided: recorded by Temporal with every workflow task, shown when it changes.
    expect(lines.filter((line) => line.action === 'code').map((line) => line.note)).toEqual([
      expect.stringMatching(/^decided by workflow code @temporalio\/worker@1\.13\.2\+[0-9a-f]{64}$/),
    ]);
    const entries = lines.filter((line) => line.revision !== undefined);
    expect(entries.map((line) => line.revision)).toEqual(entries.map((_, index) => index + 1));
    expect(entries.map((line) => [line.action, line.actor?.id])).toEqual(
      expect.arrayContaining([
        ['submit', 'resident-1'],
        ['dispatch', 'sec-1'],
        ['accept', 'member-1'],
        ['resolve', 'member-1'],
        ['feedback_unsatisfied', 'resident-1'],
      ]),
    );
    expect(entries.find((line) => line.action === 'feedback_unsatisfied')).toMatchObject({
      note: 'not fixed',
      from: 'resolved',
      to: 'reopened',
    });
    const dispatched = entries.find((line) => line.action === 'dispatch');
    expect(dispatched?.notices?.map((n) => [n.recipient, n.kind])).toEqual(
      expect.arrayContaining([['member-1', 'assigned']]),
    );
    expect(entries.every((line) => !Number.isNaN(Date.parse(line.at)))).toBe(true);
  });

  test('When a new version of the workflow code took over mid-case, then the timeline shows where', () => {
    const deployed = recorded('requests', 'v2-reopened-after-unsatisfied');
    const tasks = deployed.runs[0].history.events!.filter((e) => e.workflowTaskCompletedEventAttributes);
    for (const task of tasks.slice(3))
      task.workflowTaskCompletedEventAttributes!.binaryChecksum = 'lianxin-next';
    const code = caseTimeline(deployed).filter((line) => line.action === 'code');
    expect(code.map((line) => line.eventId)).toEqual([Number(tasks[0].eventId), Number(tasks[3].eventId)]);
    expect(code[1].note).toBe('decided by workflow code lianxin-next');
  });

  test('When it is replayed, then it is deterministic and the state at every revision is the one its timeline describes', async () => {
    const report = await replayCase(bundle, request);
    expect(report).toMatchObject({ deterministic: true, runs: 1 });
    expect(report.events).toBe(request.runs[0].history.events!.length);
    const final = lastState(report)!.state;
    const lines = caseTimeline(request).filter((line) => line.revision !== undefined);
    expect(final.timeline.map((entry) => [entry.revision, entry.action, entry.at])).toEqual(
      lines.map((line) => [line.revision, line.action, line.at]),
    );
    for (const commit of report.commits) {
      const held = stateAsOf(report, { revision: commit.state.revision })!;
      expect(held.state.revision).toBe(commit.state.revision);
      expect(held.state.timeline.at(-1)?.revision).toBe(commit.state.revision);
      expect(stateAsOf(report, { at: commit.at })!.at).toBe(commit.at);
      expect(stateAsOf(report, { run: 1, eventId: commit.eventId })!.eventId).toBe(commit.eventId);
    }
    const firstAt = report.commits[0].at;
    expect(stateAsOf(report, { at: firstAt - 1 })).toBeUndefined();
  });
});

describe('an archived case', () => {
  const plan = recorded('commitments', 'v2-plan-letter-late-problem-escalated-funds');

  test('When it is exported and imported, then the histories round-trip and replay the same states', async () => {
    const file = JSON.parse(JSON.stringify(toArchive(plan)));
    const imported = fromArchive(file);
    expect(imported.caseId).toBe(plan.caseId);
    expect(caseTimeline(imported)).toEqual(caseTimeline(plan));
    const [original, again] = await Promise.all([replayCase(bundle, plan), replayCase(bundle, imported)]);
    expect(again.deterministic).toBe(true);
    expect(again.commits.map((c) => heldState(again, c).state)).toEqual(
      original.commits.map((c) => heldState(original, c).state),
    );
  });

  test('When it is filed in an archive directory, then it is stored encrypted under the active key and reads back whole with the keys only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lianxin-archive-'));
    const keys = testKeys();
    const path = await writeArchive(dir, toArchive(plan), keys);
    expect(path).toBe(archivePath(dir, plan.caseId));
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, bytes.indexOf(0x0a)).toString()).toBe(`lianxin-sealed/1 ${keys.activeId}`);
    expect(bytes.includes(Buffer.from(plan.caseId))).toBe(false);
    const { history } = await readArchive(path, keys);
    expect(caseTimeline(history)).toEqual(caseTimeline(plan));
    await expect(readArchive(path)).rejects.toThrow(`encrypted with key ${keys.activeId}`);
    await expect(readArchive(path, testKeys())).rejects.toThrow(ArchiveError);
  });

  test('When the keys are rotated, then archives under the old key and plain ones written before still read, and new ones use the new key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lianxin-keys-'));
    const keyFile = join(dir, 'keys', 'payload-keys.json');
    const first = ensureKeyFile(keyFile).ring.active;
    const before = PayloadKeys.load({ PAYLOAD_KEYS: '', PAYLOAD_KEYS_FILE: keyFile });
    const old = await writeArchive(join(dir, 'old'), toArchive(plan), before);
    const plain = await writeArchiveFile(join(dir, 'plain', 'plan.json.gz'), toArchive(plan));
    const rotated = rotateKeyFile(keyFile);
    expect(readKeyFile(keyFile).keys.has(first)).toBe(true);
    const after = PayloadKeys.load({ PAYLOAD_KEYS: '', PAYLOAD_KEYS_FILE: keyFile });
    expect(after.activeId).toBe(rotated.active);
    expect(after.activeId).not.toBe(first);
    const fresh = await writeArchive(join(dir, 'new'), toArchive(plan), after);
    expect(readFileSync(fresh).toString('latin1')).toMatch(
      new RegExp(`^lianxin-sealed/1 ${rotated.active}\n`),
    );
    for (const path of [old, plain, fresh])
      expect(caseTimeline((await readArchive(path, after)).history)).toEqual(caseTimeline(plan));
    // A process that started before the rotation reads the new key from the file when it meets it.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(caseTimeline((await readArchive(fresh, before)).history)).toEqual(caseTimeline(plan));
  });

  test('When an encrypted archive is altered, then it is refused rather than read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lianxin-archive-'));
    const keys = testKeys();
    const path = await writeArchive(dir, toArchive(plan), keys);
    const bytes = readFileSync(path);
    bytes[bytes.length - 20] ^= 1;
    writeFileSync(path, bytes);
    await expect(readArchive(path, keys)).rejects.toThrow('does not authenticate');
  });

  test('When Temporal cannot be reached, then an archived case is still audited from its archive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lianxin-archive-'));
    const keys = testKeys();
    await writeArchive(dir, toArchive(plan), keys);
    // Nothing listens there; without the retrying interceptor the call fails at once instead of after ~20 s of retries.
    const unreachable = new Client({
      connection: Connection.lazy({
        address: `127.0.0.1:${await freePort()}`,
        interceptors: [],
        connectTimeout: 1_000,
      }),
    });
    const loaded = await loadCaseHistory({ temporal: unreachable, archiveDir: dir, keys }, plan.caseId);
    expect(loaded.source).toBe('archive');
    expect(caseTimeline(loaded.history)).toEqual(caseTimeline(plan));
    await expect(
      loadCaseHistory({ temporal: unreachable, archiveDir: dir, keys }, 'plan-never-archived'),
    ).rejects.not.toBeInstanceOf(CaseNotFoundError);
  });

  test('When one byte of an exported history is altered, then the import refuses it naming the checksum', () => {
    const file = JSON.parse(JSON.stringify(toArchive(plan)));
    const events = file.runs[0].history.events;
    events[events.length - 1].eventId = String(Number(events[events.length - 1].eventId) + 1);
    expect(() => fromArchive(file)).toThrow(ArchiveError);
    expect(() => fromArchive(file)).toThrow(`checksum mismatch for ${plan.caseId}`);
  });

  test('When a file is not an archive, then the import names what is wrong', () => {
    expect(() => fromArchive({ format: 'something else' }, 'x.json')).toThrow(
      /x.json: not a case archive \(format/,
    );
  });
});
