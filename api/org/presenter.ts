import { PersonRole, roleLabels } from '../../domain/actors';
import { OrgDirectory } from '../../domain/org';
import { Assignment, OrgPersonDoc, OrgUnitDoc } from '../../directory/models';

export const presentUnit = (unit: OrgUnitDoc) => ({
  id: unit._id,
  level: unit.level,
  ...(unit.parent ? { parent: unit.parent } : {}),
  ...(unit.grid ? { grid: unit.grid } : {}),
  name: unit.name,
  ...(unit.addresses?.length ? { addresses: unit.addresses } : {}),
  ...(unit.area ? { area: unit.area } : {}),
});

/** An assignment with the labels a console shows: the role's and the unit's names. */
export const presentAssignment = (org: OrgDirectory) => (assignment: Assignment) => ({
  role: assignment.role,
  roleLabel: roleLabels[assignment.role as PersonRole],
  unit: assignment.unit,
  unitName: org.nameOf(assignment.unit),
});

/** A person without their password hash; `username` only says how they log in. */
export const presentPerson = (org: OrgDirectory) => (person: OrgPersonDoc) => ({
  id: person._id,
  name: person.name,
  assignments: person.assignments.map(presentAssignment(org)),
  ...(person.login ? { username: person.login.username } : {}),
  disabled: person.disabled ?? false,
});
