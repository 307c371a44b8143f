import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import mongoose from 'mongoose';
import { fromArchive, toArchive } from '../../audit/archive';
import { ActionLogAppender, createActionLogModel, verifyActionLog } from '../../audit/actionLog/store';
import { heldState } from '../../audit/asOf';
import { eventCount } from '../../audit/history';
import { replayCases, ReplayReport } from '../../audit/replay';
import { caseTimeline } from '../../audit/timeline';
import { freePort, startFerretDb } from '../../scripts/servers';
import { bundleWorkflows } from '../../worker/bundle';
import { historyFiles, readRecorded } from '../replay/library';

/**
 * What the auditor's tools cost: `npm run bench:audit [-- <archive.json>...]`. Replays, timelines and
 * archive seals over the replay library (or the archives given, e.g. an exported three-year
 * plan), then appends to and verifies the action log on a local FerretDB. Prints figures; asserts nothing.
 */
async function main(): Promise<void> {
  const given = process.argv.slice(2);
  const cases = (given.length ? given : historyFiles()).map(readRecorded);
  const events = cases.reduce((n, c) => n + eventCount(c), 0);
  const runs = cases.reduce((n, c) => n + c.runs.length, 0);
  console.log(`${cases.length} cases, ${runs} runs, ${events} history events`);

  let started = Date.now();
  const bundle = await bundleWorkflows();
  console.log(`bundle the workflow code: ${Date.now() - started} ms`);

  started = Date.now();
  const lines = cases.reduce((n, c) => n + caseTimeline(c).length, 0);
  report('timeline from history', Date.now() - started, events, `${lines} lines`);

  started = Date.now();
  const archives = cases.map((c) => JSON.stringify(toArchive(c)));
  report(
    'seal archives',
    Date.now() - started,
    events,
    `${mib(archives.reduce((n, a) => n + a.length, 0))} MiB`,
  );
  started = Date.now();
  const gzipped = archives.reduce((n, a) => n + gzipSync(a).length, 0);
  report('gzip archives (as ARCHIVE_DIR keeps them)', Date.now() - started, events, `${mib(gzipped)} MiB`);
  started = Date.now();
  archives.forEach((a) => fromArchive(JSON.parse(a)));
  report('check seals', Date.now() - started, events);

  started = Date.now();
  const reports: ReplayReport[] = [];
  for await (const replayed of replayCases(bundle, cases)) reports.push(replayed);
  const commits = reports.flatMap((r) => r.commits.map((commit) => ({ r, commit })));
  report(
    'replay and refold (one replay worker)',
    Date.now() - started,
    events,
    `${commits.length} committed states`,
  );
  const kept = reports.reduce(
    (n, r) => n + JSON.stringify(r.commits).length + JSON.stringify(r.timeline).length,
    0,
  );
  const whole = commits.reduce((n, { r, commit }) => n + JSON.stringify(heldState(r, commit)).length, 0);
  console.log(
    `committed states kept: ${mib(kept)} MiB as JSON (every state with its own timeline would be ${mib(whole)} MiB)`,
  );

  await actionLogFigures(2000);
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function report(what: string, ms: number, events: number, extra = ''): void {
  console.log(
    `${what}: ${ms} ms, ${Math.round((events / Math.max(ms, 1)) * 1000)} events/s${extra ? `; ${extra}` : ''}`,
  );
}

async function actionLogFigures(entries: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lianxin-bench-'));
  const ferret = await startFerretDb({ port: await freePort(), dataDir });
  const db = await mongoose.createConnection(`${ferret.uri}/bench`).asPromise();
  try {
    const model = createActionLogModel(db);
    const body = {
      at: new Date().toISOString(),
      actor: { id: 'member-1', role: 'grid_member', unit: 'grid-g01' },
      action: 'POST /api/v1/requests/:id/accept',
      path: '/api/v1/requests/r1/accept',
      target: 'request-r1',
      requestId: 'bench',
      outcome: { status: 200 },
    };
    const appender = new ActionLogAppender(model);
    let started = Date.now();
    for (let i = 0; i < entries; i += 1) await appender.append({ ...body, requestId: `bench-${i}` });
    console.log(
      `action log append (FerretDB, one appender, one at a time): ${Math.round((entries / (Date.now() - started)) * 1000)} entries/s`,
    );
    // A second process's appender must find the head by sorting: the cost after every clash.
    started = Date.now();
    await new ActionLogAppender(model).append({ ...body, requestId: 'bench-other' });
    console.log(
      `action log append after another process (head read by sort over ${entries} entries): ${Date.now() - started} ms`,
    );
    started = Date.now();
    const verdict = await verifyActionLog(model);
    console.log(
      `action log verify: ${verdict.checked} entries in ${Date.now() - started} ms (ok: ${verdict.ok})`,
    );
  } finally {
    await db.close();
    await ferret.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
