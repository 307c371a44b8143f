import { chineseNumber } from '../text/chineseNumber';
import { placeCounters, stopWords, synonyms } from './vocabulary';

/** Cuts a text into words: jieba in production (api/duplicates/jieba.ts), injected so the rules run without it. */
export type Segmenter = (text: string) => string[];

/** How much a term tells filings apart (jieba's inverse document frequency in production); 1 for all when not given. */
export type TermRarity = (term: string) => number;

/**
 * A filing's terms and their weights: what its list document keeps while it is open. A map, not
 * pairs: FerretDB 1.x refuses arrays of arrays. Terms hold letters and digits only, so they are
 * valid field names.
 */
export type Terms = Record<string, number>;

/** The title says what the filing is about; the description adds detail and noise. */
export const fieldWeights = { title: 2, description: 1 } as const;

const counters = Object.keys(placeCounters).sort((a, b) => b.length - a.length);
const placeNumber = new RegExp(
  `(\\d{1,5}|[零〇一二两三四五六七八九十]{1,4})\\s*(${counters.join('|')})`,
  'gu',
);

/** A word as a term, or undefined for punctuation, stop words and long digit runs (phone and ID numbers: personal, and no place). */
function termOf(word: string): string | undefined {
  const bare = word.replace(/[^\p{L}\p{N}]/gu, '');
  if (!bare || stopWords.has(bare) || /\d{7,}/.test(bare)) return undefined;
  return synonyms[bare] ?? bare;
}

/** The terms of one field, in order, repeats kept: numbered places first (3号楼 → 3栋), then the other words. */
export function fieldTerms(text: string, segment: Segmenter): string[] {
  const places: string[] = [];
  const rest = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(placeNumber, (_match, number: string, counter: string) => {
      const n = chineseNumber(number);
      if (n === undefined) return _match;
      places.push(`${n}${placeCounters[counter]}`);
      return ' ';
    });
  const words = segment(rest)
    .map(termOf)
    .filter((term): term is string => term !== undefined);
  return [...places, ...words];
}

/**
 * Terms kept per filing: the heaviest. A title and a few lines hold fewer; a 5,000-character
 * description would otherwise weigh on every search of its neighbourhood while it is open.
 */
export const maxTerms = 40;

/** A filing's weighted terms: each occurrence counts its field's weight times the term's rarity; the `maxTerms` heaviest. */
export function filingTerms(
  filing: { title: string; description?: string },
  segment: Segmenter,
  rarity: TermRarity = () => 1,
): Terms {
  const weights = new Map<string, number>();
  for (const field of ['title', 'description'] as const)
    for (const term of fieldTerms(filing[field] ?? '', segment))
      weights.set(term, (weights.get(term) ?? 0) + fieldWeights[field] * rarity(term));
  const heaviest = [...weights].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).slice(0, maxTerms);
  return Object.fromEntries(heaviest.map(([term, weight]) => [term, Math.round(weight * 1000) / 1000]));
}
