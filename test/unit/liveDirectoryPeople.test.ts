import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchOrgDirectory } from '../../directory/live';
import { DirectoryStore } from '../../directory/store';
import { OrgPersonDoc } from '../../directory/models';
import { orgSchema } from '../../domain/org';
import { defaultPolicy, repoRoot } from '../support/fixtures';

const orgFile = join(repoRoot, 'config', 'org.default.json');
const county = orgSchema.parse(JSON.parse(readFileSync(orgFile, 'utf8')));

/** A store whose holders are counted as they are read, at the version the test sets. */
function countingStore(holders: Record<string, OrgPersonDoc | undefined>) {
  const state = { version: 1, reads: 0 };
  const store = {
    loadUnitsIfEmpty: async () => false,
    version: async () => state.version,
    units: async () => county.units.map(({ id, ...unit }) => ({ _id: id, ...unit })),
    person: async () => undefined,
    holderOf: async (unit: string, role: string) => {
      state.reads++;
      return holders[`${unit}|${role}`];
    },
  } as unknown as DirectoryStore;
  return { store, state };
}

const secretary: OrgPersonDoc = {
  _id: 'sec-1',
  name: '李书记',
  assignments: [{ role: 'branch_secretary', unit: 'grid-g01' }],
};

describe('the live directory’s people', () => {
  test('When views ask for a unit’s holder, then it is read once per directory version, and a missing one is asked again', async () => {
    const { store, state } = countingStore({ 'grid-g01|branch_secretary': secretary });
    const live = watchOrgDirectory({
      store,
      policy: defaultPolicy(),
      orgFile,
      refreshMs: 60_000,
      onError: () => undefined,
    });
    try {
      await live.refresh();
      expect(await live.people.holderOf('grid-g01', 'branch_secretary')).toEqual(secretary);
      expect(await live.people.holderOf('grid-g01', 'branch_secretary')).toEqual(secretary);
      expect(state.reads).toBe(1);

      state.version = 2;
      await live.refresh();
      await live.people.holderOf('grid-g01', 'branch_secretary');
      expect(state.reads).toBe(2);

      expect(await live.people.holderOf('grid-g02', 'branch_secretary')).toBeUndefined();
      expect(await live.people.holderOf('grid-g02', 'branch_secretary')).toBeUndefined();
      expect(state.reads).toBe(4);
    } finally {
      live.stop();
    }
  });
});
