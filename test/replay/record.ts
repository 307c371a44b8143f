import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toArchive } from '../../audit/archive';
import { bundleWorkflows } from '../../worker/bundle';
import { createTimeSkippingEnv } from '../support/timeSkipping';
import {
  auditJobScenarios,
  commitmentScenarios,
  recordAuditJob,
  recordCommitmentScenario,
  recordCommitteeScenario,
  recordScenario,
  requestScenarios,
} from './scenarios';

type Env = Awaited<ReturnType<typeof createTimeSkippingEnv>>;

/**
 * Records the histories the replay test keeps: `npm run record-histories -- <label> [requests|commitments|committees|audit-jobs]`.
 * Run it before a change to workflow code and commit the files with a new label; never
 * delete old ones, they stand for cases still running on earlier code. Since v3 each file is a
 * sealed case archive (every run), the same format auditors export; v1 and v2 hold one run's history.
 */
async function main(): Promise<void> {
  const [label, only] = process.argv.slice(2);
  if (!label || !/^[a-z0-9.-]+$/.test(label))
    throw new Error('usage: record.ts <label> [requests|commitments|committees|audit-jobs], e.g. v1');
  const bundle = await bundleWorkflows();
  const jobs = [
    ...requestScenarios.map((scenario) => ({
      folder: 'requests',
      name: scenario.name,
      record: (env: Env) => recordScenario(env, bundle, scenario),
    })),
    ...commitmentScenarios.map((scenario) => ({
      folder: 'commitments',
      name: scenario.name,
      record: (env: Env) => recordCommitmentScenario(env, bundle, scenario),
    })),
    {
      folder: 'committees',
      name: 'agenda-decided-continued',
      record: (env: Env) => recordCommitteeScenario(env, bundle),
    },
    ...auditJobScenarios.map((job) => ({
      folder: 'audit-jobs',
      name: job.name,
      record: (env: Env) => recordAuditJob(env, bundle, job),
    })),
  ].filter((job) => !only || job.folder === only);
  for (const job of jobs) {
    const dir = join(__dirname, 'histories', job.folder);
    mkdirSync(dir, { recursive: true });
    const env = await createTimeSkippingEnv();
    try {
      const archive = toArchive(await job.record(env));
      const file = join(dir, `${label}-${job.name}.json`);
      writeFileSync(file, JSON.stringify(archive) + '\n');
      console.log(
        `${file}: ${archive.runs.length} runs, ${archive.runs.reduce((n, run) => n + run.history.events.length, 0)} events`,
      );
    } finally {
      await env.teardown();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
