import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { leafDeadlines } from '../../domain/categories/deadlines';
import { CategoryFile, parseCategoryFile } from '../../domain/categories/file';
import { classifyFiling } from '../../domain/categories/filing';
import { buildCategoryTree, CategoryTreeError } from '../../domain/categories/tree';
import { emptyCounts } from '../../domain/kpi/counts';
import { subjectRows } from '../../domain/kpi/subjects';
import { submitRequest } from '../../domain/requests/transitions';
import { defaultPolicy, repoRoot, submission } from '../support/fixtures';

const policy = defaultPolicy();
const shipped = parseCategoryFile(
  JSON.parse(readFileSync(join(repoRoot, 'config', 'categories.default.json'), 'utf8')),
);
const tree = buildCategoryTree(shipped, policy);

const leaf = (code: string, slaClass: string, handledBy: string) => ({
  code,
  label: { zh: code, en: code },
  slaClass,
  handledBy,
});
const group = (code: string, children: CategoryFile['roots']) => ({
  code,
  label: { zh: code, en: code },
  children,
});

describe('the category tree', () => {
  test('When the shipped tree is built under the default policy, then it has over 40 distinct leaves, each with its path and labels', () => {
    expect(tree.leaves.length).toBeGreaterThanOrEqual(40);
    expect(new Set(tree.leaves.map((l) => l.code)).size).toBe(tree.leaves.length);
    expect(tree.leaf('water_outage')).toEqual({
      code: 'water_outage',
      path: ['urban_rural', 'water_supply', 'water_outage'],
      labels: [
        { zh: '城乡建设', en: 'Urban and rural construction' },
        { zh: '供水', en: 'Water supply' },
        { zh: '停水', en: 'Water outage' },
      ],
      slaClass: 'utilities',
      handledBy: 'grid',
    });
    expect(tree.leaf('wage_arrears')).toMatchObject({
      path: ['labour', 'wage_arrears'],
      handledBy: 'township',
    });
    expect(tree.node('noise')).toMatchObject({ level: 2, path: ['environment', 'noise'], leaf: undefined });
    expect(tree.leaf('noise')).toBeUndefined();
  });

  test('When a tree does not fit the policy, then every problem is refused naming its node', () => {
    const bad: CategoryFile = {
      version: 'bad',
      roots: [
        group('city', [
          leaf('water_outage', 'plumbing', 'grid'),
          leaf('water_outage', 'general', 'street'),
          leaf('general', 'general', 'grid'),
          { ...group('deep', [group('deeper', [leaf('deepest', 'general', 'grid')])]) },
          { code: 'half', label: { zh: 'half', en: 'half' }, slaClass: 'general' },
        ]),
      ],
    };
    expect(() => buildCategoryTree(bad, policy)).toThrow(CategoryTreeError);
    try {
      buildCategoryTree(bad, policy);
    } catch (err) {
      expect((err as CategoryTreeError).problems).toEqual([
        'water_outage (city › water_outage): slaClass plumbing is not a policy category (emergency, utilities, general, complex)',
        'water_outage (city › water_outage): code used by another node',
        'water_outage (city › water_outage): handledBy street is not a ladder level (grid, village, township, committee)',
        'general (city › general): code is an SLA class of the policy',
        'deepest (city › deep › deeper › deepest): deeper than 3 levels',
        'half (city › half): a leaf needs handledBy',
      ]);
    }
  });

  test('When a file is malformed, then the parse names the path', () => {
    expect(() =>
      parseCategoryFile({ version: 'x', roots: [{ code: 'Water Outage', label: { zh: '停水', en: 'x' } }] }),
    ).toThrow('categories: roots.0.code expected a code of lower-case letters, digits and _ (at most 40)');
  });
});

describe('filing by leaf', () => {
  test('When a request is filed under a leaf, then it takes the leaf’s SLA class, classification and handling level, and its deadline follows', () => {
    const result = classifyFiling('wage_arrears', tree, policy);
    expect(result).toEqual({
      filing: {
        category: 'complex',
        classification: {
          code: 'wage_arrears',
          path: ['labour', 'wage_arrears'],
          labels: [
            { zh: '劳动保障', en: 'Labour and social security' },
            { zh: '欠薪', en: 'Unpaid wages' },
          ],
          treeVersion: '2026-11-default',
        },
        startLevel: 2,
      },
    });
    const { filing } = result as { filing: object };
    const first = submitRequest(submission(filing), { policy, now: Date.parse('2026-12-01T02:00:00Z') });
    expect(first.state.level).toBe(2);
    expect(first.state.deadlines[0]).toMatchObject({
      purpose: 'dispatch',
      dueAt: '2026-12-02T02:00:00.000Z',
      rule: 'policy 2026-11-default requestDeadlines[3] (category=complex) dispatch: P1D',
    });
  });

  test('When the categories API derives a leaf’s deadlines, then they are its class’s rule at its level, per urgency', () => {
    const water = leafDeadlines(tree.leaf('water_outage')!, policy);
    expect(water.normal).toEqual({
      dispatch: {
        duration: 'PT2H',
        rule: 'policy 2026-11-default requestDeadlines[2] (category=utilities) dispatch',
      },
      accept: {
        duration: 'PT2H',
        rule: 'policy 2026-11-default requestDeadlines[2] (category=utilities) accept',
      },
      resolve: {
        duration: 'PT24H',
        rule: 'policy 2026-11-default requestDeadlines[2] (category=utilities) resolve',
      },
      returnVisit: {
        duration: 'P3D',
        rule: 'policy 2026-11-default requestDeadlines[2] (category=utilities) returnVisit',
      },
    });
    expect(water.urgent.resolve.duration).toBe('PT2H');
  });

  test('When a filing names an SLA class, a group or an unknown code, then the class files unclassified and the others are refused saying why', () => {
    expect(classifyFiling('general', tree, policy)).toEqual({ filing: { category: 'general' } });
    expect(classifyFiling('heating', tree, policy)).toEqual({
      refused:
        'heating is a group of the category tree, not a leaf: one of heating_outage, heating_underheated',
    });
    expect(classifyFiling('water', tree, policy)).toEqual({
      refused:
        'unknown category water: a leaf code of the category tree (GET /api/v1/categories) or an SLA class (emergency, utilities, general, complex)',
    });
  });
});

describe('ledgers by subject', () => {
  const counts = {
    ...emptyCounts(),
    filedBySubject: {
      water_outage: 2,
      heating_outage: 1,
      construction_noise: 1,
      general: 3,
      retired_leaf: 1,
    },
    resolvedBySubject: { water_outage: 1, general: 2 },
    satisfiedBySubject: { water_outage: 1 },
    unsatisfiedBySubject: { general: 1 },
  };
  const row = (rows: ReturnType<typeof subjectRows>, key: string) => rows.find((r) => r.key === key);

  test('When counts are rolled up to level 1, then leaves add to their roots, unclassified filings stay under their SLA class and a retired leaf keeps its code', () => {
    const rows = subjectRows(counts, tree, 1, policy.categories);
    expect(rows.slice(0, 2).map((r) => r.key)).toEqual(['urban_rural', 'environment']);
    expect(row(rows, 'urban_rural')).toEqual({
      key: 'urban_rural',
      label: { zh: '城乡建设', en: 'Urban and rural construction' },
      node: { level: 1, path: ['urban_rural'] },
      filed: 3,
      resolved: 1,
      satisfied: 1,
      unsatisfied: 0,
    });
    expect(row(rows, 'environment')?.filed).toBe(1);
    expect(row(rows, 'general')).toMatchObject({ node: null, filed: 3, resolved: 2, unsatisfied: 1 });
    expect(row(rows, 'retired_leaf')).toMatchObject({
      label: { zh: 'retired_leaf', en: 'retired_leaf' },
      filed: 1,
    });
    expect(rows.reduce((sum, r) => sum + r.filed, 0)).toBe(8);
  });

  test('When counts are rolled up to levels 2 and 3, then each node of that level gets its leaves, and a leaf above the level stands for itself', () => {
    const level2 = subjectRows(counts, tree, 2, policy.categories);
    expect(row(level2, 'water_supply')?.filed).toBe(2);
    expect(row(level2, 'heating')?.filed).toBe(1);
    expect(row(level2, 'noise')?.filed).toBe(1);
    expect(row(level2, 'wage_arrears')).toMatchObject({ node: { level: 2 }, filed: 0 });
    const level3 = subjectRows(counts, tree, 3, policy.categories);
    expect(row(level3, 'water_outage')?.filed).toBe(2);
    expect(row(level3, 'water_pollution')).toMatchObject({
      node: { level: 2, path: ['environment', 'water_pollution'] },
    });
    expect(level3.filter((r) => r.node).length).toBe(tree.leaves.length);
  });
});
