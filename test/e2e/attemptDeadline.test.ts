import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MockActivityEnvironment } from '@temporalio/testing';
import { Connection } from 'mongoose';
import { createModels, Models } from '../../activities/db/models';
import { FerretDb, freePort, startFerretDb } from '../../scripts/servers';
import { attemptDeadline } from '../../worker/attemptDeadline';
import { connectWorkerStore } from '../../worker/storeConnection';
import { defaultTuning } from '../../worker/tuning';

/** The worker's connection on a real FerretDB: an activity attempt's commands stop with the attempt. */
let dataDir: string;
let ferret: FerretDb;
let db: Connection;
let models: Models;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-attempts-'));
  ferret = await startFerretDb({ port: await freePort(), dataDir, durable: false });
  db = await connectWorkerStore(`${ferret.uri}/attempts`, defaultTuning());
  models = createModels(db);
}, 120_000);

afterAll(async () => {
  await db?.close();
  await ferret?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const count = (key: string) => models.Slice.updateOne({ _id: key }, { $inc: { n: 1 } }, { upsert: true });
const outcome = (write: Promise<unknown>) =>
  write.then(
    () => 'written',
    (err: { type?: string }) => err.type,
  );

describe("an activity attempt's database commands", () => {
  test('When an attempt is past 80% of its timeout, then its next command is refused and nothing more is written', async () => {
    const attempt = new MockActivityEnvironment(
      { startToCloseTimeoutMs: 1_000 },
      { interceptors: [attemptDeadline] },
    );
    const outcomes = await attempt.run(async () => {
      const first = await outcome(count('late'));
      await sleep(850);
      return [first, await outcome(count('late'))];
    });
    expect(outcomes).toEqual(['written', 'AttemptOver']);
    expect(await models.Slice.findById('late').lean()).toEqual({ _id: 'late', n: 1 });
  });

  test('When Temporal cancels an attempt, then its next command is refused', async () => {
    const attempt = new MockActivityEnvironment(
      { startToCloseTimeoutMs: 60_000 },
      { interceptors: [attemptDeadline] },
    );
    const outcomes = await attempt.run(async () => {
      const first = await outcome(count('cancelled'));
      attempt.cancel('TIMED_OUT');
      return [first, await outcome(count('cancelled'))];
    });
    expect(outcomes).toEqual(['written', 'AttemptOver']);
  });

  test('When a command runs outside any activity, then it is never refused', async () => {
    expect(await outcome(count('outside'))).toBe('written');
  });
});
