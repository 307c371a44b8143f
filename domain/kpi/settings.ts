import { z } from 'zod';

const weight = z.number().min(0).max(1);

/**
 * How the composite score weighs the three rates (三率) and the share resolved at grid level, and
 * how many points each lapsed deadline costs (扣分, as county assessments deduct per overdue item).
 * The weights must sum to 1, so a score stays on the rates' 0–100 scale before any deduction.
 */
export const kpiPolicySchema = z
  .object({
    weights: z
      .object({ response: weight, resolution: weight, satisfaction: weight, gridShare: weight })
      .strict()
      .refine((w) => Math.abs(w.response + w.resolution + w.satisfaction + w.gridShare - 1) < 1e-9, {
        message: 'the weights must sum to 1',
      }),
    /** Points off the score for each deadline that lapsed in the period (dispatch, accept or resolve). */
    penaltyPerLapse: z.number().min(0).max(100).default(0),
  })
  .strict();
export type KpiSettings = z.infer<typeof kpiPolicySchema>;

/**
 * For a policy file without a `kpi` section; the same as config/policy.default.json. Resolution and
 * satisfaction weigh most because they are what residents feel; response is a precondition; the
 * grid share rewards solving things where they arise. Half a point per lapse makes a unit's lapses
 * tell against it even when its rates are high, without outweighing them.
 */
export const defaultKpiSettings: KpiSettings = {
  weights: { response: 0.2, resolution: 0.35, satisfaction: 0.35, gridShare: 0.1 },
  penaltyPerLapse: 0.5,
};

export function kpiSettings(policy: { kpi?: KpiSettings }): KpiSettings {
  return policy.kpi ?? defaultKpiSettings;
}
