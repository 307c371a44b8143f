import { emptyCounts } from '../../domain/kpi/counts';
import {
  buildCycleReport,
  cycleDateProblem,
  cyclePeriod,
  cycleUnderWay,
  latestCycleDay,
  nextCycleDay,
  previousCycleDay,
  reportNotices,
} from '../../domain/kpi/report';
import { OpenRequest } from '../../domain/kpi/overdue';
import { RequestStatus } from '../../domain/requests/state';

const asOf = '2026-12-14T00:00:00.000Z';

function open(
  id: string,
  status: RequestStatus,
  dueAt?: string,
  extra: Partial<OpenRequest> = {},
): OpenRequest {
  return {
    lapsedInStage: false,
    ...extra,
    state: {
      status,
      submission: {
        id,
        title: `title ${id}`,
        jurisdiction: ['grid-g01', 'village-v01', 'township-t01', 'committee-c01'],
      } as OpenRequest['state']['submission'],
      deadlines: dueAt
        ? [
            {
              id: `stage:${status}`,
              purpose: status,
              owner: `holder-${id}`,
              level: 0,
              startsAt: '2026-12-01T00:00:00.000Z',
              dueAt,
              rule: 'rule',
              reminders: [],
            },
          ]
        : [],
      ...extra.state,
    },
  };
}

describe('the cycle days and periods', () => {
  test('When a date is a 14th or a 28th, then its period runs from the cycle day before it to the day before it', () => {
    expect(cyclePeriod('2026-12-14', '2026-12-14')).toEqual({ from: '2026-11-28', to: '2026-12-13' });
    expect(cyclePeriod('2026-12-28', '2026-12-28')).toEqual({ from: '2026-12-14', to: '2026-12-27' });
    expect(cyclePeriod('2027-01-14', '2027-01-20')).toEqual({ from: '2026-12-28', to: '2027-01-13' });
  });

  test('When a cycle runs before its day, then it counts up to the day it runs on', () => {
    expect(cyclePeriod('2026-12-14', '2026-11-30')).toEqual({ from: '2026-11-28', to: '2026-11-30' });
  });

  test('When the days around cycle days are asked, then the previous and next cycle days are the 14th and 28th', () => {
    expect(previousCycleDay('2026-03-01')).toBe('2026-02-28');
    expect(previousCycleDay('2026-03-14')).toBe('2026-02-28');
    expect(previousCycleDay('2026-03-15')).toBe('2026-03-14');
    expect(previousCycleDay('2026-03-31')).toBe('2026-03-28');
    expect(nextCycleDay('2026-11-30')).toBe('2026-12-14');
    expect(nextCycleDay('2026-12-29')).toBe('2027-01-14');
    expect(nextCycleDay('2026-12-28')).toBe('2026-12-28');
  });

  test('When a run starts on a day, then it reports that day if it is a cycle day, else the cycle day before', () => {
    expect(latestCycleDay('2026-12-14')).toBe('2026-12-14');
    expect(latestCycleDay('2026-11-30')).toBe('2026-11-28');
  });

  test('When a date is malformed, not a cycle day, or after the cycle under way, then the problem names it', () => {
    expect(cycleDateProblem('2026-12-14', '2026-11-30')).toBeUndefined();
    expect(cycleDateProblem('2026-11-28', '2026-11-30')).toBeUndefined();
    // On a cycle day, today counts in the next cycle.
    expect(cycleUnderWay('2026-12-14')).toBe('2026-12-28');
    expect(cycleDateProblem('2026-12-28', '2026-12-14')).toBeUndefined();
    expect(cycleDateProblem('2026-02-30', '2026-11-30')).toBe('2026-02-30 is not a date YYYY-MM-DD');
    expect(cycleDateProblem('14.12.2026', '2026-11-30')).toBe('14.12.2026 is not a date YYYY-MM-DD');
    expect(cycleDateProblem('2026-12-15', '2026-11-30')).toBe(
      '2026-12-15 is not a cycle day: reports are made on the 14th and the 28th',
    );
    expect(cycleDateProblem('2026-12-28', '2026-11-30')).toBe(
      '2026-12-28 is after the cycle under way, 2026-12-14',
    );
  });
});

describe('one unit’s report', () => {
  const counts = {
    ...emptyCounts(),
    filed: 7,
    escalated: 2,
    resolved: 4,
    satisfied: 3,
    unsatisfied: 1,
    noFeedback: 1,
    publicNotices: 1,
  };
  const report = buildCycleReport({
    date: '2026-12-14',
    unit: 'village-v01',
    level: 1,
    reportsTo: 'township-t01',
    period: { from: '2026-11-28', to: '2026-12-13' },
    asOf,
    counts,
    open: [
      open('r3', 'accepted', '2026-12-20T00:00:00.000Z'),
      open('r1', 'submitted', '2026-12-13T00:00:00.000Z'),
      open('r2', 'in_progress', '2026-12-20T00:00:00.000Z', { lapsedInStage: true }),
      open('r4', 'resolved', '2026-12-01T00:00:00.000Z'),
      open('r5', 'in_progress', undefined, {
        state: {
          committee: {
            meetingId: 'm1',
            decidedAt: '2026-12-01T00:00:00.000Z',
            decision: {
              kind: 'assignLead',
              leadOfficial: 'lead-1',
              leadUnit: 'township-t01',
              deadline: 'P5D',
              supervision: 'key',
            },
            lapses: 2,
            overdueSince: '2026-12-06T00:00:00.000Z',
          },
        } as OpenRequest['state'],
      }),
      open('r6', 'closed'),
    ],
  });

  test('When the ledger and the open requests are given, then the counts are the period’s and the snapshot’s', () => {
    expect(report).toMatchObject({
      filed: 7,
      escalated: 2,
      resolved: 4,
      satisfaction: { satisfied: 3, unsatisfied: 1, noFeedback: 1, rate: 0.75 },
      open: { total: 5, byStatus: { accepted: 1, submitted: 1, in_progress: 2, resolved: 1 } },
    });
  });

  test('When a stage deadline passed or lapsed in the stage, then the request is overdue with its holder; a return visit wait is not', () => {
    expect(report.overdue).toEqual({
      total: 2,
      items: [
        {
          requestId: 'r1',
          title: 'title r1',
          stage: 'dispatch',
          holder: 'holder-r1',
          dueAt: '2026-12-13T00:00:00.000Z',
        },
        {
          requestId: 'r2',
          title: 'title r2',
          stage: 'resolve',
          holder: 'holder-r2',
          dueAt: '2026-12-20T00:00:00.000Z',
        },
      ],
    });
  });

  test('When a committee deadline lapsed, then the request is publicly noted with its lead', () => {
    expect(report.publicNotices).toEqual({
      lapsedAtTop: 1,
      committee: [
        {
          requestId: 'r5',
          title: 'title r5',
          lapses: 2,
          overdueSince: '2026-12-06T00:00:00.000Z',
          leadOfficial: 'lead-1',
          leadUnit: 'township-t01',
        },
      ],
    });
  });

  test('When a report is made, then the unit and the unit above it are told, once each', () => {
    expect(reportNotices(report).map((n) => [n.recipient, n.kind])).toEqual([
      ['village-v01', 'cycle_report'],
      ['township-t01', 'cycle_report'],
    ]);
    expect(reportNotices({ ...report, reportsTo: undefined }).map((n) => n.recipient)).toEqual([
      'village-v01',
    ]);
  });
});
