import { leafDeadlines, startLevelOf } from '../../domain/categories/deadlines';
import { CategoryNode, CategoryTree } from '../../domain/categories/types';
import { Policy } from '../../domain/policy/policy';
import { CategoriesView } from './schema';

const nodeView = ({ code, label, children }: CategoryNode): CategoriesView['roots'][number] => ({
  code,
  label,
  ...(children ? { children: children.map(nodeView) } : {}),
});

export function presentCategories(tree: CategoryTree, policy: Policy): CategoriesView {
  return {
    version: tree.version,
    roots: tree.roots.map(nodeView),
    leaves: tree.leaves.map((leaf) => {
      const rung = startLevelOf(leaf, policy);
      return {
        code: leaf.code,
        path: leaf.path,
        labels: leaf.labels,
        slaClass: { key: leaf.slaClass, label: policy.categories[leaf.slaClass].label },
        handledBy: { id: leaf.handledBy, rung, label: policy.ladder[rung].label },
        deadlines: leafDeadlines(leaf, policy),
      };
    }),
    slaClasses: Object.entries(policy.categories).map(([key, { label }]) => ({ key, label })),
    urgencies: Object.entries(policy.urgencies).map(([key, { label }]) => ({ key, label })),
    levels: policy.ladder.map(({ id, label }) => ({ id, label })),
  };
}
