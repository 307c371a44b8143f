import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { repoRoot } from './fixtures';

/** `npm run audit -- <args>` as an operator runs it, with the given environment on top of this one. */
export async function runAuditCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'node',
      ['-r', 'ts-node/register/transpile-only', 'audit/cli.ts', ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, ...env },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
