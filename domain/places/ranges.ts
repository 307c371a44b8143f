/** Buildings of a community a grid covers: `7` or `1-12`, both ends included. */
export const buildingRangePattern = /^(\d{1,5})(?:-(\d{1,5}))?$/;

export interface BuildingRange {
  from: number;
  to: number;
}

/** The range a well-formed entry stands for, or undefined for one that is not (`12-1`, `A`). */
export function parseBuildingRange(entry: string): BuildingRange | undefined {
  const match = buildingRangePattern.exec(entry);
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  return from <= to ? { from, to } : undefined;
}

/** A grid's buildings of a community; undefined stands for the whole community. */
export type Buildings = readonly BuildingRange[] | undefined;

export function coversBuilding(buildings: Buildings, building: number | undefined): boolean {
  if (buildings === undefined) return true;
  return building !== undefined && buildings.some((r) => r.from <= building && building <= r.to);
}

/** Whether two grids' claims on one community share a building (the whole community shares all). */
export function buildingsOverlap(a: Buildings, b: Buildings): boolean {
  if (a === undefined || b === undefined) return true;
  return a.some((x) => b.some((y) => x.from <= y.to && y.from <= x.to));
}
