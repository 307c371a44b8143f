import { z } from 'zod';
import '../openapi';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day YYYY-MM-DD');

/** What the days `from` and `to` of a list are days of, and what they default to. */
export interface ListDays {
  of: string;
  from: string;
  to: string;
}

/**
 * What every newest-first list takes besides its filters (paging/newestFirst.ts). Page numbers
 * are refused by name: a client still sending `page` would otherwise get the first page again.
 */
export function pageQuery(days: ListDays) {
  return {
    from: day.optional().openapi({ description: `first day (Beijing) of ${days.of} to list; ${days.from}` }),
    to: day.optional().openapi({ description: `last day (Beijing) of ${days.of} to list; ${days.to}` }),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z
      .string()
      .max(500)
      .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor this list gave')
      .optional()
      .openapi({ description: 'the `next` of the previous page' }),
    page: z
      .undefined({ error: 'lists have no page numbers: pass the previous page’s `next` as `cursor`' })
      .optional()
      .openapi({ type: 'integer', deprecated: true, description: 'refused (400): page with `cursor`' }),
  };
}

export const pageView = {
  pageSize: z.number().int(),
  next: z
    .string()
    .optional()
    .openapi({ description: 'pass as `cursor` for the next page; absent after the last' }),
};
