import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { demoPeopleFile } from '../../directory/seed';
import { freePort } from '../../scripts/servers';

const repoRoot = join(__dirname, '..', '..');

/** A real OIDC provider (test/support/oidcProviderProcess.mjs) whose accounts are the demo county's people. */
export interface OidcProvider {
  /** Its issuer URL (`http://127.0.0.1:<port>`), known once the test file's first hook ran */
  issuer: string;
  /** The console's public client there */
  clientId: string;
  /** The `aud` of its access tokens: the API's AUTH_AUDIENCE */
  audience: string;
  /** The API's settings trusting this provider, as an office sets them (README: Console) */
  apiSettings(): Record<string, string>;
  /** Starts it with the console's redirect URI registered for its client */
  launch(redirectUri: string): Promise<void>;
}

/**
 * One provider per test file. Its port is chosen before the API starts (the API must know its
 * issuer); it is started once the console's address, its redirect URI, is known (`launch`).
 */
export function useOidcProvider(): OidcProvider {
  let port = 0;
  let child: ChildProcess | undefined;
  const provider: OidcProvider = {
    issuer: '',
    clientId: 'lianxin-console',
    audience: 'lianxin-api',
    apiSettings: () => ({
      AUTH_ISSUER: provider.issuer,
      AUTH_AUDIENCE: provider.audience,
      AUTH_JWKS_URL: `${provider.issuer}/jwks`,
      AUTH_CONSOLE_CLIENT_ID: provider.clientId,
    }),
    async launch(redirectUri) {
      const settings = {
        port,
        clientId: provider.clientId,
        redirectUri,
        resource: 'urn:lianxin:api',
        audience: provider.audience,
        peopleFile: join(repoRoot, demoPeopleFile),
      };
      child = spawn(
        process.execPath,
        [join(__dirname, 'oidcProviderProcess.mjs'), JSON.stringify(settings)],
        {
          cwd: repoRoot,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr!.on('data', (chunk) => (stderr += chunk));
      const started = child;
      const listening = await new Promise<string>((resolve, reject) => {
        createInterface({ input: started.stdout! }).once('line', resolve);
        started.once('exit', (code) => reject(new Error(`the OIDC provider exited (${code}): ${stderr}`)));
      });
      if (listening !== provider.issuer) throw new Error(`the OIDC provider answers as ${listening}`);
    },
  };
  beforeAll(async () => {
    port = await freePort();
    provider.issuer = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill();
    await exited;
  });
  return provider;
}
