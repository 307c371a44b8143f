import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { GridAddress, GridArea } from './gridPlaces';
import { normaliseCommunity } from './normalise';
import { BuildingRange, Buildings, parseBuildingRange } from './ranges';

/** What one grid covers, as the directory holds it. */
export interface GridPlaces {
  gridId: string;
  addresses?: readonly GridAddress[];
  area?: GridArea;
}

/** A grid's claim on a community: its buildings, or undefined for all of it. */
export interface CommunityGrid {
  gridId: string;
  buildings: Buildings;
}

/** The directory's places, indexed once when it is built so that a filing reads a few entries, not every grid. */
export interface PlaceIndex {
  /** The grids naming a community (any spelling `normaliseCommunity` brings to the same form). */
  gridsOfCommunity(community: string): readonly CommunityGrid[];
  /** The grids whose area holds the point (boundary included), by id. */
  gridsAtPoint(point: { lng: number; lat: number }): string[];
  /**
   * The longest community name the text holds, with what follows it (幸福小区3号楼2单元 → 幸福小区,
   * 3号楼2单元): a place given only as said, an Open311 `address_string`. Undefined when it names none.
   */
  communityIn(text: string): { community: string; after: string } | undefined;
}

/** Areas are bucketed by cells of this many degrees (about 1 km): a point reads its cell's areas only. */
const cellDegrees = 0.01;
/** An area spanning more cells than this is tested for every point instead (an odd, county-wide one). */
const maxCellsPerArea = 10_000;

const cellOf = (degrees: number) => Math.floor(degrees / cellDegrees);
const cellKey = (x: number, y: number) => `${x}|${y}`;

export function buildPlaceIndex(grids: readonly GridPlaces[]): PlaceIndex {
  const communities = new Map<string, CommunityGrid[]>();
  const cells = new Map<string, string[]>();
  const wide: string[] = [];
  const areas = new Map<string, GridArea>();
  for (const grid of grids) {
    for (const address of grid.addresses ?? []) {
      const key = normaliseCommunity(address.community);
      const buildings = address.buildings?.map((entry) => parseBuildingRange(entry) as BuildingRange);
      communities.set(key, [...(communities.get(key) ?? []), { gridId: grid.gridId, buildings }]);
    }
    if (grid.area) {
      areas.set(grid.gridId, grid.area);
      const outer = grid.area.coordinates[0];
      const [x0, x1] = [
        Math.min(...outer.map((p) => cellOf(p[0]))),
        Math.max(...outer.map((p) => cellOf(p[0]))),
      ];
      const [y0, y1] = [
        Math.min(...outer.map((p) => cellOf(p[1]))),
        Math.max(...outer.map((p) => cellOf(p[1]))),
      ];
      if ((x1 - x0 + 1) * (y1 - y0 + 1) > maxCellsPerArea) {
        wide.push(grid.gridId);
        continue;
      }
      for (let x = x0; x <= x1; x++)
        for (let y = y0; y <= y1; y++) {
          const key = cellKey(x, y);
          cells.set(key, [...(cells.get(key) ?? []), grid.gridId]);
        }
    }
  }
  // Names by their first two characters: reading a text looks up each position, not every community.
  const byOpening = new Map<string, string[]>();
  for (const name of communities.keys()) {
    const opening = name.slice(0, 2);
    byOpening.set(
      opening,
      [...(byOpening.get(opening) ?? []), name].sort((a, b) => b.length - a.length),
    );
  }
  const communityIn = (text: string) => {
    const said = normaliseCommunity(text);
    let found: { community: string; after: string } | undefined;
    for (let at = 0; at < said.length - 1; at++) {
      const name = byOpening.get(said.slice(at, at + 2))?.find((n) => said.startsWith(n, at));
      if (name && name.length > (found?.community.length ?? 0))
        found = { community: name, after: said.slice(at + name.length) };
    }
    return found;
  };
  return {
    communityIn,
    gridsOfCommunity: (community) => communities.get(normaliseCommunity(community)) ?? [],
    gridsAtPoint: ({ lng, lat }) =>
      [...(cells.get(cellKey(cellOf(lng), cellOf(lat))) ?? []), ...wide]
        .filter((gridId) => booleanPointInPolygon([lng, lat], areas.get(gridId)!))
        .sort(),
  };
}
