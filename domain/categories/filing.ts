import { Policy } from '../policy/policy';
import { RequestSubmission } from '../requests/state';
import { startLevelOf } from './deadlines';
import { CategoryTree } from './types';

/** What a filing's `category` makes of the submission. */
export type ClassifiedFiling = Pick<RequestSubmission, 'category' | 'classification' | 'startLevel'>;

/**
 * A filing names a leaf of the tree or, as before the tree, an SLA class. A leaf gives the request
 * its SLA class (so deadlines and every rule keyed by category apply unchanged), its classification
 * and the level that handles it first; a class alone leaves it unclassified by subject. Anything
 * else is refused, saying why.
 */
export function classifyFiling(
  category: string,
  tree: CategoryTree,
  policy: Policy,
): { filing: ClassifiedFiling } | { refused: string } {
  const place = tree.node(category);
  if (place?.leaf) {
    const { leaf } = place;
    return {
      filing: {
        category: leaf.slaClass,
        classification: { code: leaf.code, path: leaf.path, labels: leaf.labels, treeVersion: tree.version },
        startLevel: startLevelOf(leaf, policy),
      },
    };
  }
  if (place) {
    const under = tree.leaves.filter((leaf) => leaf.path.includes(category)).map((leaf) => leaf.code);
    return { refused: `${category} is a group of the category tree, not a leaf: one of ${under.join(', ')}` };
  }
  if (policy.categories[category]) return { filing: { category } };
  return {
    refused: `unknown category ${category}: a leaf code of the category tree (GET /api/v1/categories) or an SLA class (${Object.keys(policy.categories).join(', ')})`,
  };
}
