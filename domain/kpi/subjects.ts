import { ancestorAt } from '../categories/tree';
import { CategoryLabel, CategoryNode, CategoryTree } from '../categories/types';
import { KpiCounts, LevelCounts } from './counts';

/** The counts kept by subject, and the figure each gives a row. */
const figures = {
  filed: 'filedBySubject',
  resolved: 'resolvedBySubject',
  satisfied: 'satisfiedBySubject',
  unsatisfied: 'unsatisfiedBySubject',
} as const satisfies Record<string, keyof KpiCounts>;
type Figure = keyof typeof figures;

/**
 * One row of a ledger by subject: a node of the tree at the level asked (a leaf above that level
 * stands for itself), an SLA class for the requests filed by class alone (`node` null), or a
 * subject the tree no longer has, under its code.
 */
export type SubjectRow = {
  key: string;
  label: CategoryLabel;
  /** The node's level in the tree (1 = root); null for an SLA class or a subject no longer in the tree */
  node: { level: number; path: string[] } | null;
} & Record<Figure, number>;

function codesAt(nodes: readonly CategoryNode[], level: number, depth = 1): string[] {
  return nodes.flatMap((node) =>
    depth === level || !node.children ? [node.code] : codesAt(node.children, level, depth + 1),
  );
}

/**
 * Counts by subject rolled up to `level` of the tree: each leaf's figures added to its ancestor at
 * that level. Every node at the level is listed in the tree's order, then every SLA class of the
 * policy, then any other subject counted; each figure adds up over the rows to the ledger's own.
 */
export function subjectRows(
  counts: KpiCounts,
  tree: CategoryTree,
  level: number,
  classes: Readonly<Record<string, { label: CategoryLabel }>>,
): SubjectRow[] {
  const rolled = new Map<string, Record<Figure, number>>();
  const rowKey = (subject: string) => {
    const place = tree.node(subject);
    return place ? ancestorAt(place.path, level) : subject;
  };
  for (const [figure, by] of Object.entries(figures) as [Figure, keyof KpiCounts][]) {
    for (const [subject, n] of Object.entries(counts[by] as LevelCounts)) {
      const key = rowKey(subject);
      const row = rolled.get(key) ?? { filed: 0, resolved: 0, satisfied: 0, unsatisfied: 0 };
      rolled.set(key, { ...row, [figure]: row[figure] + n });
    }
  }
  const nodes = codesAt(tree.roots, level).map((code) => {
    const place = tree.node(code)!;
    return { key: code, label: place.label, node: { level: place.level, path: place.path } };
  });
  const known = [
    ...nodes,
    ...Object.entries(classes).map(([key, { label }]) => ({ key, label, node: null })),
  ];
  const listed = new Set(known.map((row) => row.key));
  const others = [...rolled.keys()]
    .filter((key) => !listed.has(key))
    .sort()
    .map((key) => ({ key, label: { zh: key, en: key }, node: null }));
  return [...known, ...others].map((row) => ({
    ...row,
    ...(rolled.get(row.key) ?? { filed: 0, resolved: 0, satisfied: 0, unsatisfied: 0 }),
  }));
}
