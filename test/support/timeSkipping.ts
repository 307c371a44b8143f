import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';

/** The wrapper written by scripts/install-tools.sh around the Java test server from Maven Central. */
export const TEST_SERVER_PATH = path.resolve(__dirname, '../../.tools/bin/temporal-test-server');

/**
 * A time-skipping environment on the locally installed Java test server: the SDK would otherwise
 * download it from GitHub, which these machines cannot reach. Its clock is shared: run serially.
 */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: TEST_SERVER_PATH } },
  });
}
