import { z } from 'zod';
import '../openapi';
import { identifier } from '../caseSchemas';
import { pageQuery, pageView } from '../paging/schema';

export const inboxQuery = z
  .object({
    recipient: identifier(100, 'a member or unit id').openapi({ description: 'a member id or a unit id' }),
    // Spread before pageSize: an inbox page holds 50 unless asked.
    ...pageQuery({ of: 'notices', from: 'default a year before `to`', to: 'default today' }),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export const inboxPage = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        recipient: z.string(),
        kind: z.string(),
        message: z.string(),
        caseId: z.string(),
        createdAt: z.string(),
      }),
    ),
    ...pageView,
  })
  .openapi('InboxPage');
