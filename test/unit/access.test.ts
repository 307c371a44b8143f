import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Actor, Role, roles } from '../../domain/actors';
import { commitmentFacts, requestFacts } from '../../domain/access/facts';
import { access } from '../../domain/access/roles';
import {
  checkEscalation,
  checkExtensionDecision,
  checkFiling,
  checkHolderOrAbove,
  checkOpening,
  checkReopen,
  RequestRuleFacts,
} from '../../domain/access/rules';
import {
  CaseFacts,
  caseVisible,
  chainUp,
  coversOrg,
  directoryScope,
  inboxReadable,
  listReach,
  personVisible,
  scopeOf,
  unitInScope,
  unitsInScope,
} from '../../domain/access/scope';
import { buildOrgDirectory } from '../../domain/org';
import { Refusal } from '../../domain/timeline';
import { defaultPolicy, planSubmission, repoRoot, submission } from '../support/fixtures';
import { submitRequest } from '../../domain/requests/transitions';
import { openCommitment } from '../../domain/commitments/transitions';

const policy = defaultPolicy();
/** Two committees; under the first, two townships: what out of scope means at every level. */
const org = buildOrgDirectory(
  JSON.parse(readFileSync(join(repoRoot, 'test', 'e2e', 'org.scope.json'), 'utf8')),
  policy,
);
const g01 = org.jurisdictionOf('g01')!;
const g03 = org.jurisdictionOf('g03')!;
const g04 = org.jurisdictionOf('g04')!;
const g05 = org.jurisdictionOf('g05')!;

const who = (role: Role, unit = 'nowhere', id = `${role}-1`): Actor => ({ id, role, unit });
const sees = (actor: Actor, facts: CaseFacts) => caseVisible(scopeOf(actor), facts);
const refusal = (check: () => void) => {
  try {
    check();
  } catch (err) {
    expect(err).toBeInstanceOf(Refusal);
    expect((err as Refusal).code).toBe('forbidden');
    return (err as Refusal).message;
  }
  return undefined;
};

describe('the scope of each role', () => {
  test('When the org has two committees and two townships, then each grid climbs its own chain', () => {
    expect(g01).toEqual(['grid-g01', 'village-v01', 'township-t01', 'committee-c01']);
    expect(g04).toEqual(['grid-g04', 'village-v03', 'township-t02', 'committee-c01']);
    expect(g05).toEqual(['grid-g05', 'village-v04', 'township-t03', 'committee-c02']);
    expect(chainUp(org, 'village-v03')).toEqual(['village-v03', 'township-t02', 'committee-c01']);
    expect(chainUp(org, 'unknown')).toEqual([]);
  });

  test('When a grid member looks, then it sees its grid’s cases and those assigned to it, nothing else', () => {
    const member = who('grid_member', 'grid-g01', 'm1');
    expect(sees(member, { jurisdiction: g01 })).toBe(true);
    expect(sees(member, { jurisdiction: org.jurisdictionOf('g02')! })).toBe(false);
    expect(sees(member, { jurisdiction: g03, assignee: 'm1' })).toBe(true);
    expect(sees(member, { jurisdiction: g03, assignee: 'm2', requesters: ['m1'], filer: 'm1' })).toBe(false);
  });

  test('When a leader or secretary looks, then it sees its unit and everything below it, never above or beside', () => {
    const village = who('unit_leader', 'village-v01');
    expect(sees(village, { jurisdiction: g01 })).toBe(true);
    expect(sees(village, { jurisdiction: org.jurisdictionOf('g02')! })).toBe(true);
    expect(sees(village, { jurisdiction: g03 })).toBe(false);
    const township = who('unit_leader', 'township-t01');
    expect([g01, g03, g04].map((j) => sees(township, { jurisdiction: j }))).toEqual([true, true, false]);
    const secretary = who('branch_secretary', 'grid-g01');
    expect([g01, g03].map((j) => sees(secretary, { jurisdiction: j }))).toEqual([true, false]);
  });

  test('When the committee secretariat looks, then it sees its jurisdiction and not the other committee’s', () => {
    const committee = who('committee', 'committee-c01');
    expect([g01, g03, g04, g05].map((j) => sees(committee, { jurisdiction: j }))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  test('When an auditor looks, then it sees every case; an administrator sees none', () => {
    expect(sees(who('auditor', 'audit'), { jurisdiction: g05 })).toBe(true);
    expect(sees(who('administrator', 'committee-c01', 'a'), { jurisdiction: g01, requesters: ['a'] })).toBe(
      false,
    );
  });

  test('When a resident, an operator or a team member looks, then it sees only the cases naming it so', () => {
    const resident = who('resident', 'g01', 'r1');
    expect(sees(resident, { jurisdiction: g01, requesters: ['r0', 'r1'] })).toBe(true);
    expect(sees(resident, { jurisdiction: g01, requesters: ['r0'], filer: 'r1', assignee: 'r1' })).toBe(
      false,
    );
    const operator = who('hotline_operator', 'hotline', 'op1');
    expect(sees(operator, { jurisdiction: g01, requesters: ['r0'], filer: 'op1' })).toBe(true);
    expect(sees(operator, { jurisdiction: g01, requesters: ['op1'] })).toBe(false);
    const team = who('assistance_team', 'industry-bureau', 't1');
    expect(sees(team, { jurisdiction: g05, team: ['lead', 't1'] })).toBe(true);
    expect(sees(team, { jurisdiction: g05, team: ['lead'] })).toBe(false);
  });

  test('When every role is given a scope, then none is left out (a new role must say what it sees)', () => {
    for (const role of roles) expect(scopeOf(who(role))).toHaveProperty('everything');
  });
});

describe('units in scope, lists and inboxes', () => {
  test('When a unit is asked for, then it is in scope at or below the actor’s unit only', () => {
    const township = scopeOf(who('unit_leader', 'township-t01'));
    expect(['township-t01', 'village-v02', 'grid-g01'].every((u) => unitInScope(township, u, org))).toBe(
      true,
    );
    expect(
      ['committee-c01', 'township-t02', 'grid-g04', 'unknown'].some((u) => unitInScope(township, u, org)),
    ).toBe(false);
    expect(unitInScope(scopeOf(who('auditor')), 'grid-g05', org)).toBe(true);
    expect(unitInScope(scopeOf(who('resident', 'grid-g01')), 'grid-g01', org)).toBe(false);
  });

  test('When a list is read, then staff read their unit (or a unit below it), auditors everything, and a unit outside is out', () => {
    const village = scopeOf(who('unit_leader', 'village-v01'));
    expect(listReach(village, org, undefined)).toEqual({ unit: 'village-v01' });
    expect(listReach(village, org, 'grid-g02')).toEqual({ unit: 'grid-g02' });
    expect(listReach(village, org, 'township-t01')).toBe('out');
    expect(listReach(village, org, 'grid-g03')).toBe('out');
    expect(listReach(scopeOf(who('auditor')), org, undefined)).toEqual({});
    expect(listReach(scopeOf(who('auditor')), org, 'grid-g05')).toEqual({ unit: 'grid-g05' });
    expect(listReach(scopeOf(who('grid_member', 'not-a-unit')), org, undefined)).toBe('none');
  });

  test('When a team member or a resident lists, then a team reads its own by holder, a resident nothing a list can find', () => {
    const team = scopeOf(who('assistance_team', 'industry-bureau', 't1'));
    expect(listReach(team, org, undefined, 'team')).toEqual({ person: { id: 't1' } });
    expect(listReach(team, org, 'village-v01', 'team')).toEqual({
      unit: 'village-v01',
      person: { id: 't1' },
    });
    expect(listReach(team, org, undefined)).toBe('none');
    expect(listReach(scopeOf(who('resident', 'g01')), org, undefined, 'team')).toBe('none');
  });

  test('When an inbox is read, then it is the actor’s own or a unit’s in its scope; administrators also read theirs', () => {
    const leader = who('unit_leader', 'village-v01', 'l1');
    expect(
      ['l1', 'village-v01', 'grid-g02'].map((r) => inboxReadable(leader, r, org, 'administrators')),
    ).toEqual([true, true, true]);
    expect(
      ['l2', 'township-t01', 'administrators'].some((r) => inboxReadable(leader, r, org, 'administrators')),
    ).toBe(false);
    const admin = who('administrator', 'it', 'a1');
    expect(
      ['a1', 'administrators', 'grid-g01'].map((r) => inboxReadable(admin, r, org, 'administrators')),
    ).toEqual([true, true, false]);
    expect(inboxReadable(who('resident', 'g01', 'r1'), 'r2', org, 'administrators')).toBe(false);
    expect(inboxReadable(who('auditor'), 'r2', org, 'administrators')).toBe(true);
  });

  test('When a record spans every unit, then only a scope covering the whole org reads it', () => {
    expect(coversOrg(scopeOf(who('auditor')), org)).toBe(true);
    expect(coversOrg(scopeOf(who('committee', 'committee-c01')), org)).toBe(false);
    const oneCommittee = buildOrgDirectory(
      JSON.parse(readFileSync(join(repoRoot, 'config', 'org.default.json'), 'utf8')),
      policy,
    );
    expect(coversOrg(scopeOf(who('committee', 'committee-c01')), oneCommittee)).toBe(true);
  });
});

describe('people of the org directory', () => {
  const at = (...units: string[]) => units.map((unit) => ({ unit }));

  test('When a supervisor reads people, then it sees those holding a role in its unit or below, not above or beside', () => {
    const village = directoryScope(who('unit_leader', 'village-v01'));
    expect(personVisible(village, at('grid-g02'), org)).toBe(true);
    expect(personVisible(village, at('grid-g04', 'village-v01'), org)).toBe(true);
    expect(personVisible(village, at('township-t01'), org)).toBe(false);
    expect(personVisible(village, at('grid-g03', 'industry-bureau'), org)).toBe(false);
    expect(unitsInScope(village, org)?.sort()).toEqual(['grid-g01', 'grid-g02', 'village-v01']);
  });

  test('When an administrator or an auditor reads people, then they see the whole directory; an administrator still sees no case', () => {
    for (const role of ['administrator', 'auditor'] as const) {
      const scope = directoryScope(who(role, 'it'));
      expect(personVisible(scope, at('grid-g05'), org)).toBe(true);
      expect(unitsInScope(scope, org)).toBeUndefined();
    }
    expect(sees(who('administrator', 'it'), { jurisdiction: g01 })).toBe(false);
  });

  test('When a person holds a role only in a unit outside the tree (a department), then only the whole directory sees them', () => {
    const department = at('industry-bureau');
    expect(personVisible(directoryScope(who('committee', 'committee-c01')), department, org)).toBe(false);
    expect(personVisible(directoryScope(who('auditor')), department, org)).toBe(true);
  });

  test('When the people endpoints name their readers, then supervisors read and grid members, residents and teams do not', () => {
    expect([...access.readPeople].sort()).toEqual(
      ['administrator', 'auditor', 'branch_secretary', 'committee', 'unit_leader'].sort(),
    );
  });
});

describe('facts of a case, from its state', () => {
  test('When a request was filed on a resident’s behalf and a duplicate merged into it, then its facts name filer and every requester', () => {
    const { state } = submitRequest(submission({ jurisdiction: g01, filedBy: 'op1' }), { policy, now: 0 });
    const facts = requestFacts({ ...state, coRequesters: ['resident-2'], assignee: 'm1', level: 1 });
    expect(facts).toEqual({
      jurisdiction: g01,
      assignee: 'm1',
      requesters: ['resident-1', 'resident-2'],
      filer: 'op1',
      level: 1,
      resolvedAtLevel: undefined,
    });
  });

  test('When a commitment is read, then its facts name its current lead and members', () => {
    const { state } = openCommitment(planSubmission({ jurisdiction: g01 }), {
      policy,
      now: Date.parse('2026-12-01'),
    });
    expect(commitmentFacts(state)).toEqual({ jurisdiction: g01, team: ['lead-1', 'member-a', 'member-b'] });
  });
});

describe('rules that name a level check the org relation, not the role', () => {
  const at = (level: number, extra: Partial<RequestRuleFacts> = {}): RequestRuleFacts => ({
    jurisdiction: g01,
    level,
    ...extra,
  });

  test('When an extension is decided, then only a unit above the level holding the request may decide it', () => {
    const gridSecretary = who('branch_secretary', 'grid-g01');
    const village = who('unit_leader', 'village-v01');
    const township = who('unit_leader', 'township-t01');
    expect(refusal(() => checkExtensionDecision(gridSecretary, at(0)))).toBe(
      'rule extension-by-level-above: the extension is decided by village-v01 or a unit above it, not grid-g01',
    );
    expect(refusal(() => checkExtensionDecision(village, at(0)))).toBeUndefined();
    expect(refusal(() => checkExtensionDecision(township, at(0)))).toBeUndefined();
    expect(refusal(() => checkExtensionDecision(village, at(1)))).toMatch(/^rule extension-by-level-above/);
    expect(refusal(() => checkExtensionDecision(who('committee', 'committee-c01'), at(3)))).toBeUndefined();
    expect(refusal(() => checkExtensionDecision(who('unit_leader', 'village-v02'), at(0)))).toMatch(
      /^rule extension-by-level-above/,
    );
  });

  test('When a request is dispatched, then the unit holding it dispatches: its grid’s branch or above, not another grid’s, not below once it climbed', () => {
    const dispatch = (actor: Actor, facts: RequestRuleFacts) => () =>
      checkHolderOrAbove(actor, facts, 'dispatch');
    expect(refusal(dispatch(who('branch_secretary', 'grid-g01'), at(0)))).toBeUndefined();
    expect(refusal(dispatch(who('unit_leader', 'township-t01'), at(0)))).toBeUndefined();
    expect(refusal(dispatch(who('branch_secretary', 'grid-g02'), at(0)))).toBe(
      'rule dispatch-by-holder-or-above: the request is held by grid-g01; grid-g02 is not it nor a unit above it',
    );
    expect(refusal(dispatch(who('branch_secretary', 'grid-g01'), at(1)))).toMatch(
      /^rule dispatch-by-holder-or-above/,
    );
  });

  test('When a request waits in a township’s dispatch queue, then the township acts at its own rung, and the extension goes to the committee', () => {
    const queued = {
      jurisdiction: ['township-t01', 'township-t01', 'township-t01', 'committee-c01'],
      level: 2,
    };
    const township = who('unit_leader', 'township-t01');
    expect(refusal(() => checkHolderOrAbove(township, queued, 'dispatch'))).toBeUndefined();
    expect(refusal(() => checkHolderOrAbove(who('unit_leader', 'village-v01'), queued, 'dispatch'))).toMatch(
      /^rule dispatch-by-holder-or-above/,
    );
    expect(refusal(() => checkExtensionDecision(township, queued))).toMatch(/^rule extension-by-level-above/);
    expect(refusal(() => checkExtensionDecision(who('committee', 'committee-c01'), queued))).toBeUndefined();
  });

  test('When a request is rejected or merged, then the unit holding it or one above it acts, not one below', () => {
    expect(refusal(() => checkHolderOrAbove(who('branch_secretary', 'grid-g01'), at(1), 'reject'))).toBe(
      'rule reject-by-holder-or-above: the request is held by village-v01; grid-g01 is not it nor a unit above it',
    );
    expect(
      refusal(() => checkHolderOrAbove(who('unit_leader', 'village-v01'), at(1), 'merge')),
    ).toBeUndefined();
    expect(
      refusal(() => checkHolderOrAbove(who('unit_leader', 'township-t01'), at(1), 'merge')),
    ).toBeUndefined();
  });

  test('When a request is escalated, then its assignee or the holder or above may, a grid below the holder may not', () => {
    const member = who('grid_member', 'grid-g01', 'm1');
    expect(refusal(() => checkEscalation(member, at(0)))).toBeUndefined();
    expect(refusal(() => checkEscalation(member, at(1, { assignee: 'm1' })))).toBeUndefined();
    expect(refusal(() => checkEscalation(member, at(1)))).toMatch(/^rule escalate-by-holder-or-above/);
  });

  test('When a request is reopened, then the level that resolved it or one above it reopens it', () => {
    expect(
      refusal(() => checkReopen(who('branch_secretary', 'grid-g01'), at(0, { resolvedAtLevel: 0 }))),
    ).toBeUndefined();
    expect(
      refusal(() => checkReopen(who('branch_secretary', 'grid-g01'), at(0, { resolvedAtLevel: 2 }))),
    ).toBe(
      'rule reopen-by-resolving-level-or-above: it was resolved by township-t01; grid-g01 is not it nor a unit above it',
    );
  });

  test('When a request is filed, then a resident files for themself, an operator for anyone, grid staff within their unit', () => {
    expect(refusal(() => checkFiling(who('resident', 'g01', 'r1'), 'r1', g01))).toBeUndefined();
    expect(refusal(() => checkFiling(who('resident', 'g01', 'r1'), 'r2', g01))).toBe(
      'rule resident-files-for-themself: requester.id must be r1, the resident filing',
    );
    expect(refusal(() => checkFiling(who('hotline_operator', 'hotline', 'op'), 'r2', g05))).toBeUndefined();
    expect(refusal(() => checkFiling(who('grid_member', 'grid-g01'), 'r2', g01))).toBeUndefined();
    expect(refusal(() => checkFiling(who('branch_secretary', 'grid-g01'), 'r2', g03))).toBe(
      'rule file-within-own-unit: the grid is not within grid-g01',
    );
    expect(refusal(() => checkFiling(who('grid_member', 'grid-g01'), 'r2', []))).toMatch(
      /^rule file-within-own-unit/,
    );
  });

  test('When a commitment is opened, then a team opens its own, a supervisor one within its unit', () => {
    expect(
      refusal(() => checkOpening(who('assistance_team', 'x', 'lead-1'), ['lead-1', 'm'], g05)),
    ).toBeUndefined();
    expect(refusal(() => checkOpening(who('assistance_team', 'x', 'other'), ['lead-1', 'm'], g01))).toBe(
      'rule team-opens-its-own: other is neither the lead nor a member of the team',
    );
    expect(refusal(() => checkOpening(who('unit_leader', 'village-v01'), ['lead-1'], g01))).toBeUndefined();
    expect(refusal(() => checkOpening(who('unit_leader', 'village-v01'), ['lead-1'], g03))).toMatch(
      /^rule open-within-own-unit/,
    );
  });

  test('When endpoints name the roles they admit, then auditors are on no write and administrators on no case read', () => {
    const writes = [
      access.fileRequest,
      access.feedback,
      access.withdraw,
      access.handleRequest,
      access.superviseRequest,
      access.openCommitment,
      access.keepCommitment,
      access.superviseCommitment,
      access.holdMeeting,
    ];
    for (const allowed of writes) expect(allowed).not.toContain('auditor');
    for (const allowed of [access.readRequest, access.readCommitment, access.listRequests, access.auditCase])
      expect(allowed).not.toContain('administrator');
  });
});
