import { join } from 'node:path';
import { eventually } from '../support/eventually';
import { useE2eSystem } from '../support/e2eSystem';
import { actors, repoRoot } from '../support/fixtures';

// The default policy (its committee counts working days) with a calendar file that ended in January 2026.
const e2e = useE2eSystem(
  join(repoRoot, 'config', 'policy.default.json'),
  undefined,
  join(repoRoot, 'test', 'e2e', 'calendar.short.json'),
);
const { http } = e2e;

describe('a holiday calendar that ends too early, on the real dev server and FerretDB', () => {
  test('When the calendar does not reach the next 60 days, then /readyz stays ready and names the gap', async () => {
    const ready = await http.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', failing: [] });
    expect(ready.body.warnings).toEqual([
      expect.objectContaining({ id: 'calendar_coverage', coversThrough: '2026-01-31', horizonDays: 60 }),
    ]);
    expect(ready.body.warnings[0].message).toContain('holiday calendar covers only through 2026-01-31');
  });

  test("When the worker has checked the calendar, then the administrators' inbox holds one notice for the day and its log one warning", async () => {
    const inbox = await eventually(async () => {
      const page = await http.get('/notifications?recipient=administrators');
      expect(page.body.items).toHaveLength(1);
      return page.body.items;
    });
    expect(inbox[0]).toMatchObject({
      kind: 'calendar_coverage',
      caseId: 'calendar',
      recipient: 'administrators',
    });
    expect(inbox[0].id).toMatch(/^calendar-coverage:\d{4}-\d{2}-\d{2}$/);
    expect(inbox[0].message).toContain('covers only through 2026-01-31');
    expect(e2e.system.calendarWarnings).toEqual([inbox[0].message]);
  });

  test('When a major request goes to the committee, then its working-day deadline is flagged as counted on weekends only', async () => {
    const filed = await http.post(
      '/requests',
      {
        channel: 'hotline',
        category: 'general',
        urgency: 'normal',
        major: true,
        title: '桥梁裂缝 bridge cracks',
        description: 'Cracks on the Xinhua bridge.',
        requester: { id: 'resident-1', name: '张三' },
        gridId: 'g01',
      },
      actors.resident,
    );
    expect(filed.status).toBe(201);
    const live = await http.get(`/requests/${filed.body.id}`);
    expect(live.body.deadline).toMatchObject({ owner: 'committee-c01', calendarFallback: true });
    expect(live.body.deadline.rule).toContain('weekends only after 2026-01-31');
  });
});
