import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { repoRoot } from './fixtures';

/** `npm run audit -- <args>` as an operator runs it, with the given environment on top of this one. */
export const runAuditCli = (args: string[], env: Record<string, string>) => runCli('audit/cli.ts', args, env);

/** A command of the repository (`npm run <name>`: its TypeScript entry) with the given environment on top of this one. */
export async function runCli(
  entry: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'node',
      ['-r', 'ts-node/register/transpile-only', entry, ...args],
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
