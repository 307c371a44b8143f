import { z } from 'zod';
import { durationSpecSchema } from './duration';

/**
 * The SLA policy: configuration, not code. A policy change applies to deadlines set after it
 * is loaded; a running case keeps the deadlines it was given, because each deadline is stored
 * in the case as a moment, with the rule that produced it.
 */
const label = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
const fraction = z.number().gt(0).lt(1);

export const requestStages = ['dispatch', 'accept', 'resolve', 'returnVisit'] as const;
export type RequestStage = (typeof requestStages)[number];

const stageDeadlines = z.object({
  dispatch: durationSpecSchema,
  accept: durationSpecSchema,
  resolve: durationSpecSchema,
  returnVisit: durationSpecSchema,
}).strict();

export const ladderLevelSchema = z.object({
  id: z.string().min(1),
  label,
  /** How long this level has to act once a case has been escalated to it. */
  deadline: durationSpecSchema,
}).strict();

export const policySchema = z.object({
  version: z.string().min(1),
  calendar: z.object({
    utcOffsetMinutes: z.number().int().min(-720).max(840),
    holidays: z.array(z.iso.date()),
    makeupWorkdays: z.array(z.iso.date()),
  }).strict(),
  reminderFractions: z.array(fraction).max(10),
  categories: z.record(z.string().regex(/^[a-z_]+$/), z.object({ label }).strict()),
  urgencies: z.record(z.string().regex(/^[a-z_]+$/), z.object({ label }).strict()),
  /** First rule whose `when` matches the request wins; a rule without `when` fields matches all. */
  requestDeadlines: z.array(stageDeadlines.extend({
    when: z.object({ category: z.string().optional(), urgency: z.string().optional() }).strict(),
  })).min(1),
  /** grid branch → village/community → township/street → standing committee, bottom first. */
  ladder: z.array(ladderLevelSchema).min(2),
  /** How long a closed request can still be reopened before its case ends. */
  reopenWindow: durationSpecSchema,
}).strict().superRefine((policy, ctx) => {
  const last = policy.requestDeadlines[policy.requestDeadlines.length - 1];
  if (last.when.category !== undefined || last.when.urgency !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['requestDeadlines'], message: 'the last rule must match every request (empty when)' });
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
