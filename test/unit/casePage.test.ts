import { casePage } from '../../console/src/components/caseLink';

describe("a notice's case, as a console page", () => {
  test.each([
    ['request-3f0c1a', '/requests/3f0c1a'],
    ['plan-p-2026-7', '/commitments/plans/p-2026-7'],
    ['pairing-h12', '/commitments/pairings/h12'],
    ['pledge-m3', '/commitments/pledges/m3'],
    ['committee-c01', '/committee'],
  ])('When a notice names %s, then it links to %s', (caseId, page) => {
    expect(casePage(caseId)).toBe(page);
  });

  test('When a workflow ID names no kind of case, then there is no page', () => {
    expect(casePage('report-cycle-2026-12-14')).toBeUndefined();
    expect(casePage('request-')).toBeUndefined();
  });
});
