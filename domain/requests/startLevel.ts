/**
 * Why a request may start above the grid, each naming a ladder level: a place no grid covers (its
 * township's dispatch queue), a category leaf handled above the grid. A request starts at the
 * highest level any of them names (the township's queue wins only above the leaf's level); at the
 * grid (undefined) when none does.
 */
export interface StartLevelCauses {
  unmatchedPlace?: number;
  categoryLeaf?: number;
}

/** The one computation of `RequestSubmission.startLevel`. */
export function startLevelOf(causes: StartLevelCauses): number | undefined {
  const levels = Object.values(causes).filter((level): level is number => level !== undefined);
  return levels.length ? Math.max(...levels) : undefined;
}
