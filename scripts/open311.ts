import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { loadEnvOrExit } from '../config/env';
import { clientChannels, ClientChannel, Open311Clients } from '../api/open311/clients';
import { fail, runScript } from './cli';

const usage =
  'usage: npm run -s open311 -- add-client <name> [--channel app|web] | list-clients | disable-client <id>';

/**
 * `npm run -s open311 -- add-client <name>`: registers an Open311 client app and prints its
 * api_key, this once (only its hash is kept). `list-clients` and `disable-client <id>` as the
 * administrator's API does (/api/v1/open311/clients).
 */
async function main(): Promise<void> {
  const env = loadEnvOrExit();
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { channel: { type: 'string', default: 'app' } },
  });
  const [command, arg, ...rest] = positionals;
  if (rest.length) fail(usage);
  const channel = values.channel as ClientChannel;
  if (!clientChannels.includes(channel)) fail(`--channel ${values.channel}: expected app or web`);
  const db = await mongoose
    .createConnection(env.MONGODB_URI, { serverSelectionTimeoutMS: 5_000 })
    .asPromise();
  try {
    const clients = new Open311Clients(db);
    if (command === 'add-client' && arg?.trim()) {
      const { client, apiKey } = await clients.add({ name: arg.trim(), channel }, 'cli');
      console.error(
        `client ${client._id} (${client.name}, channel ${client.channel}); its api_key, shown this once:`,
      );
      console.log(apiKey);
    } else if (command === 'list-clients' && !arg) {
      for (const c of await clients.list())
        console.log(`${c._id}\t${c.enabled ? 'enabled' : 'disabled'}\t${c.channel}\t${c.name}`);
    } else if (command === 'disable-client' && arg) {
      if (!(await clients.disable(arg))) fail(`${arg} is not an Open311 client`);
      console.log(`${arg} disabled`);
    } else fail(usage);
  } finally {
    await db.close();
  }
}

runScript('open311', main);
