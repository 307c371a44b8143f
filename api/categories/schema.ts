import { z } from 'zod';
import '../openapi';
import { durationSpecSchema } from '../../domain/policy/duration';
import { requestStages } from '../../domain/policy/policy';
import { label } from '../caseSchemas';

/**
 * The category tree as `GET /categories` answers it. Nodes nest to the tree's most levels (three,
 * `maxCategoryLevels`) with codes and labels; each leaf is listed once more with what a filing
 * under it gets: its SLA class, the level that handles it and the deadlines the policy derives.
 */
const node = z.object({ code: z.string(), label });
const level3 = node;
const level2 = node.extend({ children: z.array(level3).optional() });
const level1 = node.extend({ children: z.array(level2).optional() });

const stageDeadline = z.object({
  duration: durationSpecSchema,
  rule: z
    .string()
    .openapi({ description: 'the policy rule the deadline comes from, as the timeline quotes it' }),
});

const leafView = z.object({
  code: z.string().openapi({ description: 'what a filing names as its `category`', example: 'water_outage' }),
  path: z.array(z.string()).openapi({ description: 'codes from the root down to the leaf' }),
  labels: z.array(label).openapi({ description: 'labels from the root down to the leaf' }),
  slaClass: z
    .object({ key: z.string(), label })
    .openapi({ description: 'the policy category its deadlines follow' }),
  handledBy: z
    .object({ id: z.string(), rung: z.number().int(), label })
    .openapi({ description: 'the ladder level a request under it is first handled at' }),
  deadlines: z
    .record(
      z.string(),
      z.object(
        Object.fromEntries(requestStages.map((stage) => [stage, stageDeadline])) as Record<
          (typeof requestStages)[number],
          typeof stageDeadline
        >,
      ),
    )
    .openapi({
      description: 'per urgency of the policy: the deadline of each stage at the level that handles it',
    }),
});

export const categoriesView = z
  .object({
    version: z.string().openapi({ description: 'the tree’s version; a filing records it' }),
    roots: z.array(level1),
    leaves: z.array(leafView),
    slaClasses: z
      .array(z.object({ key: z.string(), label }))
      .openapi({ description: 'what a filing may name instead of a leaf: unclassified by subject' }),
    urgencies: z
      .array(z.object({ key: z.string(), label }))
      .openapi({ description: 'what a filing may name as its `urgency`, in the policy’s order' }),
    levels: z.array(z.object({ id: z.string(), label })).openapi({
      description:
        'the policy’s ladder, bottom up: the levels a request climbs, and those a committee may send one down to',
    }),
  })
  .openapi('Categories');

export type CategoriesView = z.infer<typeof categoriesView>;
