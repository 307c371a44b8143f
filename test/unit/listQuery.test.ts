import { alsoMatching, equal, listFilter, unitScopeOf } from '../../api/paging/listQuery';
import { listQueryFor } from '../../api/commitments/schema';
import { listRequestsQuery } from '../../api/requests/schema';
import { buildOrgDirectory } from '../../domain/org';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPolicy, repoRoot } from '../support/fixtures';

const org = buildOrgDirectory(
  JSON.parse(readFileSync(join(repoRoot, 'config', 'org.default.json'), 'utf8')),
  defaultPolicy(),
);

describe('one list-query builder for every list', () => {
  test('When params are given, then each adds its condition on top of the scope, and absent ones add nothing', () => {
    const filter = listFilter(
      { status: 'active', team: undefined, overdue: true },
      {
        status: equal('status'),
        team: equal('team'),
        overdue: (overdue) => (overdue ? { $or: [{ escalated: true }] } : { $nor: [{ escalated: true }] }),
      },
      { kind: 'enterprise' },
    );
    expect(filter).toEqual({ kind: 'enterprise', status: 'active', $or: [{ escalated: true }] });
  });

  test('When a cursor’s $or meets a filter’s own $or, then both are kept under $and', () => {
    const cursor = { $or: [{ startsAt: { $lt: 't' } }, { startsAt: 't', _id: { $lt: 'x' } }] };
    expect(alsoMatching({ kind: 'pledge', $or: [{ escalated: true }] }, cursor)).toEqual({
      kind: 'pledge',
      $and: [{ $or: [{ escalated: true }] }, cursor],
    });
    expect(alsoMatching({ kind: 'pledge' }, cursor)).toEqual({ kind: 'pledge', ...cursor });
  });

  test('When a list names a unit, then it reads that unit’s scope by its ladder level, and an unknown unit is a 400 naming it', () => {
    expect(unitScopeOf(org, undefined)).toEqual({ scope: '*', filter: {} });
    expect(unitScopeOf(org, 'village-v01')).toEqual({
      scope: 'unit1=village-v01',
      filter: { unit1: 'village-v01' },
    });
    expect(() => unitScopeOf(org, 'nowhere')).toThrow(
      expect.objectContaining({
        status: 400,
        errors: [{ field: 'query.unit', message: 'unknown unit nowhere' }],
      }),
    );
  });

  test('When a client still sends a page number, then requests and commitments both refuse it naming `cursor`', () => {
    for (const schema of [listRequestsQuery, listQueryFor('pairing')]) {
      const parsed = schema.safeParse({ page: '2' });
      expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
        ['page', 'lists have no page numbers: pass the previous page’s `next` as `cursor`'],
      ]);
    }
  });
});
