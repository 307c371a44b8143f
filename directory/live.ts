import { readFileSync } from 'node:fs';
import { Connection } from 'mongoose';
import { Logger } from '../common/log';
import { Env } from '../config/env';
import { buildOrgDirectory, OrgDirectory, orgSchema } from '../domain/org';
import { Policy } from '../domain/policy/policy';
import { OrgUnitDoc } from './models';
import { DirectoryStore } from './store';

/** The org directory a process runs on, rebuilt from the store when its version moves. */
export interface LiveOrgDirectory {
  /** Always the latest directory built: hand it to whatever reads the org */
  org: OrgDirectory;
  store: DirectoryStore;
  /**
   * People as views name them: by id, and the holder of a role in a unit (a grid's branch
   * secretary), which FerretDB finds only by reading the people collection: a holder found is
   * remembered until the directory's version moves, so request views read it once per unit, not
   * once per view.
   */
  people: Pick<DirectoryStore, 'person' | 'holderOf'>;
  /** Rebuilds now if the version moved (an API process calls it after its own writes). */
  refresh(): Promise<void>;
  stop(): void;
}

export const orgOfUnits = (units: OrgUnitDoc[]) => ({
  units: units.map(({ _id, level, parent, grid, name, addresses, area }) => ({
    id: _id,
    level,
    ...(parent ? { parent } : {}),
    ...(grid ? { grid } : {}),
    name: { zh: name.zh, en: name.en },
    ...(addresses?.length
      ? {
          addresses: addresses.map(({ community, buildings }) => ({
            community,
            ...(buildings?.length ? { buildings } : {}),
          })),
        }
      : {}),
    ...(area ? { area } : {}),
  })),
});

/**
 * The directory from MongoDB. Until the store first answers, the org file's units serve (the API
 * starts while MongoDB is down); the first read loads them into an empty store (a new install).
 * Every `refreshMs` the version document is read by `_id`; when some process has written, the
 * units are read again and the directory rebuilt. A rebuild that fails keeps the directory it had
 * and tries again at the next tick. Callers that need the store's units await `refresh()` once.
 */
export function watchOrgDirectory(options: {
  store: DirectoryStore;
  policy: Policy;
  orgFile: string;
  refreshMs: number;
  onError: (err: Error) => void;
}): LiveOrgDirectory {
  const { store, policy } = options;
  const fileOrg = orgSchema.parse(JSON.parse(readFileSync(options.orgFile, 'utf8')));
  let current = buildOrgDirectory(fileOrg, policy);
  let version: number | undefined;
  let holders = new Map<string, ReturnType<DirectoryStore['holderOf']>>();
  const rebuild = async () => {
    if (version === undefined) await store.loadUnitsIfEmpty(fileOrg);
    const seen = await store.version();
    if (seen === version) return;
    current = buildOrgDirectory(orgOfUnits(await store.units()), policy);
    version = seen;
    holders = new Map();
  };
  const people: LiveOrgDirectory['people'] = {
    person: (id) => store.person(id),
    holderOf: (unit, role) => {
      const key = `${unit}|${role}`;
      const known = holders.get(key);
      if (known) return known;
      const read = store.holderOf(unit, role);
      holders.set(key, read);
      // Asked again next time: a failed read (MongoDB down), or none yet (a secretary may be added by another process).
      const forget = () => holders.get(key) === read && holders.delete(key);
      read.then((holder) => holder ?? forget(), forget);
      return read;
    },
  };
  // One rebuild at a time, each reading the version after the call: a writer's refresh sees its write.
  let queue = Promise.resolve();
  const refresh = () => (queue = queue.catch(() => undefined).then(rebuild));
  const timer = setInterval(() => refresh().catch(options.onError), options.refreshMs);
  timer.unref();
  // Delegates every method, whatever the interface grows, to the directory last built.
  const org = new Proxy({} as OrgDirectory, {
    get: (_target, method: keyof OrgDirectory) => current[method],
  });
  return { org, store, people, refresh, stop: () => clearInterval(timer) };
}

/** The directory as an entry point (the API, the worker) runs it: its store on `db`, the file and refresh period from the environment. */
export function watchOrgDirectoryOf(
  db: Connection,
  policy: Policy,
  env: Pick<Env, 'ORG_FILE' | 'ORG_REFRESH_MS'>,
  log: Logger,
): LiveOrgDirectory {
  return watchOrgDirectory({
    store: new DirectoryStore(db),
    policy,
    orgFile: env.ORG_FILE,
    refreshMs: env.ORG_REFRESH_MS,
    onError: (err) => log.warn({ err }, 'org directory: not refreshed; retrying'),
  });
}
