import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCategoryTree, watchCategoryTree } from '../../config/categoriesFile';
import { defaultPolicy, repoRoot } from '../support/fixtures';

const policy = defaultPolicy();
const shipped = JSON.parse(readFileSync(join(repoRoot, 'config', 'categories.default.json'), 'utf8'));

const running: { stop(): void }[] = [];
afterEach(() => running.splice(0).forEach((live) => live.stop()));

function watched() {
  const path = join(mkdtempSync(join(tmpdir(), 'lianxin-categories-')), 'categories.json');
  writeFileSync(path, JSON.stringify(shipped));
  const errors: string[] = [];
  const loaded: string[] = [];
  const live = watchCategoryTree({
    path,
    policy,
    refreshMs: 60_000,
    onLoaded: (tree) => loaded.push(tree.version),
    onError: (err) => errors.push(err.message),
  });
  running.push(live);
  return { path, live, errors, loaded };
}

describe('the category tree file, watched', () => {
  test('When the file is edited, then the next check serves the new tree through the same object, without a restart', () => {
    const { path, live, loaded } = watched();
    const { tree } = live;
    expect(tree.leaf('water_outage')?.slaClass).toBe('utilities');
    expect(live.check()).toBe(false);
    const edited = structuredClone(shipped);
    edited.version = '2026-12-edited';
    edited.roots[0].children[0].children[0].slaClass = 'emergency';
    writeFileSync(path, JSON.stringify(edited));
    expect(live.check()).toBe(true);
    expect(tree.version).toBe('2026-12-edited');
    expect(tree.leaf('water_outage')?.slaClass).toBe('emergency');
    expect(loaded).toEqual(['2026-12-edited']);
  });

  test('When an edit does not fit the policy, then it is reported naming the node and the last good tree keeps serving', () => {
    const { path, live, errors } = watched();
    const edited = structuredClone(shipped);
    edited.version = 'broken';
    edited.roots[0].children[0].children[0].handledBy = 'street';
    writeFileSync(path, JSON.stringify(edited));
    expect(live.check()).toBe(false);
    expect(errors).toEqual([
      'categories: water_outage (urban_rural › water_supply › water_outage): handledBy street is not a ladder level (grid, village, township, committee)',
    ]);
    expect(live.tree.version).toBe('2026-11-default');
    // Told once: the same bad text is not reported again at every tick.
    expect(live.check()).toBe(false);
    expect(errors).toHaveLength(1);
  });

  test('When the file does not fit the policy at start, then reading it fails naming the node', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lianxin-categories-')), 'categories.json');
    const bad = structuredClone(shipped);
    bad.roots[1].children[0].children[0].slaClass = 'noise';
    writeFileSync(path, JSON.stringify(bad));
    expect(() => readCategoryTree(path, policy)).toThrow(
      'categories: construction_noise (environment › noise › construction_noise): slaClass noise is not a policy category',
    );
  });
});
