import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';

/** The wrapper written by scripts/install-tools.sh around the Java test server from Maven Central. */
export const TEST_SERVER_PATH = path.resolve(__dirname, '../../.tools/bin/temporal-test-server');

/**
 * A time-skipping environment on the locally installed Java test server: the SDK would otherwise
 * download it from GitHub, which these machines cannot reach. Its clock is shared: run serially.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  // The SDK gives the JVM 5 s to listen, which a busy 2-core machine sometimes misses: try again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: TEST_SERVER_PATH } } });
    } catch (err) {
      if (attempt === 3 || !/Failed connecting to test server/.test(String(err))) throw err;
    }
  }
}
