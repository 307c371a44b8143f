import { loadEnvOrExit } from '../config/env';
import { ensureKeyFile, PayloadKeyError, readKeyFile, rotateKeyFile } from '../config/payloadKeys';

/**
 * `npm run keys -- init | rotate | list`: the payload key file (PAYLOAD_KEYS_FILE). Prints key ids,
 * never keys. After a rotation new payloads and archives use the new key; the old ones still read.
 */
const usage = `usage: npm run keys -- <command>
  init     make the key file with one fresh key, unless it exists (npm start does this)
  rotate   add a fresh key and make it the active one; the old keys stay, to read what they encrypted
  list     the key ids, the active one marked`;

function main(command: string | undefined): number {
  const env = loadEnvOrExit();
  const file = env.PAYLOAD_KEYS_FILE;
  if (env.PAYLOAD_KEYS)
    console.error('note: PAYLOAD_KEYS is set, and processes read it rather than the file');
  switch (command) {
    case 'init': {
      const { created, ring } = ensureKeyFile(file);
      console.log(`${created ? 'made' : 'kept'} ${file}: active key ${ring.active}`);
      return 0;
    }
    case 'rotate': {
      const ring = rotateKeyFile(file);
      console.log(`${file}: active key ${ring.active}; ${ring.keys.size - 1} older keys kept`);
      console.log('running processes pick it up when they meet it, and encrypt with it after a restart');
      return 0;
    }
    case 'list': {
      const ring = readKeyFile(file);
      for (const id of ring.keys.keys()) console.log(`${id}${id === ring.active ? '  (active)' : ''}`);
      return 0;
    }
    default:
      console.error(`${command ? `unknown command ${command}` : 'no command'}\n${usage}`);
      return 2;
  }
}

try {
  process.exit(main(process.argv[2]));
} catch (err) {
  if (!(err instanceof PayloadKeyError)) throw err;
  console.error(err.message);
  process.exit(1);
}
