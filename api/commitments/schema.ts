import { z } from 'zod';
import '../openapi';
import { CommitmentStatus, focusAreas } from '../../domain/commitments/state';
import { CommitmentKind, commitmentKinds } from '../../domain/policy/policy';
import { caseKind } from '../../common/caseKinds';
import { pageQuery, pageView } from '../paging/schema';
import {
  caseIdParam,
  identifier,
  idempotencyHeaders as idempotencyHeadersFor,
  label,
  note,
  queryFlag,
  reason,
  text,
  timelineEntry,
  timelineView,
  unitQuery,
} from '../caseSchemas';

/**
 * One schema per endpoint for the three kinds of three-year commitment. The kinds share most
 * endpoints; where a kind takes a different body (a pairing's visit names a household) it has
 * its own schema. The same schemas validate requests and generate the OpenAPI document.
 */
/** The longest term a commitment may have: a list by term start looks back this far by default. */
export const maxTermYears = 10;

const person = identifier(100, 'a person id').openapi({ example: 'cadre-1' });
const localDate = z.iso.date('expected a date as YYYY-MM-DD').openapi({ example: '2026-11-27' });

/** Whole yuan and fen: positive, at most two decimals. */
const yuan = z
  .number()
  .positive()
  .max(1e12)
  .refine(
    (v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6,
    'expected an amount in yuan with at most 2 decimals',
  )
  .openapi({ example: 500000 });

/** The URL each kind lives under, and the names users know it by. */
const presentation: Record<CommitmentKind, { noun: string; schemaName: string }> = {
  enterprise: { noun: 'plan', schemaName: 'Plan' },
  pairing: { noun: 'pairing', schemaName: 'Pairing' },
  pledge: { noun: 'pledge', schemaName: 'Pledge' },
};
export const kindRoutes = Object.fromEntries(
  commitmentKinds.map((kind) => [
    kind,
    { ...presentation[kind], path: caseKind(kind).apiPath, tag: caseKind(kind).apiPath },
  ]),
) as Record<CommitmentKind, { path: string; noun: string; schemaName: string; tag: string }>;

export const commitmentStatuses = [
  'active',
  'suspended',
  'closed',
] as const satisfies readonly CommitmentStatus[];

const id = caseIdParam('commitment');
export const commitmentIdParams = z.object({ id });
export const problemParams = z.object({
  id,
  problemId: z.string().regex(/^p[0-9]{1,4}$/, 'expected a problem id such as p1'),
});
export const deedParams = z.object({
  id,
  deedId: z.string().regex(/^d[0-9]{1,4}$/, 'expected a deed id such as d1'),
});
export const assessmentParams = z.object({ id, year: z.coerce.number().int().min(1).max(10) });

export const idempotencyHeaders = idempotencyHeadersFor('commitment');

const planProblem = z.object({ title: text(200), area: z.enum(focusAreas) }).strict();
const householdProblem = z
  .object({ title: text(200), area: text(40).openapi({ example: 'housing' }) })
  .strict();
const householdId = identifier(64, 'a household id');
const household = z.object({ id: householdId.openapi({ example: 'h-101' }), name: text(100) }).strict();

const createFields = {
  title: text(200),
  team: z.object({ name: text(100), department: text(100) }).strict(),
  lead: person,
  members: z.array(person).max(50).default([]),
  startDate: localDate
    .optional()
    .openapi({ description: 'first day of the term (local date); today by default' }),
  termYears: z
    .number()
    .int()
    .min(1)
    .max(maxTermYears)
    .optional()
    .openapi({ description: 'the policy’s term for this kind by default' }),
  gridId: identifier(64, 'a grid id').openapi({ example: 'g01' }),
};

type TeamShape = { lead: string; members: string[] };
function teamIsConsistent(body: TeamShape, ctx: z.RefinementCtx) {
  body.members.forEach((member, i) => {
    if (member === body.lead)
      ctx.addIssue({ code: 'custom', path: ['members', i], message: `${member} is the lead` });
    else if (body.members.indexOf(member) !== i)
      ctx.addIssue({ code: 'custom', path: ['members', i], message: `${member} is listed twice` });
  });
}

export const createBodies = {
  enterprise: z
    .object({
      ...createFields,
      enterprise: z
        .object({
          name: text(200),
          creditCode: z
            .string()
            .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'expected an 18-character unified social credit code')
            .optional(),
        })
        .strict(),
      focusAreas: z.array(z.enum(focusAreas)).max(focusAreas.length).default([]),
      initialProblems: z.array(planProblem).max(50).default([]),
    })
    .strict()
    .superRefine(teamIsConsistent)
    .openapi('CreatePlan'),
  pairing: z
    .object({
      ...createFields,
      households: z
        .array(household)
        .min(1)
        .max(3)
        .superRefine((list, ctx) =>
          list.forEach((h, i) => {
            if (list.findIndex((o) => o.id === h.id) !== i)
              ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `household ${h.id} is listed twice` });
          }),
        ),
      initialProblems: z.array(householdProblem).max(50).default([]),
      promisedDeeds: z.array(text(200)).max(50).default([]),
    })
    .strict()
    .superRefine(teamIsConsistent)
    .openapi('CreatePairing'),
  pledge: z
    .object({
      ...createFields,
      promisedDeeds: z.array(text(200)).min(1).max(50),
    })
    .strict()
    .superRefine(teamIsConsistent)
    .openapi('CreatePledge'),
} satisfies Record<CommitmentKind, z.ZodType>;
export type CreateBody = z.infer<(typeof createBodies)[CommitmentKind]>;

export function listQueryFor(kind: CommitmentKind) {
  return z
    .object({
      status: z.enum(commitmentStatuses).optional(),
      team: text(100).optional().openapi({ description: 'the team name' }),
      department: text(100).optional(),
      ...(kind === 'enterprise'
        ? { enterprise: text(200).optional().openapi({ description: 'part of the enterprise name' }) }
        : {}),
      unit: unitQuery('commitments'),
      holder: person.optional().openapi({ description: 'led or joined now by this person' }),
      year: z.coerce
        .number()
        .int()
        .min(2000)
        .max(2200)
        .optional()
        .openapi({ description: 'active at some time in this calendar year' }),
      overdue: queryFlag.openapi({
        description: 'true: an obligation is past due or was escalated after a breach',
      }),
      ...pageQuery({
        of: 'term start',
        from: `default ${maxTermYears} years before today, the longest term`,
        to: 'default a year after today (a term may start ahead); the end of `year` when given',
      }),
    })
    .strict();
}
export type ListQuery = z.infer<ReturnType<typeof listQueryFor>>;

const visit = z
  .object({
    note: reason,
    at: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'when it happened; now by default' }),
  })
  .strict();

const everyKind = <T>(schema: T) => ({ enterprise: schema, pairing: schema, pledge: schema });

/** Bodies of the actions on a commitment; a kind without an entry has no such endpoint. */
export const actionBodies = {
  letters: {
    enterprise: z
      .object({
        year: z.number().int().min(1).max(10),
        targets: z.array(text(500)).min(1).max(50),
        fundsTargetYuan: yuan.optional(),
        note: note.optional(),
      })
      .strict()
      .openapi('SignLetter'),
  },
  visits: {
    enterprise: visit.openapi('RecordVisit'),
    pairing: visit.extend({ household: householdId.optional() }).strict().openapi('RecordHouseholdVisit'),
  },
  problems: {
    enterprise: planProblem.extend({ note: note.optional() }).strict().openapi('OpenPlanProblem'),
    pairing: householdProblem.extend({ note: note.optional() }).strict().openapi('OpenHouseholdProblem'),
  },
  funds: {
    enterprise: z
      .object({ amountYuan: yuan, source: text(200), date: localDate, note: note.optional() })
      .strict()
      .openapi('RecordFunding'),
  },
  deeds: {
    pairing: z
      .object({ title: text(200), household: householdId.optional() })
      .strict()
      .openapi('PromiseHouseholdDeed'),
    pledge: z
      .object({ title: text(200) })
      .strict()
      .openapi('PromiseDeed'),
  },
  deedDone: {
    pairing: z.object({ note: note.optional() }).strict(),
    pledge: z.object({ note: note.optional() }).strict(),
  },
  assessmentComment: everyKind(z.object({ text: reason }).strict().openapi('CommentAssessment')),
  handover: everyKind(
    z
      .object({ role: z.enum(['lead', 'member']), from: person, to: person, reason })
      .strict()
      .openapi('Handover'),
  ),
  suspend: everyKind(z.object({ reason }).strict()),
  resume: everyKind(z.object({ reason }).strict()),
  close: everyKind(z.object({ reason }).strict()),
} satisfies Record<string, Partial<Record<CommitmentKind, z.ZodType>>>;
export type CommitmentAction = keyof typeof actionBodies;

export const problemActionBodies = {
  progress: z.object({ note: reason }).strict(),
  resolve: z.object({ outcome: reason }).strict(),
  withdraw: z.object({ reason }).strict(),
};
export type ProblemAction = keyof typeof problemActionBodies;

// ---- responses ----

const obligation = z.object({
  id: z.string(),
  purpose: z.string(),
  owner: z.string(),
  level: z.string().openapi({ description: 'ladder level id, e.g. grid' }),
  dueAt: z.string(),
  rule: z.string(),
  reminders: z.array(z.object({ at: z.string(), sent: z.boolean() })),
  calendarFallback: z.literal(true).optional().openapi({
    description: 'working days past the published holiday calendar, counted on weekends only',
  }),
});
const problemSummary = z.object({
  id: z.string(),
  title: z.string(),
  area: z.string(),
  year: z.number().int(),
  status: z.string(),
  statusLabel: label,
  level: z.string(),
  openedAt: z.string(),
  resolvedAt: z.string().optional(),
  outcome: z.string().optional(),
});
const fundsTotals = z.object({
  termYuan: z.number(),
  byYear: z.array(
    z.object({ year: z.number().int(), amountYuan: z.number(), targetYuan: z.number().optional() }),
  ),
});

export const commitmentView = z
  .object({
    id: z.string(),
    kind: z.enum(commitmentKinds),
    kindLabel: label,
    revision: z.number().int(),
    status: z.enum(commitmentStatuses),
    statusLabel: label,
    title: z.string(),
    team: z.object({ name: z.string(), department: z.string() }),
    enterprise: z.object({ name: z.string(), creditCode: z.string().optional() }).optional(),
    households: z.array(z.object({ id: z.string(), name: z.string(), visits: z.number().int() })).optional(),
    focusAreas: z.array(z.string()),
    gridId: z.string(),
    units: z.array(z.string()),
    lead: z.string().optional(),
    members: z.array(z.string()),
    holders: z.array(
      z.object({
        role: z.enum(['lead', 'member']),
        person: z.string(),
        from: z.string(),
        to: z.string().optional(),
        reason: z.string().optional(),
      }),
    ),
    startDate: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    termYears: z.number().int(),
    year: z.number().int(),
    letters: z.array(
      z.object({
        year: z.number().int(),
        dueAt: z.string(),
        signed: z.boolean(),
        signedAt: z.string().optional(),
        signedBy: z.string().optional(),
        onTime: z.boolean().optional(),
        targets: z.array(z.string()),
        fundsTargetYuan: z.number().optional(),
      }),
    ),
    visits: z.object({
      total: z.number().int(),
      byYear: z.array(z.object({ year: z.number().int(), count: z.number().int() })),
      last: z
        .object({ at: z.string(), by: z.string(), note: z.string(), household: z.string().optional() })
        .optional(),
    }),
    deeds: z.array(
      z.object({
        id: z.string(),
        year: z.number().int(),
        title: z.string(),
        household: z.string().optional(),
        done: z.boolean(),
        doneAt: z.string().optional(),
        note: z.string().optional(),
      }),
    ),
    problems: z.array(problemSummary),
    funds: fundsTotals.optional(),
    assessments: z.array(
      z.object({
        year: z.number().int(),
        final: z.boolean(),
        computedAt: z.string(),
        score: z.number(),
        rating: z.string(),
        ratingLabel: label,
        figures: z.record(z.string(), z.union([z.number(), z.boolean()])),
        reasons: z.array(z.string()),
        comment: z.object({ by: z.string(), text: z.string(), at: z.string() }).optional(),
      }),
    ),
    obligations: z.array(obligation),
    nextAnniversary: z.string().optional(),
    closedReason: z.string().optional(),
    updatedAt: z.string(),
    actions: z
      .array(z.enum(Object.keys(actionBodies) as [CommitmentAction, ...CommitmentAction[]]))
      .optional()
      .openapi({
        description:
          'the actions of this kind whose endpoints admit the caller’s role; the case may still refuse one in its state',
      }),
  })
  .openapi('Commitment');
export type CommitmentView = z.infer<typeof commitmentView>;

export const commitmentListItem = commitmentView
  .pick({
    id: true,
    kind: true,
    kindLabel: true,
    status: true,
    statusLabel: true,
    title: true,
    team: true,
    enterprise: true,
    lead: true,
    year: true,
    startsAt: true,
    endsAt: true,
    updatedAt: true,
  })
  .extend({
    nextObligationDueAt: z.string().optional(),
    escalated: z.boolean(),
  })
  .openapi('CommitmentListItem');
export type CommitmentListItem = z.infer<typeof commitmentListItem>;

export const commitmentPage = z
  .object({ items: z.array(commitmentListItem), ...pageView })
  .openapi('CommitmentPage');

export const commitmentTimeline = timelineView('CommitmentTimeline');

export const ledgerView = z
  .object({
    id: z.string(),
    currency: z.literal('CNY'),
    entries: z.array(
      z.object({
        id: z.string(),
        date: z.string(),
        year: z.number().int(),
        amountYuan: z.number(),
        source: z.string(),
        note: z.string().optional(),
        recordedBy: z.string(),
      }),
    ),
    totals: fundsTotals,
  })
  .openapi('FundsLedger');
export type LedgerView = z.infer<typeof ledgerView>;

export const problemView = z
  .object({
    id: z.string(),
    commitmentId: z.string(),
    revision: z.number().int(),
    title: z.string(),
    area: z.string(),
    status: z.string(),
    statusLabel: label,
    level: z.string(),
    owner: z.string().openapi({
      description: 'who must act now: the lead at the first level, the unit above it after escalation',
    }),
    lead: z.string(),
    deadline: obligation.omit({ id: true }).optional(),
    notes: z.array(z.object({ at: z.string(), by: z.string(), note: z.string() })),
    outcome: z.string().optional(),
    openedAt: z.string(),
    resolvedAt: z.string().optional(),
    updatedAt: z.string(),
    timeline: z.array(timelineEntry),
  })
  .openapi('CommitmentProblem');
export type ProblemView = z.infer<typeof problemView>;
