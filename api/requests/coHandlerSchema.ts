import { z } from 'zod';
import '../openapi';
import { caseIdParam, identifier, label, note, reason } from '../caseSchemas';
import { durationSpecSchema } from '../../domain/policy/duration';
import { coHandlerStatuses } from '../../domain/requests/state';

/** 协办: one schema per co-handling endpoint; the same schemas validate and generate the OpenAPI document. */

const unit = identifier(100, 'a unit id');

export const coHandlerParams = z.object({
  id: caseIdParam('request'),
  unitId: unit.openapi({ description: 'the co-handling unit', example: 'village-v02' }),
});

export const assignCoHandlersBody = z
  .object({
    parts: z
      .array(
        z
          .object({
            unit: unit.openapi({ example: 'village-v02' }),
            task: reason.openapi({ description: 'what this unit is to do', example: '排查西关一侧管线' }),
            deadline: durationSpecSchema.optional().openapi({
              description: "the part's own deadline; the policy's coHandling.deadline when absent",
            }),
          })
          .strict(),
      )
      .min(1)
      .max(10),
    note: note.optional(),
  })
  .strict()
  .openapi('AssignCoHandlers');

export const reportCoHandlingBody = z.object({ note: reason }).strict().openapi('ReportCoHandling');
export const releaseCoHandlerBody = z.object({ reason }).strict().openapi('ReleaseCoHandler');

/** A co-handler's part as the request's view lists it. */
export const coHandlerView = z
  .object({
    unit: z.string(),
    unitName: label.optional(),
    task: z.string(),
    status: z.enum(coHandlerStatuses),
    statusLabel: label,
    dueAt: z
      .string()
      .openapi({ description: 'while open, when its deadline falls due; after, when it last did' }),
    owner: z
      .string()
      .openapi({ description: 'who answers for its deadline now: the unit, or one above it after a lapse' }),
    lapses: z.number().int(),
    assignedBy: z.string(),
    assignedAt: z.string(),
    note: z.string().optional().openapi({ description: 'what it reported, or why the lead released it' }),
    doneAt: z.string().optional(),
  })
  .openapi('CoHandler');
