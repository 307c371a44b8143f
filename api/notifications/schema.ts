import { z } from 'zod';
import '../openapi';
import { pageQuery, pageView } from '../paging/schema';

export const inboxQuery = z.object({
  recipient: z.string().min(1).openapi({ description: 'a member id or a unit id' }),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  ...pageQuery,
});

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
