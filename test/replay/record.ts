import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflows } from '../support/bundle';
import { createTimeSkippingEnv } from '../support/timeSkipping';
import { recordScenario, requestScenarios } from './scenarios';

/**
 * Records the histories the replay test keeps: `npm run record-histories -- <label>`.
 * Run it before a change to workflow code and commit the files with a new label; never
 * delete old ones, they stand for cases still running on earlier code.
 */
async function main(): Promise<void> {
  const label = process.argv[2];
  if (!label || !/^[a-z0-9.-]+$/.test(label)) throw new Error('usage: record.ts <label>, e.g. v1');
  const dir = join(__dirname, 'histories', 'requests');
  mkdirSync(dir, { recursive: true });
  const bundle = await bundleWorkflows();
  for (const scenario of requestScenarios) {
    const env = await createTimeSkippingEnv();
    try {
      const history = await recordScenario(env, bundle, scenario);
      const file = join(dir, `${label}-${scenario.name}.json`);
      writeFileSync(file, historyToJSON(history) + '\n');
      console.log(`${file}: ${history.events?.length} events`);
    } finally {
      await env.teardown();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
