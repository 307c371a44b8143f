import { Terms } from './terms';

/**
 * How alike two filings' terms are, in [0, 1]: the cosine of their weight vectors. Length-blind
 * (a one-line title matches the long description of the same leak) and driven by the heavy terms
 * both share, which rarity weighting makes the telling ones (停水, 3栋) rather than 小区 or 楼.
 */
export function similarity(a: Terms, b: Terms): number {
  let dot = 0;
  for (const [term, weight] of Object.entries(a)) dot += weight * (b[term] ?? 0);
  const norm = (terms: Terms) => Math.sqrt(Object.values(terms).reduce((sum, w) => sum + w * w, 0));
  const norms = norm(a) * norm(b);
  return norms === 0 ? 0 : Math.min(1, Math.round((dot / norms) * 1000) / 1000);
}
