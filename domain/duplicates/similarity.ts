import { Terms } from './terms';

/**
 * How alike two filings' terms are, in [0, 1]: the cosine of their weight vectors. Length-blind
 * (a one-line title matches the long description of the same leak) and driven by the heavy terms
 * both share, which rarity weighting makes the telling ones (停水, 3栋) rather than 小区 or 楼.
 * Both lists are sorted by term (filingTerms), so one merge pass does it.
 */
export function similarity(a: Terms, b: Terms): number {
  let dot = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i][0] === b[j][0]) dot += a[i++][1] * b[j++][1];
    else if (a[i][0] < b[j][0]) i++;
    else j++;
  }
  const norm = (terms: Terms) => Math.sqrt(terms.reduce((sum, [, w]) => sum + w * w, 0));
  const norms = norm(a) * norm(b);
  return norms === 0 ? 0 : Math.min(1, Math.round((dot / norms) * 1000) / 1000);
}
