import { Policy } from '../policy/policy';
import { CategoryFile, CategoryFileNode } from './file';
import {
  CategoryLabel,
  CategoryLeaf,
  CategoryNode,
  CategoryPlace,
  CategoryTree,
  maxCategoryLevels,
} from './types';

/** A tree that does not fit its policy: every problem, each naming its node. */
export class CategoryTreeError extends Error {
  constructor(readonly problems: string[]) {
    super(`categories: ${problems.join('; ')}`);
  }
}

interface Walked {
  node: CategoryFileNode;
  path: string[];
  labels: CategoryLabel[];
}

function walk(nodes: readonly CategoryFileNode[], above: Omit<Walked, 'node'>): Walked[] {
  return nodes.flatMap((node) => {
    const here = { node, path: [...above.path, node.code], labels: [...above.labels, node.label] };
    return [here, ...walk(node.children ?? [], here)];
  });
}

const list = (keys: readonly string[]) => keys.join(', ');

/**
 * What makes a tree unusable under `policy`: a code used twice or equal to an SLA class key (a
 * filing names either), a node both group and leaf or neither, a tree deeper than the list
 * documents index, a leaf's SLA class the policy lacks, or its handling level not on the ladder.
 */
export function categoryProblems(file: CategoryFile, policy: Policy): string[] {
  const classes = Object.keys(policy.categories);
  const levels = policy.ladder.map((level) => level.id);
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const { node, path } of walk(file.roots, { path: [], labels: [] })) {
    const at = `${node.code} (${path.join(' › ')})`;
    if (seen.has(node.code)) problems.push(`${at}: code used by another node`);
    seen.add(node.code);
    if (classes.includes(node.code)) problems.push(`${at}: code is an SLA class of the policy`);
    if (path.length > maxCategoryLevels) problems.push(`${at}: deeper than ${maxCategoryLevels} levels`);
    const leafFields = node.slaClass !== undefined || node.handledBy !== undefined;
    if (node.children && leafFields) problems.push(`${at}: has children, so takes no slaClass or handledBy`);
    if (node.children) continue;
    if (node.slaClass === undefined) problems.push(`${at}: a leaf needs an slaClass`);
    else if (!classes.includes(node.slaClass))
      problems.push(`${at}: slaClass ${node.slaClass} is not a policy category (${list(classes)})`);
    if (node.handledBy === undefined) problems.push(`${at}: a leaf needs handledBy`);
    else if (!levels.includes(node.handledBy))
      problems.push(`${at}: handledBy ${node.handledBy} is not a ladder level (${list(levels)})`);
  }
  return problems;
}

function toNode(node: CategoryFileNode): CategoryNode {
  return {
    code: node.code,
    label: node.label,
    ...(node.children ? { children: node.children.map(toNode) } : {}),
  };
}

/** The tree new filings are classified by, checked against the policy they will run under. */
export function buildCategoryTree(file: CategoryFile, policy: Policy): CategoryTree {
  const problems = categoryProblems(file, policy);
  if (problems.length) throw new CategoryTreeError(problems);
  const places = new Map<string, CategoryPlace>();
  const leaves: CategoryLeaf[] = [];
  for (const { node, path, labels } of walk(file.roots, { path: [], labels: [] })) {
    const leaf = node.children
      ? undefined
      : { code: node.code, path, labels, slaClass: node.slaClass!, handledBy: node.handledBy! };
    if (leaf) leaves.push(leaf);
    places.set(node.code, { code: node.code, label: node.label, level: path.length, path, labels, leaf });
  }
  return {
    version: file.version,
    roots: file.roots.map(toNode),
    leaves,
    leaf: (code) => places.get(code)?.leaf,
    node: (code) => places.get(code),
  };
}

/** A path's node at `level` (1 = root); a path shorter than that ends at its leaf, which stands for itself. */
export function ancestorAt(path: readonly string[], level: number): string {
  return path[Math.min(level, path.length) - 1];
}
