import { townshipLevel } from '../domain/places/match';
import { normaliseCommunity } from '../domain/places/normalise';
import { buildingsOverlap, parseBuildingRange } from '../domain/places/ranges';
import { Policy } from '../domain/policy/policy';
import { Assignment, OrgUnitDoc } from './models';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * A unit fits the tree when its level is a rung of the ladder, its parent exists one rung up (none
 * at the top), and a grid unit, alone, names a grid no other unit names. `units` holds the others.
 */
export function unitProblems(
  unit: OrgUnitDoc,
  units: Map<string, OrgUnitDoc>,
  policy: Policy,
): FieldProblem[] {
  const ladder = policy.ladder.map((level) => level.id);
  const rung = ladder.indexOf(unit.level);
  if (rung < 0) return [{ field: 'body.level', message: `not a level of the ladder (${ladder.join(', ')})` }];
  const problems: FieldProblem[] = [];
  const top = rung === ladder.length - 1;
  if (top && unit.parent)
    problems.push({ field: 'body.parent', message: `a ${unit.level} unit has no parent` });
  if (!top) {
    const parent = unit.parent === undefined ? undefined : units.get(unit.parent);
    if (!parent) {
      problems.push({
        field: 'body.parent',
        message: unit.parent === undefined ? 'required' : `unknown unit ${unit.parent}`,
      });
    } else if (parent.level !== ladder[rung + 1]) {
      problems.push({
        field: 'body.parent',
        message: `${unit.parent} is a ${parent.level} unit; a ${unit.level} unit's parent is a ${ladder[rung + 1]} unit`,
      });
    }
  }
  if (rung === 0 && !unit.grid)
    problems.push({ field: 'body.grid', message: `required for a ${unit.level} unit` });
  if (rung > 0 && unit.grid)
    problems.push({ field: 'body.grid', message: `only ${ladder[0]} units name a grid` });
  const sameGrid = unit.grid && [...units.values()].find((u) => u.grid === unit.grid && u._id !== unit._id);
  if (sameGrid)
    problems.push({ field: 'body.grid', message: `grid ${unit.grid} belongs to ${sameGrid._id}` });
  return [...problems, ...placeProblems(unit, units, policy)];
}

/** The unit at the township rung above (or at) a unit, climbing the `units` given. */
function townshipAbove(unit: OrgUnitDoc, units: Map<string, OrgUnitDoc>, policy: Policy): string | undefined {
  const township = policy.ladder[townshipLevel(policy.ladder.length)].id;
  const seen = new Set<string>();
  for (
    let at: OrgUnitDoc | undefined = unit;
    at && !seen.has(at._id);
    at = at.parent ? units.get(at.parent) : undefined
  ) {
    if (at.level === township) return at._id;
    seen.add(at._id);
  }
  return undefined;
}

const rangesOf = (buildings: string[] | undefined) => buildings?.map((entry) => parseBuildingRange(entry)!);

/**
 * Addresses and an area belong to grid units. Within a township a community's buildings belong to
 * one grid each: a grid's claim may not overlap another's (nor name the community twice), so an
 * address never matches two grids.
 */
function placeProblems(unit: OrgUnitDoc, units: Map<string, OrgUnitDoc>, policy: Policy): FieldProblem[] {
  const grid = policy.ladder[0].id;
  if (unit.level !== grid)
    return (['addresses', 'area'] as const)
      .filter((field) => unit[field] !== undefined)
      .map((field) => ({ field: `body.${field}`, message: `only ${grid} units cover addresses and areas` }));
  const township = townshipAbove(unit, units, policy);
  const neighbours = [...units.values()].filter(
    (other) =>
      other._id !== unit._id && other.addresses?.length && townshipAbove(other, units, policy) === township,
  );
  return (unit.addresses ?? []).flatMap((address, i) => {
    const community = normaliseCommunity(address.community);
    const same = (other: { community: string }) => normaliseCommunity(other.community) === community;
    if (unit.addresses!.slice(0, i).some(same))
      return [{ field: `body.addresses.${i}.community`, message: `${address.community} is named twice` }];
    const clash = neighbours.find((other) =>
      other.addresses!.some(
        (theirs) => same(theirs) && buildingsOverlap(rangesOf(address.buildings), rangesOf(theirs.buildings)),
      ),
    );
    return clash
      ? [
          {
            field: `body.addresses.${i}.buildings`,
            message: `${address.community}: buildings overlap ${clash._id}'s`,
          },
        ]
      : [];
  });
}

/** Each assignment names a unit of the directory (its role is checked by the request's schema). */
export function assignmentProblems(
  assignments: Assignment[],
  unitExists: (id: string) => boolean,
): FieldProblem[] {
  return assignments.flatMap((assignment, i) =>
    unitExists(assignment.unit)
      ? []
      : [{ field: `body.assignments.${i}.unit`, message: `unknown unit ${assignment.unit}` }],
  );
}
