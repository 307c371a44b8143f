import { finalStatuses, RequestStatus } from '../requests/state';
import { similarity } from './similarity';
import { Terms } from './terms';

/** What makes a stored request a candidate (config/env.ts: DUPLICATE_*). */
export interface DuplicateSettings {
  /** Candidates were filed at most this many days before (or after) the filing. */
  windowDays: number;
  /** Candidates score at least this. */
  minScore: number;
  /** At most this many are shown. */
  maxCandidates: number;
}

export const defaultDuplicateSettings: DuplicateSettings = {
  windowDays: 14,
  minScore: 0.35,
  maxCandidates: 10,
};

/** A filing being looked at: a new one (no id, filed now) or a stored one (its id and filing time). */
export interface Probe {
  id?: string;
  /** Its grid's units bottom-up (grid, village/community, …), as the org directory gives them. */
  jurisdiction: readonly string[];
  at: string;
  terms: Terms;
}

/** A stored request as the candidate search reads it from its list document. */
export interface StoredFiling {
  id: string;
  status: RequestStatus;
  units: readonly string[];
  submittedAt: string;
  terms: Terms;
}

/** The ladder level whose unit holds a filing's neighbours: its village or community, or its grid when it has none. */
export function neighbourhoodLevel(jurisdiction: readonly string[]): number {
  return jurisdiction.length > 1 ? 1 : 0;
}

/** Same grid, or another grid of the same village or community. */
function nearby(probe: readonly string[], stored: readonly string[]): 'sameGrid' | 'nearby' | undefined {
  if (stored[0] === probe[0]) return 'sameGrid';
  const level = neighbourhoodLevel(probe);
  return level > 0 && stored[level] === probe[level] ? 'nearby' : undefined;
}

export type Candidate<F extends StoredFiling> = F & { score: number; sameGrid: boolean };

/**
 * The stored requests a filing may duplicate, best first: open, in its grid or a neighbouring one,
 * filed within the window around it, scoring at least the threshold. Ties go to the same grid,
 * then the newest. All of them: `atMostVisible` takes the first the caller may see.
 */
export function rankDuplicates<F extends StoredFiling>(
  probe: Probe,
  stored: readonly F[],
  settings: DuplicateSettings,
): Candidate<F>[] {
  const at = Date.parse(probe.at);
  const window = settings.windowDays * 86_400_000;
  return stored
    .flatMap((filing) => {
      const where = nearby(probe.jurisdiction, filing.units);
      if (filing.id === probe.id || !where || finalStatuses.includes(filing.status)) return [];
      if (Math.abs(Date.parse(filing.submittedAt) - at) > window) return [];
      const score = similarity(probe.terms, filing.terms);
      return score >= settings.minScore ? [{ ...filing, score, sameGrid: where === 'sameGrid' }] : [];
    })
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.sameGrid) - Number(a.sameGrid) ||
        b.submittedAt.localeCompare(a.submittedAt),
    );
}

/** The first `max` of the ranked candidates the caller may see, asking in rank order and no further than needed. */
export async function atMostVisible<C>(
  ranked: readonly C[],
  visible: (candidate: C) => boolean | Promise<boolean>,
  max: number,
): Promise<C[]> {
  const shown: C[] = [];
  for (const candidate of ranked) {
    if (shown.length >= max) break;
    if (await visible(candidate)) shown.push(candidate);
  }
  return shown;
}
