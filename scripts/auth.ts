import { loadEnvOrExit } from '../config/env';
import { authKeyDir } from '../identity/config';
import { KeyFile } from '../identity/keyFile';
import { fail, runScript } from './cli';

/**
 * `npm run auth -- rotate`: adds a new signing key to the built-in issuer; new tokens are signed
 * with it, and tokens signed with the older keys verify until they expire (the API reloads the key
 * file when a token names a key it has not seen: no restart). `npm run auth -- keys` lists them.
 */
async function main(): Promise<void> {
  const env = loadEnvOrExit();
  const keys = new KeyFile(authKeyDir(env));
  const [command] = process.argv.slice(2);
  if (command === 'rotate') {
    const key = await keys.rotate();
    console.log(`new signing key ${key.kid} (${key.alg}) in ${keys.path}; older keys stay in the JWKS`);
  } else if (command === 'keys') {
    for (const key of await keys.keys()) console.log(`${key.kid} ${key.alg} created ${key.createdAt}`);
  } else {
    fail('usage: npm run auth -- rotate | keys');
  }
}

runScript('auth', main);
