import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleWorkflows } from '../../worker/bundle';

/** The wrapper written by scripts/install-tools.sh around the Java test server from Maven Central. */
export const TEST_SERVER_PATH = path.resolve(__dirname, '../../.tools/bin/temporal-test-server');

/**
 * A time-skipping environment on the locally installed Java test server: the SDK would otherwise
 * download it from GitHub, which these machines cannot reach. Its clock is shared: run serially.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  // The SDK gives the JVM 5 s to listen, which a busy 2-core machine sometimes misses: try again.
  // (SDK 1.13 said "Failed connecting to test server"; 1.24 says the server "did not start within 5s".)
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: TEST_SERVER_PATH } },
      });
    } catch (err) {
      if (attempt === 4 || !/Failed connecting to test server|did not start within/.test(String(err)))
        throw err;
      await new Promise((resolve) => setTimeout(resolve, attempt * 2000));
    }
  }
}

/**
 * The time-skipping server strands a run whose workflow task cancels a timer that fired while the
 * task was with the worker: it refuses the completion ("invalid history builder state for action",
 * temporalio/sdk-java#3088) and never hands the task out again, so the scenario waits forever. It
 * happened to the three-year plan in one CI run of four (an update re-arming the shell's timer just
 * as it fired). Bounded here, a stranded scenario fails, its worker stops instead of polling a torn
 * down server for the rest of the run, and jest.retryTimes in the test file runs it again on a
 * fresh task queue of a fresh server. A real server times the task out and sends it again; production is not affected.
 */
export function unlessStranded<T>(
  env: TestWorkflowEnvironment,
  scenario: () => Promise<T>,
  ms: number,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  // Cancels the scenario's calls still waiting on the server: left to the client's retries, they
  // would outlive the torn-down server and throw in a later test ("Channel has been shut down").
  const abandon = new AbortController();
  const stranded = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abandon.abort();
      reject(
        new Error(`scenario still waiting after ${ms / 1000} s: a run stranded by the time-skipping server?`),
      );
    }, ms);
  });
  return Promise.race([env.client.connection.withAbortSignal(abandon.signal, scenario), stranded]).finally(
    () => clearTimeout(timer),
  );
}

/** What a workflow test file runs on: the workflow bundle, and the current test's own server. */
export interface TimeSkippingServer {
  readonly env: TestWorkflowEnvironment;
  readonly bundle: WorkflowBundleWithSourceMap;
}

/**
 * The hooks every workflow test file shares: the workflows bundled once per file, a fresh server per
 * test (a shared clock would carry timers of earlier cases), and each scenario the server strands
 * (`unlessStranded`) tried twice more.
 */
export function useTimeSkippingServer(): TimeSkippingServer {
  jest.retryTimes(2, { logErrorsBeforeRetry: true });
  let env: TestWorkflowEnvironment | undefined;
  let bundle: WorkflowBundleWithSourceMap | undefined;
  beforeAll(async () => {
    bundle = await bundleWorkflows();
  });
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
  });
  afterEach(async () => {
    await env?.teardown();
  });
  return {
    get env() {
      if (!env) throw new Error('no time-skipping server outside a test');
      return env;
    },
    get bundle() {
      if (!bundle) throw new Error('the workflows are bundled before the first test');
      return bundle;
    },
  };
}
