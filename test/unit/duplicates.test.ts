import {
  atMostVisible,
  defaultDuplicateSettings,
  Probe,
  rankDuplicates,
  StoredFiling,
} from '../../domain/duplicates/candidates';
import { similarity } from '../../domain/duplicates/similarity';
import { chineseNumber } from '../../domain/text/chineseNumber';
import { fieldTerms, filingTerms, maxTerms, Segmenter, Terms } from '../../domain/duplicates/terms';

/** Words pre-cut by spaces, as a segmenter would cut them: the rules run without jieba. */
const bySpaces: Segmenter = (text) => text.split(/\s+/);

describe('the terms of a filing', () => {
  test('When a text holds punctuation, stop words and a phone number, then only the telling words are terms', () => {
    expect(fieldTerms('我 反映 ， 幸福 小区 停水 了 ！ 电话 13812345678', bySpaces)).toEqual([
      '幸福',
      '小区',
      '停水',
      '电话',
    ]);
  });

  test('When a building, unit or floor is numbered in digits or in Chinese, then it is one term per place', () => {
    expect(fieldTerms('幸福小区3号楼', bySpaces)).toEqual(['3栋', '幸福小区']);
    expect(fieldTerms('幸福小区 三号楼 二单元 五零一室', bySpaces)).toEqual([
      '3栋',
      '2单元',
      '501室',
      '幸福小区',
    ]);
    expect(fieldTerms('３栋 十二楼', bySpaces)).toEqual(['3栋', '12层']);
    expect(fieldTerms('住 在 7 幢', bySpaces)).toEqual(['7栋', '住']);
  });

  test('When residents use another word for the same thing, then the term is the same', () => {
    expect(fieldTerms('噪音 断水 没电 渗水', bySpaces)).toEqual(['噪声', '停水', '停电', '漏水']);
  });

  test('When Chinese numerals are read, then tens and digit strings both come out as numbers', () => {
    expect([
      chineseNumber('三'),
      chineseNumber('十'),
      chineseNumber('十二'),
      chineseNumber('二十三'),
    ]).toEqual([3, 10, 12, 23]);
    expect([chineseNumber('五零一'), chineseNumber('12'), chineseNumber('三百')]).toEqual([
      501,
      12,
      undefined,
    ]);
  });

  test('When a filing is weighed, then a title word counts twice a description word, times its rarity', () => {
    const rarity = (term: string) => (term === '停水' ? 3 : 1);
    expect(filingTerms({ title: '停水 小区', description: '小区 停水 停水' }, bySpaces, rarity)).toEqual({
      停水: 12,
      小区: 3,
    });
    expect(filingTerms({ title: '停水' }, bySpaces)).toEqual({ 停水: 2 });
  });

  test('When a description holds more words than are kept, then the heaviest are kept, title words first', () => {
    const description = Array.from({ length: maxTerms + 10 }, (_, i) => `词${i}`).join(' ');
    const terms = filingTerms({ title: '停水', description }, bySpaces);
    expect(Object.keys(terms)).toHaveLength(maxTerms);
    expect(terms.停水).toBe(2);
  });
});

describe('the similarity of two filings', () => {
  const a: Terms = { 停水: 2, 小区: 1 };
  test('When two filings have the same terms, then they score 1; none in common, 0; empty, 0', () => {
    expect(similarity(a, a)).toBe(1);
    expect(similarity(a, { 噪声: 5 })).toBe(0);
    expect(similarity(a, {})).toBe(0);
  });

  test('When they share some terms, then the score is the cosine of their weights, whatever their lengths', () => {
    expect(similarity(a, { 停水: 1 })).toBe(0.894);
    expect(similarity(a, { 停水: 4, 小区: 2 })).toBe(1);
  });
});

describe('the candidate rule', () => {
  const terms: Terms = { '3栋': 2, 停水: 2, 幸福: 1 };
  const grid = ['grid-g01', 'village-v01', 'township-t01', 'committee-c01'];
  const neighbour = ['grid-g02', 'village-v01', 'township-t01', 'committee-c01'];
  const elsewhere = ['grid-g03', 'village-v02', 'township-t01', 'committee-c01'];
  const probe: Probe = { jurisdiction: grid, at: '2026-11-28T08:00:00Z', terms };
  const stored = (id: string, overrides: Partial<StoredFiling> = {}): StoredFiling => ({
    id,
    status: 'submitted',
    units: grid,
    submittedAt: '2026-11-27T08:00:00Z',
    terms,
    ...overrides,
  });
  const ids = (filings: readonly StoredFiling[], settings = defaultDuplicateSettings) =>
    rankDuplicates(probe, filings, settings).map((c) => c.id);

  test('When a similar open request is in the grid or a neighbouring grid of its village, then it is a candidate; elsewhere, not', () => {
    const ranked = rankDuplicates(
      probe,
      [stored('same'), stored('near', { units: neighbour }), stored('far', { units: elsewhere })],
      defaultDuplicateSettings,
    );
    expect(ranked.map(({ id, score, sameGrid }) => ({ id, score, sameGrid }))).toEqual([
      { id: 'same', score: 1, sameGrid: true },
      { id: 'near', score: 1, sameGrid: false },
    ]);
  });

  test('When a request is final, then it is no candidate, whichever final status', () => {
    expect(
      ids([
        stored('closed', { status: 'closed' }),
        stored('merged', { status: 'merged' }),
        stored('withdrawn', { status: 'withdrawn' }),
        stored('rejected', { status: 'rejected' }),
        stored('resolved', { status: 'resolved' }),
      ]),
    ).toEqual(['resolved']);
  });

  test('When a request was filed outside the window, then it is no candidate; at its edge, it is', () => {
    const filings = [
      stored('edge', { submittedAt: '2026-11-14T08:00:00Z' }),
      stored('old', { submittedAt: '2026-11-14T07:59:59Z' }),
    ];
    expect(ids(filings)).toEqual(['edge']);
    expect(ids(filings, { ...defaultDuplicateSettings, windowDays: 30 })).toEqual(['edge', 'old']);
  });

  test('When scores differ, then the best come first, the threshold cuts, and the probe itself is left out', () => {
    const filings = [
      stored('weak', { terms: { 幸福: 1 } }),
      stored('partial', { terms: { 停水: 1 } }),
      stored('exact'),
      stored('itself'),
    ];
    expect(
      rankDuplicates({ ...probe, id: 'itself' }, filings, defaultDuplicateSettings).map((c) => [
        c.id,
        c.score,
      ]),
    ).toEqual([
      ['exact', 1],
      ['partial', 0.667],
    ]);
    expect(ids(filings, { ...defaultDuplicateSettings, minScore: 0 })).toEqual([
      'exact',
      'itself',
      'partial',
      'weak',
    ]);
  });

  test('When two score alike, then the same grid goes first, then the newest', () => {
    expect(
      ids([
        stored('near', { units: neighbour, submittedAt: '2026-11-28T07:00:00Z' }),
        stored('older'),
        stored('newer', { submittedAt: '2026-11-27T09:00:00Z' }),
      ]),
    ).toEqual(['newer', 'older', 'near']);
  });

  test('When only some candidates are visible, then the first visible ones are shown, at most N, asking no further', async () => {
    const asked: number[] = [];
    const shown = await atMostVisible(
      [1, 2, 3, 4, 5, 6],
      async (n) => {
        asked.push(n);
        return n % 2 === 0;
      },
      2,
    );
    expect(shown).toEqual([2, 4]);
    expect(asked).toEqual([1, 2, 3, 4]);
  });
});
