import { z } from 'zod';
import '../openapi';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day YYYY-MM-DD');

/** What every newest-first list takes besides its filters and its page size (paging/newestFirst.ts). */
export const pageQuery = {
  from: day.optional().openapi({ description: 'first day (Beijing) to list; default a year before `to`' }),
  to: day.optional().openapi({ description: 'last day (Beijing) to list; default today' }),
  cursor: z.string().min(1).max(500).optional().openapi({ description: 'the `next` of the previous page' }),
};

export const pageView = {
  pageSize: z.number().int(),
  next: z
    .string()
    .optional()
    .openapi({ description: 'pass as `cursor` for the next page; absent after the last' }),
};
