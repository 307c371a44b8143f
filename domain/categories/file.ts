import { z } from 'zod';

/**
 * The category tree as configuration (CATEGORIES_FILE): nested nodes, each either a group with
 * `children` or a leaf with the SLA class its deadlines follow and the ladder level that handles it
 * first. The schema checks shapes; what needs the policy or the whole tree (unique codes, depth,
 * classes and levels that exist) is checked when the tree is built (tree.ts), naming the node.
 */
const label = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();

export interface CategoryFileNode {
  code: string;
  label: { zh: string; en: string };
  children?: CategoryFileNode[];
  slaClass?: string;
  handledBy?: string;
}

const nodeSchema: z.ZodType<CategoryFileNode> = z.lazy(() =>
  z
    .object({
      code: z
        .string()
        .regex(
          /^[a-z0-9][a-z0-9_]{0,39}$/,
          'expected a code of lower-case letters, digits and _ (at most 40)',
        ),
      label,
      children: z.array(nodeSchema).min(1).optional(),
      slaClass: z.string().min(1).optional(),
      handledBy: z.string().min(1).optional(),
    })
    .strict(),
);

export const categoryFileSchema = z
  .object({
    version: z.string().min(1),
    /** Where the tree came from, for whoever edits it next */
    source: z.string().min(1).optional(),
    roots: z.array(nodeSchema).min(1),
  })
  .strict();

export type CategoryFile = z.infer<typeof categoryFileSchema>;

export function parseCategoryFile(raw: unknown): CategoryFile {
  const parsed = categoryFileSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`categories: ${issue.path.join('.') || '(root)'} ${issue.message}`);
}
