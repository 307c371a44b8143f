import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createTimeSkippingEnv } from '../support/timeSkipping';
import { sleepWorkflow } from './fixtures/sleepWorkflow';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('time-skipping test server (local Java executable)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  }, 120_000);
  afterAll(async () => {
    await env?.teardown();
  });

  it('runs a 30-day sleep in seconds', async () => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'time-skipping-smoke',
      workflowsPath: require.resolve('./fixtures/sleepWorkflow'),
    });
    const before = await env.currentTimeMs();
    const result = await worker.runUntil(
      env.client.workflow.execute(sleepWorkflow, {
        taskQueue: 'time-skipping-smoke',
        workflowId: 'sleep-30-days',
      }),
    );
    expect(result).toBe('woke');
    expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(30 * DAY_MS);
  }, 120_000);
});
