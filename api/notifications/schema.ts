import { z } from 'zod';
import '../openapi';

export const inboxQuery = z.object({
  recipient: z.string().min(1).openapi({ description: 'a member id or a unit id' }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export const inboxPage = z.object({
  items: z.array(z.object({ id: z.string(), recipient: z.string(), kind: z.string(), message: z.string(), caseId: z.string(), createdAt: z.string() })),
  page: z.number().int(), pageSize: z.number().int(), total: z.number().int(),
}).openapi('InboxPage');
