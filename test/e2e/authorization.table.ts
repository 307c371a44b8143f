import { Role, roles } from '../../domain/actors';

/**
 * The authorization table: for every operation of the OpenAPI document and every role, the status
 * a call answers on a target in the caller's scope and on one outside it. A cell is one status for
 * both, or [in scope, out of scope]. Writes are probed with a body no schema accepts, so an allowed
 * call on a target in scope answers 400 (validation reached) and nothing changes. The order of the
 * checks: caller (401) → role (403) → scope (404) → validation (400).
 */
export type TableRole = Exclude<Role, 'system'>;
export type Cell = number | readonly [inScope: number, outOfScope: number];
export type Row = Record<TableRole, Cell>;

export const tableRoles = roles as readonly TableRole[];

/** The roles named get their cell; every other role is refused by role (403). */
const only = (allowed: Partial<Row>): Row => ({
  ...(Object.fromEntries(tableRoles.map((role) => [role, 403])) as Row),
  ...allowed,
});
const each = (names: readonly TableRole[], cell: Cell): Partial<Row> =>
  Object.fromEntries(names.map((role) => [role, cell]));

/** Read in scope, not found outside it. */
const seen = [200, 404] as const;
/** A write in scope reaches validation; outside it, not found. */
const reached = [400, 404] as const;

const unitStaff = ['grid_member', 'branch_secretary', 'unit_leader', 'committee'] as const;
const supervisors = ['branch_secretary', 'unit_leader', 'committee'] as const;

/** Health probes, the signing keys, `/me` and the unit tree: every caller. */
const everyone = only(each(tableRoles, 200));
const readRequest = only({ ...each(['resident', 'hotline_operator', ...unitStaff], seen), auditor: 200 });
const listRequests = only({ ...each(unitStaff, seen), auditor: 200 });
const fileRequest = only(each(['resident', 'hotline_operator', 'grid_member', 'branch_secretary'], 400));
const handleRequest = only(each(unitStaff, reached));
const superviseRequest = only(each(supervisors, reached));
const feedback = only(each(['resident', 'hotline_operator', ...unitStaff], reached));
const withdraw = only(each(['resident', ...supervisors], reached));
/** Candidates before filing name no case: an admitted caller reaches validation. */
const findDuplicates = only(each(['hotline_operator', ...unitStaff], 400));
const readDuplicates = only({ ...each(unitStaff, seen), auditor: 200 });

const readCommitment = only({ ...each(['assistance_team', ...unitStaff], seen), auditor: 200 });
/** A team lists its own commitments wherever they are: a unit outside its reach is simply a filter. */
const listCommitments = only({ ...each(unitStaff, seen), assistance_team: 200, auditor: 200 });
const openCommitment = only(each(['assistance_team', ...supervisors], 400));
const keepCommitment = only(each(['assistance_team', ...supervisors], reached));
const superviseCommitment = only(each(supervisors, reached));

const unitFigures = only({ ...each(unitStaff, seen), auditor: 200 });
/** Every unit staff reads rankings; only the units in its scope are ranked. */
const rankings = only({ ...each(unitStaff, 200), auditor: 200 });
/** The county agenda is not in a village leader's scope. */
const agenda = only({ committee: seen, unit_leader: 404, auditor: 200 });
const inbox = only({ ...each(tableRoles, seen), auditor: 200 });
const auditCase = only({ committee: seen, auditor: 200 });
/** One chain over the whole org: this committee's jurisdiction is not all of it (the test org has two). */
const actionLog = only({ committee: 404, auditor: 200 });

/** Public, as every caller and none: a login probed without credentials is refused by validation. */
const login = only(each(tableRoles, 400));
/** The directory's writes: the administrator's over the whole directory (no scope narrows it). */
const administer = only({ administrator: 400 });
/** People: administrators and auditors all; supervisors those of their unit and below. */
const readPeople = only({ ...each(supervisors, seen), administrator: 200, auditor: 200 });
/** The list of people holds only those in scope, whatever unit is probed. */
const listPeople = only({ ...each(supervisors, 200), administrator: 200, auditor: 200 });

const commitmentRows = (path: string, actions: string[], opts: { funds?: boolean; problems: boolean }) => ({
  [`POST ${path}`]: openCommitment,
  [`GET ${path}`]: listCommitments,
  [`GET ${path}/{id}`]: readCommitment,
  [`GET ${path}/{id}/history`]: readCommitment,
  ...(opts.funds ? { [`GET ${path}/{id}/funds`]: readCommitment } : {}),
  ...Object.fromEntries(actions.map((action) => [`POST ${path}/{id}/${action}`, keepCommitment])),
  [`POST ${path}/{id}/assessments/{year}/comment`]: keepCommitment,
  [`POST ${path}/{id}/handover`]: keepCommitment,
  [`POST ${path}/{id}/suspend`]: superviseCommitment,
  [`POST ${path}/{id}/resume`]: superviseCommitment,
  [`POST ${path}/{id}/close`]: superviseCommitment,
  ...(opts.problems
    ? {
        [`GET ${path}/{id}/problems/{problemId}`]: readCommitment,
        [`POST ${path}/{id}/problems/{problemId}/progress`]: keepCommitment,
        [`POST ${path}/{id}/problems/{problemId}/resolve`]: keepCommitment,
        [`POST ${path}/{id}/problems/{problemId}/withdraw`]: keepCommitment,
      }
    : {}),
});

export const authorizationTable: Record<string, Row> = {
  'GET /api/v1/healthz': everyone,
  'GET /api/v1/readyz': everyone,

  'GET /api/v1/auth/config': everyone,
  'GET /api/v1/auth/jwks.json': everyone,
  'POST /api/v1/auth/login': login,
  'GET /api/v1/me': everyone,

  'GET /api/v1/org/units': everyone,
  'GET /api/v1/categories': everyone,
  'GET /api/v1/org/units/{id}': everyone,
  'POST /api/v1/org/units': administer,
  'PATCH /api/v1/org/units/{id}': administer,
  'GET /api/v1/org/people': listPeople,
  'GET /api/v1/org/people/{id}': readPeople,
  'POST /api/v1/org/people': administer,
  'PUT /api/v1/org/people/{id}/assignments': administer,
  'POST /api/v1/org/people/{id}/disable': administer,

  /** Open311 client apps: the administrator's. GeoReport v2 itself is under /open311/v2, outside this document. */
  'POST /api/v1/open311/clients': administer,
  'GET /api/v1/open311/clients': only({ administrator: 200 }),
  'POST /api/v1/open311/clients/{clientId}/disable': administer,

  'GET /api/v1/places/grid': only(each(tableRoles, 400)),
  'POST /api/v1/requests': fileRequest,
  'POST /api/v1/requests/duplicates': findDuplicates,
  'GET /api/v1/requests/{id}/duplicates': readDuplicates,
  'GET /api/v1/requests': listRequests,
  'GET /api/v1/requests/{id}': readRequest,
  'GET /api/v1/requests/{id}/history': readRequest,
  'GET /api/v1/requests/{id}/committee-decisions': readRequest,
  'POST /api/v1/requests/{id}/dispatch': superviseRequest,
  'POST /api/v1/requests/{id}/accept': handleRequest,
  'POST /api/v1/requests/{id}/return': handleRequest,
  'POST /api/v1/requests/{id}/progress': handleRequest,
  'POST /api/v1/requests/{id}/extend': handleRequest,
  'POST /api/v1/requests/{id}/extend/decision': superviseRequest,
  'POST /api/v1/requests/{id}/resolve': handleRequest,
  'POST /api/v1/requests/{id}/feedback': feedback,
  'POST /api/v1/requests/{id}/escalate': handleRequest,
  'POST /api/v1/requests/{id}/withdraw': withdraw,
  'POST /api/v1/requests/{id}/reopen': superviseRequest,
  'POST /api/v1/requests/{id}/reject': superviseRequest,
  'POST /api/v1/requests/{id}/merge': superviseRequest,
  'POST /api/v1/requests/{id}/route': superviseRequest,
  'POST /api/v1/requests/{id}/cohandlers': superviseRequest,
  'POST /api/v1/requests/{id}/cohandlers/{unitId}/report': handleRequest,
  'POST /api/v1/requests/{id}/cohandlers/{unitId}/release': handleRequest,

  ...commitmentRows('/api/v1/plans', ['funds', 'letters', 'visits', 'problems'], {
    funds: true,
    problems: true,
  }),
  ...commitmentRows('/api/v1/pairings', ['visits', 'problems', 'deeds', 'deeds/{deedId}/done'], {
    problems: true,
  }),
  ...commitmentRows('/api/v1/pledges', ['deeds', 'deeds/{deedId}/done'], { problems: false }),

  'GET /api/v1/ledgers/{unitId}': unitFigures,
  'GET /api/v1/ledgers/{unitId}/commitments': unitFigures,
  'GET /api/v1/rankings': rankings,
  'GET /api/v1/reports': unitFigures,
  'GET /api/v1/reports/{date}/{unitId}': unitFigures,
  'POST /api/v1/reports/cycles': only({ administrator: 400 }),

  'GET /api/v1/committees/{unitId}/agenda': agenda,
  'GET /api/v1/committees/{unitId}/meetings': agenda,
  'POST /api/v1/committees/{unitId}/meetings': only({ committee: reached }),

  'GET /api/v1/notifications': inbox,

  /** Temporal's web UI decodes payloads through these: operators only, whatever the case (no scope). */
  'POST /api/v1/codec/decode': only({ administrator: 400, auditor: 400 }),
  'POST /api/v1/codec/encode': only({ administrator: 400, auditor: 400 }),

  'GET /api/v1/audit/actions': actionLog,
  'GET /api/v1/audit/actions/verify': actionLog,
  'GET /api/v1/audit/cases/{caseId}/timeline': auditCase,
  'GET /api/v1/audit/cases/{caseId}/state': auditCase,
  'GET /api/v1/audit/cases/{caseId}/replay': auditCase,
  'GET /api/v1/audit/cases/{caseId}/export': auditCase,
};
