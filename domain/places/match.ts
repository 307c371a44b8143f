import { chainUp } from '../access/scope';
import { OrgDirectory } from '../org';
import { buildingNumber, openingBuilding } from './normalise';
import { coversBuilding } from './ranges';
import { Place, PlaceMatch } from './types';

export type PlaceDirectory = Pick<
  OrgDirectory,
  'gridsAtPoint' | 'gridsOfCommunity' | 'communityIn' | 'jurisdictionOf' | 'parentOf' | 'levelOf'
>;

export interface MatchContext {
  /** The ladder level townships sit at: their dispatch queues take what no grid covers (`townshipLevel`) */
  townshipLevel: number;
  /** Who files: the township above their unit takes a place nothing else places */
  filerUnit?: string;
}

/** The township (or street) of a ladder of `levels` rungs: the one below the standing committee. */
export const townshipLevel = (levels: number) => levels - 2;

/** The township a unit at or below it belongs to, or undefined (a unit above townships, or unknown). */
export function townshipOf(org: PlaceDirectory, unit: string, level: number): string | undefined {
  const at = org.levelOf(unit);
  return at === undefined || at > level ? undefined : chainUp(org, unit)[level - at];
}

/**
 * The community and building a place names: as given, or when it gives only the address as said,
 * the longest community the directory knows in that text and the building right after it.
 */
function addressOf(place: Place, org: PlaceDirectory): { community?: string; building?: number } {
  if (place.community !== undefined)
    return {
      community: place.community,
      building: place.building === undefined ? undefined : buildingNumber(place.building),
    };
  const said = place.text === undefined ? undefined : org.communityIn(place.text);
  return said ? { community: said.community, building: openingBuilding(said.after) } : {};
}

/**
 * The grid a place lies in. A point inside a grid's area wins; else the address (named, or read
 * from the text): its community, then the grid whose buildings take the building (a grid claiming
 * the whole community takes any, or none). The township, when named, narrows both. A place no grid (or more than one) covers goes
 * to a township's dispatch queue: the one named, else the community's when its grids all sit in
 * one, else the filer's. Undefined when no township can be told.
 */
export function matchPlace(place: Place, org: PlaceDirectory, ctx: MatchContext): PlaceMatch | undefined {
  const townshipOfGrid = (gridId: string) => org.jurisdictionOf(gridId)?.[ctx.townshipLevel];
  const inTownship = (gridId: string) =>
    place.township === undefined || townshipOfGrid(gridId) === place.township;
  if (place.point) {
    const [gridId] = org.gridsAtPoint(place.point).filter(inTownship);
    if (gridId) return { matchedBy: 'point', gridId };
  }
  const { community, building } = addressOf(place, org);
  const claims = community ? org.gridsOfCommunity(community).filter((claim) => inTownship(claim.gridId)) : [];
  const covering = claims.filter((claim) => coversBuilding(claim.buildings, building));
  if (covering.length === 1) return { matchedBy: 'address', gridId: covering[0].gridId };
  const communityTownships = new Set(claims.map((claim) => townshipOfGrid(claim.gridId)));
  const township =
    place.township ??
    (communityTownships.size === 1 ? [...communityTownships][0] : undefined) ??
    (ctx.filerUnit === undefined ? undefined : townshipOf(org, ctx.filerUnit, ctx.townshipLevel));
  return township === undefined ? undefined : { matchedBy: 'none', township };
}
