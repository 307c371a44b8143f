/**
 * Who did something: a person of the org directory acting in one of their assignments (a role in a
 * unit), learnt by the API from a verified token (api/actor.ts); the workflow records it on every
 * entry of the timeline.
 */
export const roles = [
  'resident',
  /** Files requests on a resident's behalf (the 12345 hotline's seat) */
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
/** A role a person of the directory holds; `system` acts only for the workflows themselves. */
export type PersonRole = (typeof roles)[number];
export type Role = PersonRole | 'system';

export const roleLabels: Record<PersonRole, { zh: string; en: string }> = {
  resident: { zh: '群众', en: 'resident' },
  hotline_operator: { zh: '热线话务员', en: 'hotline operator' },
  grid_member: { zh: '网格员', en: 'grid member' },
  branch_secretary: { zh: '支部书记', en: 'branch secretary' },
  unit_leader: { zh: '单位负责人', en: 'unit leader' },
  committee: { zh: '常委会办公室', en: 'committee secretariat' },
  assistance_team: {
    zh: '帮扶组成员（组长由方案指定）',
    en: 'assistance team member (the plan names its lead)',
  },
  auditor: { zh: '审计员', en: 'auditor' },
  administrator: { zh: '系统管理员', en: 'administrator' },
};

export interface Actor {
  id: string;
  role: Role;
  unit: string;
}

export const systemActor: Actor = { id: 'system', role: 'system', unit: 'system' };

/** Staff who may dispatch, reject, merge, supervise and decide extensions. */
export const supervisorRoles: Role[] = ['branch_secretary', 'unit_leader', 'committee'];
