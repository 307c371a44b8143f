import { z } from 'zod';
import '../openapi';
import { Counter, counterLabels, counters } from '../../domain/kpi/counts';
import { maxPeriodDays } from '../../domain/kpi/period';
import { rateDefinitions, RateKey, rateKeys, rateLabels } from '../../domain/kpi/rates';
import { ratingLabels } from '../../domain/commitments/state';
import { identifier, label } from '../caseSchemas';
import { maxCategoryLevels } from '../../domain/categories/types';
import { exportQuery } from '../export/download';
import { overdueLineView } from './overdue';

/**
 * One schema per endpoint for ledgers (台账), rankings and commitment figures. A period is a
 * `month`, or `from` and `to`; which of them is missing or wrong is checked in period.ts, which
 * names the field.
 */
const day = z.iso.date('expected a day as YYYY-MM-DD').optional();
export const periodQuery = {
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM')
    .optional()
    .openapi({ description: 'a calendar month (Beijing time); instead of from and to', example: '2026-11' }),
  from: day.openapi({ description: `first day (Beijing), with to; at most ${maxPeriodDays} days` }),
  to: day.openapi({ description: 'last day (Beijing), inclusive' }),
};

export const ledgerParams = z.object({
  unitId: identifier(64, 'a unit id').openapi({
    description: 'any unit of the org tree',
    example: 'village-v01',
  }),
});
export const ledgerQuery = z.object({ ...periodQuery, ...exportQuery }).strict();
/** A unit's ledger also takes the level of the category tree its counts by subject roll up to. */
export const unitLedgerQuery = z
  .object({
    ...periodQuery,
    categoryLevel: z
      .string()
      .regex(
        new RegExp(`^[1-${maxCategoryLevels}]$`),
        `expected a level of the category tree, 1 to ${maxCategoryLevels}`,
      )
      .transform(Number)
      .default(1)
      .openapi({
        description: 'the level of the category tree `bySubject` rolls up to (1 = the roots)',
        example: '2',
      }),
    ...exportQuery,
  })
  .strict();
export const rankingQuery = z
  .object({
    level: identifier(40, 'a ladder level').openapi({
      description: 'a ladder level id of the policy',
      example: 'village',
    }),
    ...periodQuery,
    ...exportQuery,
  })
  .strict();

const periodView = z.object({ from: z.string(), to: z.string() });
const levelView = z.object({
  rung: z.number().int().openapi({ description: 'ladder rung, 0 = grid branch' }),
  id: z.string(),
  label,
});
const unitView = z.object({ id: z.string(), name: label, level: levelView });

const rateView = (key: RateKey) =>
  z
    .object({
      rate: z
        .number()
        .nullable()
        .openapi({ description: 'numerator / denominator; null when the denominator is 0' }),
      numerator: z.number().int().openapi({ description: rateDefinitions[key].numerator }),
      denominator: z.number().int().openapi({ description: rateDefinitions[key].denominator }),
    })
    .openapi({
      description: `${rateLabels[key].zh} ${rateLabels[key].en} = (${rateDefinitions[key].numerator}) / (${rateDefinitions[key].denominator})`,
    });
const ratesView = z.object(
  Object.fromEntries(rateKeys.map((key) => [key, rateView(key)])) as Record<
    RateKey,
    ReturnType<typeof rateView>
  >,
);

const countsView = z
  .object(
    Object.fromEntries(
      counters.map((c) => [
        c,
        z
          .number()
          .int()
          .openapi({ description: `${counterLabels[c].zh} ${counterLabels[c].en}` }),
      ]),
    ) as Record<Counter, z.ZodNumber>,
  )
  .openapi({
    description: 'every counter of the period, summed over its days and over the unit and all below it',
  });

const keyedCount = z.object({
  key: z.string().openapi({ description: 'the status, category or channel as the API names it' }),
  label,
  count: z.number().int(),
});

const scoringView = z.object({
  weights: z.object(
    Object.fromEntries(rateKeys.map((key) => [key, z.number()])) as Record<RateKey, z.ZodNumber>,
  ),
  penaltyPerLapse: z.number(),
});

const score = z.number().nullable().openapi({
  description:
    '综合得分 composite score: 100 × Σ weight × rate / Σ weight over the rates that are not null, minus penaltyPerLapse × lapsed; null when no rate is defined',
});

export const ledgerView = z
  .object({
    unit: unitView,
    period: periodView,
    counts: countsView,
    byLevel: z
      .array(
        levelView.extend({
          rung: z
            .number()
            .int()
            .nullable()
            .openapi({ description: 'ladder rung; null for a level the policy no longer has' }),
          escalatedTo: z.number().int().openapi({ description: 'escalations that went to this level' }),
          resolvedAt: z.number().int().openapi({ description: 'resolutions by this level' }),
        }),
      )
      .openapi({ description: 'one row per rung of the ladder, then any level id the policy no longer has' }),
    byStatus: z.array(keyedCount).openapi({
      description:
        '按状态 requests entering each status in the period: a flow, not a stock (a request counts each time it enters one)',
    }),
    byCategory: z
      .array(keyedCount)
      .openapi({ description: '按类别 filings by the category filed under; they add up to counts.filed' }),
    byChannel: z
      .array(keyedCount)
      .openapi({ description: '按渠道 filings by the channel they came in by; they add up to counts.filed' }),
    bySubject: z
      .object({
        level: z
          .number()
          .int()
          .openapi({ description: 'the level of the tree rolled up to (`categoryLevel`)' }),
        treeVersion: z.string(),
        rows: z.array(
          z.object({
            key: z.string().openapi({
              description:
                'a node code of the tree, an SLA class (requests filed by class alone), or a leaf the tree no longer has',
            }),
            label,
            node: z
              .object({ level: z.number().int(), path: z.array(z.string()) })
              .nullable()
              .openapi({
                description: 'where the node is in the tree; null for an SLA class or a retired leaf',
              }),
            filed: z.number().int(),
            resolved: z.number().int(),
            satisfied: z.number().int().openapi({ description: 'return visits answered satisfied' }),
            unsatisfied: z.number().int().openapi({ description: 'return visits answered unsatisfied' }),
          }),
        ),
      })
      .openapi({
        description:
          '按诉求分类 filings, resolutions and answered return visits by the leaf filed under, rolled up to the nodes of one level of the category tree; each column adds up to its counter',
      }),
    rates: ratesView,
    noFeedback: z.number().int().openapi({
      description:
        '回访无反馈 return visits closed unanswered in the period: in neither term of the satisfaction rate',
    }),
    lapsed: z
      .number()
      .int()
      .openapi({ description: '超期 deadlines (dispatch, accept or resolve) lapsed in the period' }),
    score,
    scoring: scoringView,
    overdue: z
      .object({
        asOf: z
          .string()
          .openapi({ description: 'when the open requests were read: now, whatever the period' }),
        total: z.number().int(),
        items: z.array(overdueLineView).openapi({ description: 'at most 500, by request id' }),
      })
      .openapi({
        description:
          '超期件 open requests of the unit past their stage deadline now (or still in a stage whose deadline lapsed), with who holds each: a snapshot, not a sum over the period',
      }),
    read: z.number().int().openapi({ description: 'aggregate documents summed: what the read cost' }),
  })
  .openapi('Ledger');

export const rankingView = z
  .object({
    level: levelView,
    period: periodView,
    scoring: scoringView,
    units: z.array(
      z.object({
        position: z
          .number()
          .int()
          .nullable()
          .openapi({ description: '1 for the best; null: no score, listed last' }),
        unit: z.object({ id: z.string(), name: label }),
        score,
        rates: ratesView,
        filed: z.number().int(),
        resolved: z.number().int(),
        noFeedback: z.number().int(),
        lapsed: z.number().int(),
      }),
    ),
    read: z.number().int().openapi({ description: 'aggregate documents summed over every unit' }),
  })
  .openapi('Ranking');

const ratingCounts = z.object(
  Object.fromEntries(Object.keys(ratingLabels).map((r) => [r, z.number().int()])) as Record<
    keyof typeof ratingLabels,
    z.ZodNumber
  >,
);

export const commitmentKpisView = z
  .object({
    unit: unitView,
    period: periodView,
    commitments: z.number().int().openapi({
      description: 'commitments of the unit (everything below it included) active at some time in the period',
    }),
    letters: z
      .object({
        due: z.number().int().openapi({
          description:
            'annual responsibility letters due in the period whose due time has passed, or that are signed',
        }),
        signedOnTime: z.number().int().openapi({ description: 'of them, signed at or before the due time' }),
        signedLate: z.number().int().openapi({ description: 'of them, signed after the due time' }),
        unsigned: z.number().int().openapi({ description: 'of them, not signed' }),
        rate: z.number().nullable().openapi({ description: 'signedOnTime / due; null when none was due' }),
      })
      .openapi({ description: '年度帮扶责任书 按时签订 letters signed on time' }),
    visits: z.object({
      kept: z.number().int().openapi({ description: '走访 visits recorded in the period' }),
    }),
    problems: z.object({
      opened: z.number().int().openapi({ description: 'problems (bottlenecks) opened in the period' }),
      solved: z.number().int().openapi({ description: 'problems resolved in the period' }),
    }),
    funds: z
      .object({
        securedYuan: z.number().openapi({ description: 'funding entries dated in the period, in yuan' }),
        targetYuan: z.number().openapi({
          description:
            'the funds targets of the letters for the plan year each commitment is in at the period’s end (or now, if earlier), where one is set',
        }),
        towardTargetYuan: z.number().openapi({
          description: 'funds recorded for those same plan years, dated up to the period’s last day',
        }),
        rate: z
          .number()
          .nullable()
          .openapi({ description: 'towardTargetYuan / targetYuan; null without a target' }),
      })
      .openapi({ description: '帮扶资金 funds secured against target' }),
    assessments: z
      .object({
        count: z.number().int().openapi({ description: 'yearly assessments computed in the period' }),
        byRating: ratingCounts,
        meanScore: z.number().nullable().openapi({ description: 'their mean score (0–100), to 2 decimals' }),
      })
      .openapi({ description: '年度考核 assessment ratings' }),
    read: z
      .number()
      .int()
      .openapi({ description: 'commitment documents read: the unit’s commitments overlapping the period' }),
  })
  .openapi('CommitmentKpis');

export type LedgerQuery = z.output<typeof ledgerQuery>;
export type UnitLedgerQuery = z.output<typeof unitLedgerQuery>;
export type LedgerView = z.infer<typeof ledgerView>;
export type RankingView = z.infer<typeof rankingView>;
export type CommitmentKpisView = z.infer<typeof commitmentKpisView>;
