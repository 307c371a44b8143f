import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { roles } from '../domain/actors';
import { orgSchema } from '../domain/org';
import { hashPassword } from './passwords';
import { DirectoryConflict, DirectoryStore } from './store';

export const demoPeopleFile = 'config/people.demo.json';

/** The demo people file (config/people.demo.json): everyone logs in with their id and the one demo password. */
const demoPeopleSchema = z
  .object({
    password: z.string().min(8),
    people: z.array(
      z
        .object({
          id: z.string().min(1),
          name: z.string().min(1),
          assignments: z.array(z.object({ role: z.enum(roles), unit: z.string().min(1) }).strict()).min(1),
        })
        .strict(),
    ),
  })
  .strict();

/**
 * Loads the demo county: the org file's units when the directory has none, then each demo person
 * not there yet, with a password login (username = id). Safe to run again: what exists stays.
 */
export async function seedDemoCounty(
  store: DirectoryStore,
  files: { orgFile: string; peopleFile: string },
): Promise<{ unitsLoaded: boolean; peopleAdded: number }> {
  const org = orgSchema.parse(JSON.parse(readFileSync(files.orgFile, 'utf8')));
  const demo = demoPeopleSchema.parse(JSON.parse(readFileSync(files.peopleFile, 'utf8')));
  const unitsLoaded = await store.loadUnitsIfEmpty(org);
  const units = new Set((await store.units()).map((unit) => unit._id));
  // The demo password is published in the README: one hash (≈0.3 s of scrypt) serves everyone.
  const passwordHash = await hashPassword(demo.password);
  let peopleAdded = 0;
  for (const person of demo.people) {
    const unknown = person.assignments.find((a) => !units.has(a.unit));
    if (unknown) throw new Error(`demo person ${person.id}: unknown unit ${unknown.unit}`);
    if (await store.person(person.id)) continue;
    const login = { username: person.id, passwordHash };
    try {
      await store.createPerson({ _id: person.id, name: person.name, assignments: person.assignments, login });
      peopleAdded++;
    } catch (err) {
      if (!(err instanceof DirectoryConflict)) throw err;
    }
  }
  return { unitsLoaded, peopleAdded };
}

/** Whether the directory has anyone yet: `npm start` seeds an install that has nobody. */
export async function hasPeople(store: DirectoryStore): Promise<boolean> {
  return (await store.people(undefined, 1)).length > 0;
}
