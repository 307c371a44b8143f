import { z } from 'zod';
import { gridAddressSchema, polygonSchema } from './places/gridPlaces';
import { buildPlaceIndex, PlaceIndex } from './places/placeIndex';
import { Policy } from './policy/policy';

/** The org directory: which units sit above each grid, one per rung of the ladder. */
export const orgSchema = z
  .object({
    units: z
      .array(
        z
          .object({
            id: z.string().min(1),
            level: z.string().min(1),
            parent: z.string().optional(),
            grid: z.string().optional(),
            name: z.object({ zh: z.string(), en: z.string() }),
            /** Grid units only: the addresses and the area the grid covers (domain/places/) */
            addresses: z.array(gridAddressSchema).optional(),
            area: polygonSchema.optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type Org = z.infer<typeof orgSchema>;

export interface OrgDirectory extends PlaceIndex {
  /** Unit ids from the grid branch up to the standing committee, or undefined for an unknown grid. */
  jurisdictionOf(gridId: string): string[] | undefined;
  unitIds(): string[];
  /** The ladder level (0 = grid branch) a unit sits at, or undefined for an unknown unit. */
  levelOf(unitId: string): number | undefined;
  /** The unit a unit reports to, or undefined at the top (and for an unknown unit). */
  parentOf(unitId: string): string | undefined;
  /** The units at a ladder level, by id. */
  unitsAt(level: number): string[];
  /** The unit's name as ledgers and exports show it, or undefined for an unknown unit. */
  nameOf(unitId: string): { zh: string; en: string } | undefined;
}

export function buildOrgDirectory(raw: unknown, policy: Policy): OrgDirectory {
  const org = orgSchema.parse(raw);
  const byId = new Map(org.units.map((unit) => [unit.id, unit]));
  const ladder = policy.ladder.map((level) => level.id);
  const chains = new Map<string, string[]>();
  for (const unit of org.units.filter((u) => u.grid)) {
    const chain: string[] = [];
    for (
      let current: typeof unit | undefined = unit;
      current;
      current = current.parent ? byId.get(current.parent) : undefined
    ) {
      chain.push(current.id);
      if (chain.length > ladder.length) break;
    }
    const levels = chain.map((id) => byId.get(id)?.level);
    if (levels.join('>') !== ladder.join('>')) {
      throw new Error(
        `org: grid ${unit.grid} climbs ${levels.join(' > ')}, the ladder is ${ladder.join(' > ')}`,
      );
    }
    chains.set(unit.grid!, chain);
  }
  const places = buildPlaceIndex(
    org.units
      .filter((unit) => unit.grid)
      .map(({ grid, addresses, area }) => ({ gridId: grid!, addresses, area })),
  );
  return {
    ...places,
    jurisdictionOf: (gridId) => chains.get(gridId),
    unitIds: () => [...byId.keys()],
    levelOf: (unitId) => {
      const level = byId.get(unitId)?.level;
      return level === undefined ? undefined : ladder.indexOf(level);
    },
    parentOf: (unitId) => byId.get(unitId)?.parent,
    unitsAt: (level) =>
      org.units
        .filter((unit) => unit.level === ladder[level])
        .map((unit) => unit.id)
        .sort(),
    nameOf: (unitId) => byId.get(unitId)?.name,
  };
}
