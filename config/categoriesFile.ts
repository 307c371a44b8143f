import { readFileSync } from 'node:fs';
import { parseCategoryFile } from '../domain/categories/file';
import { buildCategoryTree } from '../domain/categories/tree';
import { CategoryTree } from '../domain/categories/types';
import { Policy } from '../domain/policy/policy';

const treeOf = (text: string, policy: Policy) =>
  buildCategoryTree(parseCategoryFile(JSON.parse(text)), policy);

/** Read at start; a file that does not parse, or does not fit the policy, stops the process. */
export function readCategoryTree(path: string, policy: Policy): CategoryTree {
  return treeOf(readFileSync(path, 'utf8'), policy);
}

/** The tree a process runs on, read again when its file changes. */
export interface LiveCategoryTree {
  /** Always the latest tree that loaded: hand it to whatever classifies or lists */
  tree: CategoryTree;
  /** Reads the file now; true when a changed file was loaded. A file that fails keeps the tree as it was. */
  check(): boolean;
  stop(): void;
}

/**
 * Every `refreshMs` the file is read and, when its text changed, parsed and checked against the
 * policy again: an edited tree serves new filings within that period, without a restart. A file
 * that fails to load (half-written, a class the policy lacks) is reported and the last good tree
 * stays; it is tried again only once the text changes again. Running cases are untouched: each
 * keeps its classification in its submission.
 */
export function watchCategoryTree(options: {
  path: string;
  policy: Policy;
  refreshMs: number;
  onLoaded?: (tree: CategoryTree) => void;
  onError: (err: Error) => void;
}): LiveCategoryTree {
  const { path, policy } = options;
  let text = readFileSync(path, 'utf8');
  let current = treeOf(text, policy);
  const check = () => {
    try {
      const read = readFileSync(path, 'utf8');
      if (read === text) return false;
      text = read;
      current = treeOf(read, policy);
      options.onLoaded?.(current);
      return true;
    } catch (err) {
      options.onError(err as Error);
      return false;
    }
  };
  const timer = setInterval(check, options.refreshMs);
  timer.unref();
  // Delegates every member, whatever the interface grows, to the tree last loaded.
  const tree = new Proxy({} as CategoryTree, {
    get: (_target, member: keyof CategoryTree) => current[member],
  });
  return { tree, check, stop: () => clearInterval(timer) };
}
