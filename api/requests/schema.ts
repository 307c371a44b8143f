import { z } from 'zod';
import '../openapi';
import { pageQuery, pageView } from '../paging/schema';
import {
  caseIdParam,
  identifier,
  idempotencyHeaders as idempotencyHeadersFor,
  label,
  note,
  prose,
  queryFlag,
  reason,
  text,
  timelineView as timelineViewFor,
  unitQuery,
} from '../caseSchemas';
import { durationSpecSchema } from '../../domain/policy/duration';
import { requestChannels, requestStatuses } from '../../domain/requests/state';
import { RequestAction, requestActions } from '../../domain/access/requestActions';
import { pressureSteps } from '../../domain/requests/pressure';
import { coHandlerView } from './coHandlerSchema';
import { dueSoonMaxHours } from '../paging/soonestDue';

/** One schema per endpoint; the same schemas validate requests and generate the OpenAPI document. */
export const requestIdParams = z.object({ id: caseIdParam('request') });

/** A place as a filing names it (domain/places/types.ts): at least a community, a point or the address as said. */
export const placeBody = z
  .object({
    township: identifier(100, 'a unit id').optional().openapi({
      description: 'the township or street (a unit id): narrows the search, takes a place no grid covers',
    }),
    community: text(100).optional().openapi({ example: '幸福小区' }),
    building: text(40).optional().openapi({ example: '3号楼' }),
    unit: text(40).optional().openapi({ description: 'kept as text', example: '2单元' }),
    point: z
      .object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })
      .strict()
      .optional()
      .openapi({ description: 'WGS 84' }),
    text: text(200).optional().openapi({ description: 'the address as the resident said it' }),
  })
  .strict()
  .refine((place) => place.community !== undefined || place.point !== undefined || place.text !== undefined, {
    message: 'name a community, a point or the address text',
  })
  .openapi('Place');

const bodyIsObject = (payload: { value: unknown }) =>
  typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value);

/**
 * A filing names exactly one of its place and its grid; checked even when other fields fail, so a
 * body missing both is told so with the rest.
 */
type Where = { place?: unknown; gridId?: unknown };
export const whereFiled = [
  z.refine<Where>((body) => body.place === undefined || body.gridId === undefined, {
    path: ['gridId'],
    message: 'name the place or the gridId, not both',
    when: bodyIsObject,
  }),
  z.refine<Where>((body) => body.place !== undefined || body.gridId !== undefined, {
    path: ['place'],
    message: 'name the place (or the gridId)',
    when: bodyIsObject,
  }),
];

export const createRequestBody = z
  .object({
    channel: z.enum(requestChannels),
    category: identifier(40, 'a category').openapi({
      example: 'water_outage',
      description:
        'a leaf code of the category tree (GET /api/v1/categories): the request takes its SLA class, classification and handling level; or an SLA class of the policy alone (unclassified by subject)',
    }),
    urgency: identifier(40, 'an urgency').default('normal'),
    title: text(200),
    description: prose(5000),
    requester: z
      .object({
        id: identifier(100, 'a person id'),
        name: text(100),
        phone: z
          .string()
          .regex(/^[0-9+\- ]{5,20}$/, 'expected a phone number')
          .optional(),
        address: text(200).optional(),
      })
      .strict(),
    place: placeBody
      .optional()
      .openapi({ description: 'where: mapped to its grid (exactly one of place and gridId)' }),
    gridId: identifier(64, 'a grid id').optional().openapi({
      example: 'g01',
      description: 'the grid, when the filer knows it (exactly one of place and gridId)',
    }),
    major: z.boolean().default(false),
    mediaUrl: z
      .url({ protocol: /^https?$/, error: 'expected an http or https URL' })
      .max(2000)
      .optional()
      .openapi({ description: 'a photo or other media of the matter' }),
  })
  .strict()
  .check(...whereFiled)
  .openapi('CreateRequest');

export const idempotencyHeaders = idempotencyHeadersFor('request');

export const listRequestsQuery = z
  .object({
    status: z.enum(requestStatuses).optional(),
    unit: unitQuery('requests'),
    category: identifier(40, 'a category').optional().openapi({
      description:
        'a node of the category tree at any level (its requests and those below it), or an SLA class',
    }),
    level: identifier(40, 'a ladder level')
      .optional()
      .openapi({ description: 'ladder level the request sits at now, e.g. committee' }),
    overdue: queryFlag,
    unmatched: queryFlag.openapi({
      description: 'true: only requests whose place no grid covers (township dispatch queues)',
    }),
    pendingExtension: queryFlag.openapi({
      description:
        'true: only requests whose handler asked for an extension (延期) not yet decided; false: only the others',
    }),
    assignee: identifier(100, 'a person id')
      .optional()
      .openapi({ description: 'only requests assigned to this person (a member’s own queue)' }),
    dueBefore: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({
        description: `即将到期: only open requests not yet due whose current deadline falls before this time, at most ${dueSoonMaxHours} hours ahead; listed soonest due first, and from/to do not apply`,
        example: '2026-12-01T09:00:00+08:00',
      }),
    ...pageQuery({ of: 'filing', from: 'default a year before `to`', to: 'default today' }),
  })
  .strict();

export const actionBodies = {
  dispatch: z.object({ assignee: identifier(100, 'a person id'), note: note.optional() }).strict(),
  accept: z.object({ note: note.optional() }).strict(),
  return: z.object({ reason }).strict(),
  progress: z.object({ note: reason }).strict(),
  extend: z.object({ duration: durationSpecSchema, reason }).strict(),
  'extend/decision': z.object({ approve: z.boolean(), note: reason }).strict(),
  resolve: z.object({ note: reason }).strict(),
  feedback: z
    .object({
      satisfied: z.boolean(),
      note: note.optional(),
      requester: identifier(100, 'a person id').optional().openapi({
        description:
          'whose answer staff record (a hotline operator calling back): needed when the request has several requesters; a resident answers for themself',
      }),
    })
    .strict(),
  escalate: z.object({ reason }).strict(),
  withdraw: z.object({ reason }).strict(),
  reopen: z.object({ reason }).strict(),
  reject: z.object({ reason }).strict(),
  merge: z.object({ into: requestIdParams.shape.id, note: note.optional() }).strict(),
  route: z.object({ gridId: identifier(64, 'a grid id'), note: note.optional() }).strict(),
} satisfies Record<RequestAction, z.ZodType>;
export type { RequestAction };

export const requestView = z
  .object({
    id: z.string(),
    revision: z.number().int(),
    status: z.enum(requestStatuses),
    statusLabel: label,
    category: z.string().openapi({ description: 'the SLA class its deadlines follow' }),
    categoryLabel: label.optional(),
    classification: z
      .object({
        code: z.string(),
        path: z.array(z.string()),
        labels: z.array(label),
        treeVersion: z.string(),
      })
      .optional()
      .openapi({
        description:
          'the leaf of the category tree it was filed under, with its path from the root, as the tree then was; absent when filed by SLA class alone',
      }),
    urgency: z.string(),
    channel: z.string(),
    title: z.string(),
    description: z.string(),
    mediaUrl: z.string().optional(),
    requester: z.object({
      id: z.string(),
      name: z.string(),
      phone: z.string().optional().openapi({
        description:
          'in full to the requester, the assigned member and the grid’s secretary; else masked, 138****5678',
      }),
      address: z.string().optional().openapi({
        description: 'in full to the same; else shortened to the neighbourhood, 幸福小区…',
      }),
    }),
    gridId: z.string().openapi({ description: 'empty while the place matches no grid' }),
    addressUnmatched: z
      .literal(true)
      .optional()
      .openapi({ description: 'no grid covers the place: it waits in the township’s dispatch queue' }),
    grid: z
      .object({ id: z.string(), unit: z.string(), name: label })
      .optional()
      .openapi({ description: 'the grid the request is filed to, with its branch and name' }),
    responsible: z
      .object({
        unit: z.string(),
        unitName: label.optional(),
        person: z.object({ id: z.string(), name: z.string().optional() }).optional(),
      })
      .optional()
      .openapi({
        description:
          'who answers for it now: the unit at its level and the person (the assignee once dispatched, else the grid’s branch secretary or the unit’s leader)',
      }),
    place: z
      .object({
        township: z.string().optional(),
        community: z.string().optional(),
        building: z.string().optional(),
        unit: z.string().optional(),
        point: z.object({ lng: z.number(), lat: z.number() }).optional(),
        text: z.string().optional(),
      })
      .optional()
      .openapi({
        description:
          'as filed; its text masked (幸福小区…) and its unit left out for whoever sees the requester masked',
      }),
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
    returnVisit: z
      .object({
        requesters: z.number().int().openapi({
          description:
            'how many requesters the request has: its own and those of the duplicates merged into it; each is asked on the return visit',
        }),
        answers: z.array(
          z.object({
            requester: z.string().openapi({
              description:
                'in full to that requester, the assigned member, the grid’s secretary and whoever filed the request; else masked, r*********',
            }),
            satisfied: z.boolean(),
            at: z.string(),
            note: z
              .string()
              .optional()
              .openapi({ description: 'only to those who see the requester in full' }),
          }),
        ),
      })
      .openapi({
        description: '回访: the answers to the current return visit (since the latest resolution)',
      }),
    coHandlers: z.array(coHandlerView).openapi({
      description: '协办: the co-handling units’ parts; the lead is the unit holding the request',
    }),
    submittedAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().optional(),
    actions: z.array(z.enum(requestActions)).openapi({
      description:
        'what the caller may do on the request now, each a POST /requests/{id}/<action>: the access rules and a dry run of the workflow’s decision',
    }),
    pressure: z.enum(pressureSteps).optional().openapi({
      description:
        'how far pressure has risen on the current deadline: reminded (提醒), supervised (催办·督办, a lapse escalated), publicly_notified (通报, a lapse at the top)',
    }),
    pressureLabel: label.optional(),
  })
  .openapi('Request');

export const timelineView = timelineViewFor('Timeline');

export const requestPage = z
  .object({
    items: z.array(
      requestView.omit({
        description: true,
        requester: true,
        returnVisit: true,
        coHandlers: true,
        place: true,
        grid: true,
        responsible: true,
        actions: true,
      }),
    ),
    ...pageView,
  })
  .openapi('RequestPage');
