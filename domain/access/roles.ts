import { Role } from '../actors';

/**
 * Which roles an endpoint admits at all (403 for the others), before the scope decides which cases
 * and units (404 outside it). The workflow then decides what the role may do in the case's state.
 */

/** Unit staff: they cover a unit of the org tree and everything below it. */
export const unitStaff = [
  'grid_member',
  'branch_secretary',
  'unit_leader',
  'committee',
] as const satisfies Role[];
/** Staff above the grid member: dispatch, reject, merge, supervise, decide extensions, suspend and close. */
export const supervisors = ['branch_secretary', 'unit_leader', 'committee'] as const satisfies Role[];

export const access = {
  /** One request, its timeline and its committee decisions. */
  readRequest: ['resident', 'hotline_operator', ...unitStaff, 'auditor'],
  /** Lists walk a unit's slices; residents' and operators' requests are not indexed by person. */
  listRequests: [...unitStaff, 'auditor'],
  fileRequest: ['resident', 'hotline_operator', 'grid_member', 'branch_secretary'],
  /** Duplicate candidates before a filing: those who file for residents, and the staff above them; each sees its scope's. */
  findDuplicates: ['hotline_operator', ...unitStaff],
  /** A stored request's duplicate candidates: the staff who dispatch and merge, and auditors. */
  readDuplicates: [...unitStaff, 'auditor'],
  /** 回访: the resident, or staff recording what the resident said. */
  feedback: ['resident', 'hotline_operator', ...unitStaff],
  withdraw: ['resident', ...supervisors],
  handleRequest: [...unitStaff],
  superviseRequest: [...supervisors],
  readCommitment: ['assistance_team', ...unitStaff, 'auditor'],
  openCommitment: ['assistance_team', ...supervisors],
  /** Letters, visits, problems, funds, deeds, comments, handovers. */
  keepCommitment: ['assistance_team', ...supervisors],
  superviseCommitment: [...supervisors],
  /** Ledgers, rankings, commitment figures and cycle reports, and their exports. */
  readUnitFigures: [...unitStaff, 'auditor'],
  readAgenda: ['committee', 'unit_leader', 'auditor'],
  holdMeeting: ['committee'],
  /** A case's history, replay and archive: the auditor all, the committee its jurisdiction. */
  auditCase: ['auditor', 'committee'],
  /** The action log is one chain over every unit's writes: the auditor, and a committee whose jurisdiction is the whole org. */
  actionLog: ['auditor', 'committee'],
  runCycle: ['administrator'],
  /**
   * People of the org directory: administrators and auditors all of them; supervisors those holding
   * a role in their unit or below it, whom they dispatch to and supervise.
   */
  readPeople: ['administrator', 'auditor', ...supervisors],
} as const satisfies Record<string, readonly Role[]>;

export type Access = keyof typeof access;
