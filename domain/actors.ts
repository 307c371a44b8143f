/**
 * Who did something. Until real authentication lands, the API takes the actor from request
 * headers; the workflow records it on every entry of the timeline.
 */
export const roles = [
  'resident',
  /** Takes calls (12345) and files requests on a resident's behalf */
  'hotline_operator',
  'grid_member',
  'branch_secretary',
  'unit_leader',
  'committee',
  'assistance_team',
  'auditor',
  /** Keeps the system running: runs jobs by hand (a reporting cycle), decides nothing on a case */
  'administrator',
] as const;
export type Role = (typeof roles)[number] | 'system';

export interface Actor {
  id: string;
  role: Role;
  unit: string;
}

export const systemActor: Actor = { id: 'system', role: 'system', unit: 'system' };

/** Staff who may dispatch, reject, merge, supervise and decide extensions. */
export const supervisorRoles: Role[] = ['branch_secretary', 'unit_leader', 'committee'];
