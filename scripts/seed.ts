import mongoose from 'mongoose';
import { loadEnvOrExit } from '../config/env';
import { demoPeopleFile, seedDemoCounty } from '../directory/seed';
import { DirectoryStore } from '../directory/store';
import { runScript } from './cli';

/**
 * `npm run seed`: the demo county (ORG_FILE's units when the directory has none) and its ~40
 * demo people, each logging in with their id and the demo password of config/people.demo.json.
 * Whoever exists already stays as they are.
 */
async function main(): Promise<void> {
  const env = loadEnvOrExit();
  const db = await mongoose
    .createConnection(env.MONGODB_URI, { serverSelectionTimeoutMS: 5_000 })
    .asPromise();
  try {
    const seeded = await seedDemoCounty(new DirectoryStore(db), {
      orgFile: env.ORG_FILE,
      peopleFile: demoPeopleFile,
    });
    console.log(
      `${seeded.unitsLoaded ? `units loaded from ${env.ORG_FILE}` : 'units already there'}; ${seeded.peopleAdded} demo people added`,
    );
  } finally {
    await db.close();
  }
}

runScript('seed', main);
