import { summaryOf, toRequestDoc } from '../../activities/requests/projection';
import { decide, submitRequest } from '../../domain/requests/transitions';
import { actors, defaultPolicy, submission } from '../support/fixtures';

const policy = defaultPolicy();
const now = Date.parse('2026-11-27T02:00:00Z');
const terms = { '3栋': 23.4, 停水: 22.4 };

describe('the terms on a request’s list document', () => {
  test('When a request is open, then its list document keeps its terms, and its list item does not show them', () => {
    const filed = submitRequest(submission({ terms }), { policy, now }).state;
    const doc = toRequestDoc(filed, filed.timeline);
    expect(doc.terms).toEqual(terms);
    expect(summaryOf(doc)).not.toHaveProperty('terms');
  });

  test('When it becomes final, then its list document drops them with its open units', () => {
    const filed = submitRequest(submission({ terms }), { policy, now }).state;
    const withdrawn = decide(
      filed,
      { type: 'withdraw', actor: actors.secretary, reason: '重复 duplicate' },
      { policy, now: now + 60_000 },
    ).state;
    const doc = toRequestDoc(withdrawn, withdrawn.timeline);
    expect(withdrawn.status).toBe('withdrawn');
    expect(doc).not.toHaveProperty('terms');
    expect(doc).not.toHaveProperty('openUnit1');
  });

  test('When a request was filed before terms were kept, then its list document has none', () => {
    const filed = submitRequest(submission(), { policy, now }).state;
    expect(toRequestDoc(filed, filed.timeline)).not.toHaveProperty('terms');
  });
});
