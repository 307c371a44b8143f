/**
 * Why a request may start above the grid, each naming a ladder level: a place no grid covers (its
 * township's dispatch queue). A request starts at the highest level any of them names; at the
 * grid (undefined) when none does.
 */
export interface StartLevelCauses {
  unmatchedPlace?: number;
}

/** The one computation of `RequestSubmission.startLevel`. */
export function startLevelOf(causes: StartLevelCauses): number | undefined {
  const levels = Object.values(causes).filter((level): level is number => level !== undefined);
  return levels.length ? Math.max(...levels) : undefined;
}
