import {
  dueEvents,
  escalate,
  extendDeadline,
  markReminderSent,
  nextDueAt,
  setDeadline,
} from '../../domain/deadlines/deadline';
import { defaultPolicy } from '../support/fixtures';

const policy = defaultPolicy();
const settings = { calendar: policy.calendar, reminderFractions: [0.9, 0.5] };
const start = Date.parse('2026-11-27T00:00:00Z');
const hour = 3_600_000;
const deadline = setDeadline(
  {
    id: 'stage:resolve',
    purpose: 'resolve',
    owner: 'member-1',
    level: 0,
    from: start,
    spec: 'PT10H',
    rule: 'test rule',
  },
  settings,
);

describe('deadlines, reminders and escalation', () => {
  test('When a deadline is set, then reminders fall at the policy fractions in order and the rule is recorded', () => {
    expect(deadline.dueAt).toBe('2026-11-27T10:00:00.000Z');
    expect(deadline.reminders.map((r) => [r.fraction, r.at])).toEqual([
      [0.5, '2026-11-27T05:00:00.000Z'],
      [0.9, '2026-11-27T09:00:00.000Z'],
    ]);
    expect(deadline.rule).toBe('test rule: PT10H');
  });

  test('When time passes, then each reminder and then the breach become due', () => {
    expect(nextDueAt([deadline])).toBe(start + 5 * hour);
    expect(dueEvents([deadline], start + 4 * hour)).toEqual([]);
    expect(dueEvents([deadline], start + 5 * hour)).toEqual([
      { kind: 'reminder', deadlineId: 'stage:resolve', index: 0 },
    ]);
    const afterFirst = markReminderSent(deadline, 0);
    expect(nextDueAt([afterFirst])).toBe(start + 9 * hour);
    expect(dueEvents([afterFirst], start + 10 * hour)).toEqual([
      { kind: 'breach', deadlineId: 'stage:resolve' },
    ]);
  });

  test('When an extension is approved, then the due time moves and reminders ahead are re-armed', () => {
    const sent = markReminderSent(deadline, 0);
    const extended = extendDeadline(sent, 'PT10H', settings, 'extension approved');
    expect(extended.dueAt).toBe('2026-11-27T20:00:00.000Z');
    expect(extended.reminders.map((r) => [r.at, r.sent])).toEqual([
      ['2026-11-27T10:00:00.000Z', false],
      ['2026-11-27T18:00:00.000Z', false],
    ]);
    expect(extended.rule).toContain('extension approved: +PT10H');
  });

  test('When a deadline is breached below the top, then the next level owns it with its own deadline', () => {
    const units = ['grid', 'village', 'township', 'committee'];
    const up = escalate(deadline, policy.ladder, (level) => units[level], start + 10 * hour, settings);
    expect(up).toMatchObject({ toLevel: 1, atTop: false });
    expect(up.deadline).toMatchObject({
      owner: 'village',
      level: 1,
      startsAt: '2026-11-27T10:00:00.000Z',
      dueAt: '2026-11-29T10:00:00.000Z',
    });
    const top = escalate({ ...deadline, level: 3 }, policy.ladder, (level) => units[level], start, settings);
    expect(top).toMatchObject({ toLevel: 3, atTop: true });
    expect(top.deadline.owner).toBe('committee');
  });
});
