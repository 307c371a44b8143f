import { commitmentList } from '../../activities/commitments/projection';
import { Models } from '../../activities/db/models';
import { localMidnight } from '../../domain/commitments/calendar';
import { OrgDirectory } from '../../domain/org';
import { CommitmentKind, Policy } from '../../domain/policy/policy';
import { equal, listFilter, unitScopeOf } from '../paging/listQuery';
import { newestFirst } from '../paging/newestFirst';
import { ListQuery, maxTermYears } from './schema';

/** A list by term start reaches back over the longest term, and a year ahead: a term may be opened before it starts. */
const defaultDays = { back: (maxTermYears + 1) * 366, ahead: 366 };

/** One kind's commitments, latest term start first, within one unit of their jurisdiction or all of them. */
export async function listCommitments(
  models: Pick<Models, 'Commitment' | 'Slice'>,
  org: OrgDirectory,
  policy: Policy,
  kind: CommitmentKind,
  q: ListQuery,
  now = Date.now(),
) {
  const { scope, filter: inUnit } = unitScopeOf(org, q.unit);
  const { enterprise } = q as { enterprise?: string };
  const filter = listFilter(
    { ...q, enterprise },
    {
      status: equal('status'),
      team: equal('team'),
      department: equal('department'),
      holder: equal('holders'),
      // A part of the name: matched within the slices the walk reads, never over the collection.
      enterprise: (part) => ({
        enterprise: { $regex: part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' },
      }),
      // Started by the year's end (the walk's last day, below) and not ended before it began.
      year: (year) => ({ endsAt: { $gt: new Date(localMidnight(`${year}-01-01`, policy)) } }),
      overdue: (overdue) => {
        // Overdue: an obligation is past due now, or it lapsed and was escalated and is still not met.
        const lapsed = [{ nextObligationDueAt: { $lt: new Date(now) } }, { escalated: true }];
        return overdue ? { $or: lapsed } : { $nor: lapsed };
      },
    },
    { kind, ...inUnit },
  );
  const yearEnd = q.year === undefined ? undefined : `${q.year}-12-31`;
  const to = yearEnd !== undefined && (q.to === undefined || q.to > yearEnd) ? yearEnd : q.to;
  return newestFirst(
    {
      model: models.Commitment,
      slices: models.Slice,
      list: commitmentList(kind),
      scope,
      filter,
      time: 'startsAt',
      storedAsDate: true,
      defaultDays,
    },
    { ...q, to },
    now,
  );
}
