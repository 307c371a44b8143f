import { z } from 'zod';
import '../openapi';
import { caseIdPattern, caseKinds } from '../../common/caseKinds';

export const caseIdParams = z.object({
  caseId: z
    .string()
    .regex(caseIdPattern, `expected a case id: ${caseKinds.map((k) => `${k.idPrefix}-<id>`).join(', ')}`)
    .openapi({ description: 'the case: its workflow ID', example: 'request-6f1c0d2e' }),
});

/** Exactly one way to name the moment: a time, a revision, or an event of a run. */
export const momentQuery = z
  .object({
    at: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'the state as it stood at this time' }),
    revision: z.coerce
      .number()
      .int()
      .min(0)
      .optional()
      .openapi({ description: 'the state at this revision of the case' }),
    run: z.coerce
      .number()
      .int()
      .min(1)
      .optional()
      .openapi({ description: 'with event: the run (1 is the first)' }),
    event: z.coerce
      .number()
      .int()
      .min(1)
      .optional()
      .openapi({ description: 'with run: the state after this history event of the run' }),
  })
  .strict()
  .refine(
    (q) =>
      [q.at !== undefined, q.revision !== undefined, q.run !== undefined || q.event !== undefined].filter(
        Boolean,
      ).length === 1,
    {
      message: 'give exactly one of at, revision, or run with event',
    },
  )
  .refine((q) => (q.run === undefined) === (q.event === undefined), {
    message: 'run and event go together',
    path: ['event'],
  });
export type MomentQuery = z.infer<typeof momentQuery>;

const caseSummary = {
  caseId: z.string(),
  workflowType: z.string(),
  source: z
    .enum(['temporal', 'archive'])
    .openapi({ description: 'archive once Temporal’s retention has removed the case' }),
  runs: z.number().int(),
  events: z.number().int(),
};

const actorView = z.object({ id: z.string(), role: z.string(), unit: z.string() });

export const auditTimelineView = z
  .object({
    ...caseSummary,
    lines: z.array(
      z.object({
        at: z.string(),
        run: z.number().int(),
        eventId: z.number().int(),
        action: z.string().openapi({
          description: 'opened, continued, closed, terminated… from Temporal; the domain action otherwise',
        }),
        revision: z.number().int().optional(),
        actor: actorView.optional(),
        note: z.string().optional(),
        from: z.string().optional(),
        to: z.string().optional(),
        level: z.string().optional(),
        rule: z
          .string()
          .optional()
          .openapi({ description: 'the policy rule behind a reminder, escalation or deadline' }),
        about: z.string().optional().openapi({ description: 'the sub-case, e.g. a plan’s problem p2' }),
        notices: z
          .array(z.object({ recipient: z.string(), kind: z.string(), message: z.string() }))
          .optional(),
      }),
    ),
  })
  .openapi('AuditTimeline');

export const auditStateView = z
  .object({
    ...caseSummary,
    revision: z.number().int(),
    committedAt: z.string(),
    run: z.number().int(),
    eventId: z.number().int(),
    state: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'the case state as the workflow held it, refolded by replaying its history' }),
  })
  .openapi('AuditState');

export const replayVerdictView = z
  .object({
    ...caseSummary,
    deterministic: z.boolean(),
    failure: z
      .object({
        run: z.number().int(),
        kind: z.enum(['nondeterministic', 'replay_failed']),
        message: z.string(),
      })
      .optional(),
  })
  .openapi('ReplayVerdict');

export const caseArchiveView = z
  .object({
    format: z.string(),
    caseId: z.string(),
    workflowType: z.string(),
    exportedAt: z.string(),
    runs: z.array(z.object({ runId: z.string(), history: z.record(z.string(), z.unknown()) })),
    sha256: z.string().openapi({ description: 'SHA-256 of the canonical JSON of every other field' }),
  })
  .openapi('CaseArchive');
