import { z } from 'zod';
import '../openapi';
import { identifier } from '../text';

/** Times are compared as UTC ISO strings, the form entries are stored in. */
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

export const actionLogQuery = z
  .object({
    target: identifier(200, 'a case id')
      .optional()
      .openapi({ description: 'a case, e.g. request-<id> or plan-<id>' }),
    actor: identifier(100, 'an actor id').optional().openapi({ description: 'an actor id' }),
    from: instant.optional().openapi({ description: 'entries at or after this time' }),
    to: instant.optional().openapi({ description: 'entries before this time' }),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
export type ActionLogQuery = z.infer<typeof actionLogQuery>;

const head = z.object({ seq: z.number().int(), hash: z.string() });

export const actionEntryView = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.union([
      z.object({ id: z.string(), role: z.string(), unit: z.string() }),
      z
        .object({ headers: z.record(z.string(), z.string()) })
        .openapi({ description: 'the actor headers as sent, when they named no valid actor' }),
    ]),
    action: z.string().openapi({ example: 'POST /api/v1/requests/:id/dispatch' }),
    path: z.string(),
    target: z.string().optional(),
    requestId: z.string(),
    outcome: z.object({ status: z.number().int(), problem: z.string().optional() }),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi('ActionLogEntry');

export const actionLogPage = z
  .object({
    items: z.array(actionEntryView),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .openapi('ActionLogPage');

const anchor = z.object({ at: z.string(), head }).openapi({
  description:
    'the last head anchored outside the database (nightly, next to the case archives); its entry must still be there, unchanged',
});

export const chainVerdictView = z
  .union([
    z.object({
      ok: z.literal(true),
      checked: z.number().int(),
      head: head.openapi({
        description: 'record it elsewhere: truncation of the newest entries shows only against it',
      }),
      anchor: anchor.optional(),
    }),
    z.object({
      ok: z.literal(false),
      checked: z.number().int(),
      brokenAt: z.object({
        seq: z.number().int(),
        kind: z
          .enum(['altered', 'missing', 'relinked', 'truncated', 'rewritten'])
          .openapi({ description: 'truncated or rewritten: found against the anchor' }),
      }),
      anchor: anchor.optional(),
    }),
  ])
  .openapi('ActionLogVerdict');
