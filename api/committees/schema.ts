import { z } from 'zod';
import '../openapi';
import { arrivalReasons } from '../../domain/committee/agenda';
import { supervisionLevels } from '../../domain/committee/decisions';
import { durationSpecSchema } from '../../domain/policy/duration';
import { caseIdParam, identifier, label, note, prose, queryFlag, text } from '../caseSchemas';

/** One schema per endpoint; the same schemas validate requests and generate the OpenAPI document. */
export const committeeParams = z.object({
  unitId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, 'expected an org unit id')
    .openapi({ description: 'the committee’s org unit, e.g. committee-c01' }),
});

export const agendaQuery = z
  .object({
    waitingLongerThanDays: z.coerce.number().int().min(0).optional().openapi({
      description: 'only items that have waited longer than this many whole days, longest first',
    }),
    overdue: queryFlag.openapi({
      description: 'only items whose committee deadline has passed, most overdue first',
    }),
  })
  .strict();

/** An agenda item's key, as the agenda shows it: the case's workflow ID (`request-<id>`). */
const itemKey = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/, 'expected an agenda item key such as request-k3f9')
  .openapi({ example: 'request-k3f9' });

const decision = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('assignLead'),
      leadOfficial: text(100).openapi({ description: '牵头领导' }),
      leadUnit: text(100).openapi({ description: '牵头单位' }),
      // Counted from the meeting: P30D, or {"workingDays": 10}.
      deadline: durationSpecSchema,
      supervision: z
        .enum(supervisionLevels)
        .openapi({ description: '督办 level: general, key (the committee hears reminders too), top' }),
      note: note.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('sendDown'),
      toLevel: identifier(40, 'a ladder level').openapi({
        description: 'a ladder level below the committee, e.g. village',
      }),
      instructions: prose(2000),
    })
    .strict(),
  z.object({ kind: z.literal('merge'), into: itemKey, note: note.optional() }).strict(),
  z
    .object({
      kind: z.literal('close'),
      outcome: prose(2000).openapi({ description: 'the reasoned outcome' }),
    })
    .strict(),
]);

export const meetingBody = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected a meeting id')
      .openapi({
        description: 'the meeting’s own id, e.g. 2026-12-01; a meeting id is recorded once',
        example: '2026-12-01',
      }),
    heldAt: z.iso.datetime({ offset: true }).openapi({ example: '2026-12-01T09:00:00+08:00' }),
    membersPresent: z.array(text(100)).min(1).max(50),
    decisions: z
      .array(z.object({ item: itemKey, decision }).strict())
      .min(1)
      .max(200),
  })
  .strict()
  .openapi('Meeting');

export const meetingsQuery = z
  .object({
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected a meeting id')
      .optional()
      .openapi({ description: 'the `next` of the previous page' }),
  })
  .strict();

export const requestIdParams = z.object({ id: caseIdParam('request') });

const caseRefView = z.object({
  kind: z.string(),
  id: z.string(),
  workflowId: z.string(),
  problem: z.string().optional(),
});

const decisionView = z.object({
  meetingId: z.string(),
  decidedAt: z.string(),
  decision,
  kindLabel: label,
  supervisionLabel: label.optional(),
  dueAt: z.string().optional().openapi({ description: 'when the committee’s deadline falls (assignLead)' }),
});

export const agendaView = z
  .object({
    committeeId: z.string(),
    revision: z.number().int(),
    updatedAt: z.string().optional(),
    items: z.array(
      z.object({
        key: z.string(),
        case: caseRefView,
        title: z.string(),
        unit: z.string().openapi({ description: 'the unit it came up from' }),
        reason: z.enum(arrivalReasons),
        reasonLabel: label,
        arrivedAt: z.string(),
        waitingDays: z.number().int(),
        overdue: z.boolean(),
        decision: decisionView.optional(),
        history: z.string().openapi({ description: 'the case’s timeline' }),
      }),
    ),
  })
  .openapi('Agenda');

const recordedMeeting = z.object({
  id: z.string(),
  heldAt: z.string(),
  membersPresent: z.array(z.string()),
  recordedBy: z.string(),
  recordedAt: z.string(),
  decisions: z.array(decisionView.extend({ item: z.string(), title: z.string() })),
});

export const meetingResultView = z
  .object({
    meeting: recordedMeeting,
    deliveries: z.array(
      z.object({
        item: z.string(),
        caseId: z.string(),
        outcome: z.enum(['applied', 'already_applied', 'refused']),
        reason: z.string().optional(),
      }),
    ),
  })
  .openapi('MeetingResult');

export const meetingPage = z
  .object({
    items: z.array(recordedMeeting),
    pageSize: z.number().int(),
    next: z
      .string()
      .optional()
      .openapi({ description: 'pass as `cursor` for older meetings; absent after the first' }),
  })
  .openapi('MeetingPage');

export const caseDecisionsView = z
  .object({
    id: z.string(),
    committeeId: z.string(),
    decisions: z.array(decisionView.extend({ item: z.string() })),
  })
  .openapi('CaseCommitteeDecisions');
