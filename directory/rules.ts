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
  return problems;
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
