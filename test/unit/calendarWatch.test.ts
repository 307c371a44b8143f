import { KeyedNotice } from '../../common/notifications';
import { createLogger } from '../../common/log';
import { calendarWatch } from '../../worker/calendarWatch';

const calendar = { utcOffsetMinutes: 480, holidays: [], makeupWorkdays: [], coversThrough: '2026-12-31' };

function watched(times: string[], failDeliveries = 0) {
  const lines: { level: number; msg: string }[] = [];
  const log = createLogger({
    level: 'warn',
    destination: { write: (line: string) => lines.push(JSON.parse(line)) },
  });
  const delivered: KeyedNotice[] = [];
  let failures = failDeliveries;
  let clock = 0;
  const check = calendarWatch({
    calendar,
    log,
    now: () => Date.parse(times[clock]),
    deliverInbox: async (notices) => {
      if (failures-- > 0) throw new Error('store down');
      delivered.push(...notices);
    },
  });
  return {
    lines,
    delivered,
    async run() {
      for (clock = 0; clock < times.length; clock += 1) await check();
    },
  };
}

describe("the worker's daily word on the holiday calendar", () => {
  test('When the calendar falls short on two days, then each day has one warning line and one administrators notice', async () => {
    const w = watched([
      '2026-11-30T09:00:00+08:00',
      '2026-11-30T10:00:00+08:00',
      '2026-12-01T00:30:00+08:00',
    ]);
    await w.run();
    expect(w.delivered.map((n) => [n.key, n.recipient, n.kind, n.createdAt])).toEqual([
      ['calendar-coverage:2026-11-30', 'administrators', 'calendar_coverage', '2026-11-30T01:00:00.000Z'],
      ['calendar-coverage:2026-12-01', 'administrators', 'calendar_coverage', '2026-11-30T16:30:00.000Z'],
    ]);
    expect(w.delivered[0].message).toContain(
      'covers only through 2026-12-31, not the next 60 days (through 2027-01-29)',
    );
    expect(w.lines.map((l) => l.msg)).toEqual([w.delivered[0].message, w.delivered[1].message]);
  });

  test('When the notice cannot be delivered, then the next check delivers it, and the warning is not repeated', async () => {
    const w = watched(['2026-11-30T09:00:00+08:00', '2026-11-30T10:00:00+08:00'], 1);
    await w.run();
    expect(w.delivered.map((n) => n.key)).toEqual(['calendar-coverage:2026-11-30']);
    expect(w.lines.map((l) => l.msg)).toEqual([
      w.delivered[0].message,
      'calendar coverage notice not delivered; trying again within the hour',
    ]);
  });

  test('When the calendar reaches 60 days ahead, then nothing is said', async () => {
    const w = watched(['2026-10-01T09:00:00+08:00']);
    await w.run();
    expect(w.delivered).toEqual([]);
    expect(w.lines).toEqual([]);
  });
});
