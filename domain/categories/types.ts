/**
 * The category tree (诉求分类) as the rest of the code sees it: subjects two or three levels deep,
 * as the 12345 hotlines publish them, each leaf mapped to the SLA class its deadlines follow and
 * the ladder level that handles it first. The tree is configuration; a request keeps the
 * classification it was filed under (its submission carries the leaf's path and labels).
 */
export interface CategoryLabel {
  zh: string;
  en: string;
}

/** A leaf of the tree: what a request is filed under. */
export interface CategoryLeaf {
  code: string;
  /** Codes from the root down to this leaf */
  path: string[];
  /** Labels from the root down to this leaf */
  labels: CategoryLabel[];
  /** A key of the policy's `categories`: the class whose deadline rules apply */
  slaClass: string;
  /** A ladder level id: where the request is handled first */
  handledBy: string;
}

export interface CategoryNode {
  code: string;
  label: CategoryLabel;
  children?: CategoryNode[];
}

/** Any node of the tree (a group or a leaf) with its place: level 1 is a root. */
export interface CategoryPlace {
  code: string;
  label: CategoryLabel;
  level: number;
  /** Codes from the root down to this node */
  path: string[];
  /** Labels from the root down to this node */
  labels: CategoryLabel[];
  /** Present when the node is a leaf */
  leaf?: CategoryLeaf;
}

export interface CategoryTree {
  version: string;
  roots: CategoryNode[];
  leaves: CategoryLeaf[];
  leaf(code: string): CategoryLeaf | undefined;
  node(code: string): CategoryPlace | undefined;
}

/** The most levels a tree may have: list documents keep one indexed field per level (`categoryNode1`…). */
export const maxCategoryLevels = 3;

/**
 * What a request filed by leaf keeps in its submission: the leaf and its path as the tree was when
 * filed, so a later tree (a leaf renamed, moved or removed) never changes how it was classified.
 */
export interface Classification {
  code: string;
  path: string[];
  labels: CategoryLabel[];
  treeVersion: string;
}
