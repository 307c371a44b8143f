import { z } from 'zod';
import '../openapi';
import { pageQuery, pageView } from '../paging/schema';
import { durationSpecSchema } from '../../domain/policy/duration';
import { requestStatuses } from '../../domain/requests/state';

/** One schema per endpoint; the same schemas validate requests and generate the OpenAPI document. */
const text = (max: number) => z.string().trim().min(1).max(max);
const reason = text(2000);

export const requestIdParams = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected a request id'),
});

export const createRequestBody = z
  .object({
    channel: z.enum(['hotline', 'app', 'web', 'visit', 'grid_member']),
    category: text(40).openapi({ example: 'general' }),
    urgency: text(40).default('normal'),
    title: text(200),
    description: text(5000),
    requester: z
      .object({
        id: text(100),
        name: text(100),
        phone: z
          .string()
          .regex(/^[0-9+\- ]{5,20}$/, 'expected a phone number')
          .optional(),
      })
      .strict(),
    gridId: text(64).openapi({ example: 'g01' }),
    major: z.boolean().default(false),
  })
  .strict()
  .openapi('CreateRequest');

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .optional()
    .openapi({ description: 'a retry with the same key returns the same request' }),
});

export const listRequestsQuery = z.object({
  status: z.enum(requestStatuses).optional(),
  unit: z
    .string()
    .min(1)
    .optional()
    .openapi({ description: 'requests within this unit (any level of their jurisdiction)' }),
  category: z.string().min(1).optional(),
  level: z
    .string()
    .min(1)
    .optional()
    .openapi({ description: 'ladder level the request sits at now, e.g. committee' }),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  ...pageQuery,
});

export const actionBodies = {
  dispatch: z.object({ assignee: text(100), note: text(2000).optional() }).strict(),
  accept: z.object({ note: text(2000).optional() }).strict(),
  return: z.object({ reason }).strict(),
  progress: z.object({ note: reason }).strict(),
  extend: z.object({ duration: durationSpecSchema, reason }).strict(),
  'extend/decision': z.object({ approve: z.boolean(), note: reason }).strict(),
  resolve: z.object({ note: reason }).strict(),
  feedback: z.object({ satisfied: z.boolean(), note: text(2000).optional() }).strict(),
  escalate: z.object({ reason }).strict(),
  withdraw: z.object({ reason }).strict(),
  reopen: z.object({ reason }).strict(),
  reject: z.object({ reason }).strict(),
  merge: z.object({ into: requestIdParams.shape.id, note: text(2000).optional() }).strict(),
};
export type RequestAction = keyof typeof actionBodies;

const label = z.object({ zh: z.string(), en: z.string() });
export const requestView = z
  .object({
    id: z.string(),
    revision: z.number().int(),
    status: z.enum(requestStatuses),
    statusLabel: label,
    category: z.string(),
    categoryLabel: label.optional(),
    urgency: z.string(),
    channel: z.string(),
    title: z.string(),
    description: z.string(),
    requester: z.object({ id: z.string(), name: z.string() }),
    gridId: z.string(),
    major: z.boolean(),
    onAgenda: z.boolean(),
    level: z.string(),
    unit: z.string(),
    assignee: z.string().optional(),
    deadline: z
      .object({
        stage: z.string(),
        owner: z.string(),
        dueAt: z.string(),
        rule: z.string(),
        reminders: z.array(z.object({ at: z.string(), sent: z.boolean() })),
        calendarFallback: z.literal(true).optional().openapi({
          description: 'working days past the published holiday calendar, counted on weekends only',
        }),
      })
      .optional(),
    pendingExtension: z
      .object({ by: z.string(), duration: durationSpecSchema, reason: z.string() })
      .optional(),
    outcome: z.string().optional(),
    mergedInto: z.string().optional(),
    submittedAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().optional(),
  })
  .openapi('Request');

export const timelineView = z
  .object({
    id: z.string(),
    entries: z.array(
      z.object({
        at: z.string(),
        revision: z.number(),
        actor: z.object({ id: z.string(), role: z.string(), unit: z.string() }),
        action: z.string(),
        note: z.string().optional(),
        from: z.string().optional(),
        to: z.string().optional(),
        level: z.string().optional(),
        rule: z.string().optional(),
      }),
    ),
  })
  .openapi('Timeline');

export const requestPage = z
  .object({
    items: z.array(requestView.omit({ description: true, requester: true })),
    ...pageView,
  })
  .openapi('RequestPage');
