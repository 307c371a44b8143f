import { maxPeriodDays, monthPeriod, Period, periodDays } from '../../domain/kpi/period';
import { invalidField } from '../errors';

/** The period a ledger, ranking or commitment query names: a `month`, or `from` and `to`; each mistake names its field. */
export function periodOf(q: { month?: string; from?: string; to?: string }): Period {
  if (q.month !== undefined) {
    if (q.from !== undefined || q.to !== undefined)
      throw invalidField('query.month', 'give month, or from and to, not both');
    return monthPeriod(q.month);
  }
  if (q.from === undefined && q.to === undefined)
    throw invalidField('query.month', 'give month=YYYY-MM, or from and to (YYYY-MM-DD)');
  if (q.from === undefined) throw invalidField('query.from', 'required with to');
  if (q.to === undefined) throw invalidField('query.to', 'required with from');
  const period = { from: q.from, to: q.to };
  if (period.to < period.from) throw invalidField('query.to', `${q.to} is before from (${q.from})`);
  if (periodDays(period) > maxPeriodDays)
    throw invalidField(
      'query.to',
      `a period holds at most ${maxPeriodDays} days; this one ${periodDays(period)}`,
    );
  return period;
}

/** How a period is named in titles and file names: `2026年11月` for a whole month, else its days. */
export function periodTitle(period: Period): string {
  const month = period.from.slice(0, 7);
  const whole = monthPeriod(month);
  if (whole.from === period.from && whole.to === period.to)
    return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
  return `${period.from}至${period.to}`;
}
