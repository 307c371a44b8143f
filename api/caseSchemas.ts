import { z } from 'zod';
import './openapi';
import { identifier, line, prose } from './text';

/**
 * What every kind of case takes and shows alike, defined once so that requests and commitments
 * validate, answer and document it the same way (each domain's schema.ts holds what differs).
 */
export const text = line;
export { identifier, prose };
export const reason = prose(2000);
/** A note that goes with an action, over as many lines as it needs. */
export const note = prose(2000);

/** Chinese and English names, as the policy and the status tables hold them. */
export const label = z.object({ zh: z.string(), en: z.string() });

/** A list's `true`/`false` query param, such as `overdue`. */
export const queryFlag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

/** A list's `unit`: cases within it at any level of their jurisdiction (paging/listQuery.ts). */
export const unitQuery = (cases: string) =>
  identifier(100, 'a unit id')
    .optional()
    .openapi({ description: `${cases} within this unit (any level of their jurisdiction)` });

/** A case's id in a path: `noun` names it in the 400 ("expected a request id"). */
export const caseIdParam = (noun: string) =>
  z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, `expected a ${noun} id`);

/** An opening's Idempotency-Key: the same key from the same actor names the same case (api/cases.ts). */
export const idempotencyHeaders = (noun: string) =>
  z.object({
    'idempotency-key': z
      .string()
      .min(8)
      .max(200)
      .regex(/^[\x21-\x7E]+$/, 'expected printable ASCII without spaces')
      .optional()
      .openapi({ description: `a retry with the same key returns the same ${noun}` }),
  });

/** One entry of a case's timeline (domain/timeline.ts). */
export const timelineEntry = z.object({
  at: z.string(),
  revision: z.number(),
  actor: z.object({ id: z.string(), role: z.string(), unit: z.string() }),
  action: z.string(),
  note: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  level: z.string().optional(),
  rule: z.string().optional(),
  about: z
    .string()
    .optional()
    .openapi({ description: 'the case within the case an entry concerns, e.g. problem p2' }),
});

/** A case's timeline as `/{id}/history` answers it. */
export const timelineView = (name: string) =>
  z.object({ id: z.string(), entries: z.array(timelineEntry) }).openapi(name);
