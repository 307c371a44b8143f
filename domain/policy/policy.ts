import { z } from 'zod';
import { durationSpecSchema } from './duration';
import { kpiPolicySchema } from '../kpi/settings';

/**
 * The SLA policy: configuration, not code. A policy change applies to deadlines set after it
 * is loaded; a running case keeps the deadlines it was given, because each deadline is stored
 * in the case as a moment, with the rule that produced it.
 */
const label = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
const fraction = z.number().gt(0).lt(1);

export const requestStages = ['dispatch', 'accept', 'resolve', 'returnVisit'] as const;
export type RequestStage = (typeof requestStages)[number];

const stageDeadlines = z
  .object({
    dispatch: durationSpecSchema,
    accept: durationSpecSchema,
    resolve: durationSpecSchema,
    returnVisit: durationSpecSchema,
  })
  .strict();

/** Most rungs a ladder may have (grid branch … province); list read models keep a unit field per rung. */
export const maxLadderLevels = 6;

export const ladderLevelSchema = z
  .object({
    id: z.string().min(1),
    label,
    /** How long this level has to act once a case has been escalated to it. */
    deadline: durationSpecSchema,
  })
  .strict();

/** How one kind of commitment runs: its term, its yearly obligations and how a year is rated. */
export const commitmentPolicySchema = z
  .object({
    label,
    termYears: z.number().int().min(1).max(10),
    /** The annual responsibility letter (年度帮扶责任书) is due this long after each plan year starts. */
    letterDue: durationSpecSchema.optional(),
    /** The follow-up visit rhythm: the next visit is due this long after the last one. */
    visitEvery: durationSpecSchema.optional(),
    /** Concrete deeds expected per year (household pairing). */
    deedsPerYear: z.number().int().min(0).optional(),
    /** How long a problem (bottleneck) has to be solved at the first level. */
    problemResolve: durationSpecSchema,
    /** Minimum scores (0–100) for each rating; below `fair` is `poor`. */
    ratings: z.object({ excellent: z.number(), good: z.number(), fair: z.number() }).strict(),
  })
  .strict();
export type CommitmentPolicy = z.infer<typeof commitmentPolicySchema>;

export const commitmentKinds = ['enterprise', 'pairing', 'pledge'] as const;
export type CommitmentKind = (typeof commitmentKinds)[number];

export const policySchema = z
  .object({
    version: z.string().min(1),
    /**
     * The calendar a case counts working days on. The processes replace it with the calendar file
     * (CALENDAR_FILE, domain/policy/calendarFile.ts); a policy file may leave it out, and the
     * policies running cases carry keep theirs, with or without `coversThrough`.
     */
    calendar: z
      .object({
        utcOffsetMinutes: z.number().int().min(-720).max(840),
        holidays: z.array(z.iso.date()).default([]),
        makeupWorkdays: z.array(z.iso.date()).default([]),
        coversThrough: z.iso.date().optional(),
      })
      .strict()
      .default({ utcOffsetMinutes: 480, holidays: [], makeupWorkdays: [] }),
    reminderFractions: z.array(fraction).max(10),
    categories: z.record(z.string().regex(/^[a-z_]+$/), z.object({ label }).strict()),
    urgencies: z.record(z.string().regex(/^[a-z_]+$/), z.object({ label }).strict()),
    /** First rule whose `when` matches the request wins; a rule without `when` fields matches all. */
    requestDeadlines: z
      .array(
        stageDeadlines.extend({
          when: z.object({ category: z.string().optional(), urgency: z.string().optional() }).strict(),
        }),
      )
      .min(1),
    /** grid branch → village/community → township/street → standing committee, bottom first. */
    ladder: z.array(ladderLevelSchema).min(2).max(maxLadderLevels),
    /** How long a closed request can still be reopened before its case ends. */
    reopenWindow: durationSpecSchema,
    /** Optional so that policies recorded in running request cases before plans existed still parse. */
    commitments: z
      .object({
        enterprise: commitmentPolicySchema,
        pairing: commitmentPolicySchema,
        pledge: commitmentPolicySchema,
      })
      .strict()
      .optional(),
    /** Co-handling units' parts (协办): the deadline a part gets when the dispatcher gives none. Optional, so recorded policies parse. */
    coHandling: z.object({ deadline: durationSpecSchema }).strict().optional(),
    /** The composite score's weights (domain/kpi/settings.ts); optional, like every section added after cases were recorded. */
    kpi: kpiPolicySchema.optional(),
  })
  .strict()
  .superRefine((policy, ctx) => {
    const last = policy.requestDeadlines[policy.requestDeadlines.length - 1];
    if (last.when.category !== undefined || last.when.urgency !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['requestDeadlines'],
        message: 'the last rule must match every request (empty when)',
      });
    }
  });

export type Policy = z.infer<typeof policySchema>;
export type LadderLevel = z.infer<typeof ladderLevelSchema>;

export function parsePolicy(raw: unknown): Policy {
  const parsed = policySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`policy: ${issue.path.join('.') || '(root)'} ${issue.message}`);
}
