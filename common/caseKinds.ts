import type { CommitmentKind } from '../domain/policy/policy';
import type { ReadModel } from './projection';

/**
 * Every kind of case, once: what the API, the workflows, the auditor's archive sweep, the action
 * log and reconciliation all read. A kind missing here is never archived and would vanish at
 * Temporal's retention, so test/unit/caseKinds.test.ts fails when a workflow is exported without
 * being registered. Names are forever: the workflow types and prefixes are in running cases' IDs.
 */
export interface CaseKind {
  kind: 'request' | CommitmentKind | 'committee';
  workflowType: string;
  /** The workflow ID is `<idPrefix>-<id>`. */
  idPrefix: string;
  readModel: ReadModel;
  /** The activity that projected a revision before `commitRevision` (histories recorded before November 2026); kinds born since have none. */
  projectionActivity?: 'projectRequest' | 'projectCommitment';
  /** Its collection under /api/v1 */
  apiPath: string;
  label: { zh: string; en: string };
}

export const caseKinds = [
  {
    kind: 'request',
    workflowType: 'citizenRequest',
    idPrefix: 'request',
    readModel: 'request',
    projectionActivity: 'projectRequest',
    apiPath: 'requests',
    label: { zh: '民情诉求', en: 'Citizen request' },
  },
  {
    kind: 'enterprise',
    workflowType: 'assistancePlan',
    idPrefix: 'plan',
    readModel: 'commitment',
    projectionActivity: 'projectCommitment',
    apiPath: 'plans',
    label: { zh: '一帮三年企业帮扶', en: 'Three-year enterprise assistance plan' },
  },
  {
    kind: 'pairing',
    workflowType: 'householdPairing',
    idPrefix: 'pairing',
    readModel: 'commitment',
    projectionActivity: 'projectCommitment',
    apiPath: 'pairings',
    label: { zh: '结对帮扶', en: 'Household pairing' },
  },
  {
    kind: 'pledge',
    workflowType: 'memberPledge',
    idPrefix: 'pledge',
    readModel: 'commitment',
    projectionActivity: 'projectCommitment',
    apiPath: 'pledges',
    label: { zh: '党员服务承诺', en: "Member's annual public pledge" },
  },
  {
    kind: 'committee',
    workflowType: 'standingCommittee',
    idPrefix: 'committee',
    readModel: 'committee',
    apiPath: 'committees',
    label: { zh: '常委会议程', en: 'Standing committee agenda' },
  },
] as const satisfies readonly CaseKind[];

export type CaseKindName = (typeof caseKinds)[number]['kind'];

export const caseWorkflowTypes: string[] = caseKinds.map((k) => k.workflowType);

export function caseKind(kind: CaseKindName): CaseKind {
  return caseKinds.find((k) => k.kind === kind)!;
}

/** `request-<id>`, `plan-<id>`…: a case's workflow ID from its business id. */
export function caseWorkflowId(kind: CaseKindName, id: string): string {
  return `${caseKind(kind).idPrefix}-${id}`;
}

/** The kind and business id a workflow ID names, if it names a case. */
export function caseOfWorkflowId(workflowId: string): { kind: CaseKind; id: string } | undefined {
  const dash = workflowId.indexOf('-');
  const kind = caseKinds.find((k) => k.idPrefix === workflowId.slice(0, dash));
  return kind && dash < workflowId.length - 1 ? { kind, id: workflowId.slice(dash + 1) } : undefined;
}

/** The kind whose collection is at /api/v1/<apiPath>. */
export function caseKindAt(apiPath: string): CaseKind | undefined {
  return caseKinds.find((k) => k.apiPath === apiPath);
}

/** Case workflow IDs as the API accepts them, e.g. in /audit/cases/:caseId. */
export const caseIdPattern = new RegExp(
  `^(${caseKinds.map((k) => k.idPrefix).join('|')})-[A-Za-z0-9._-]{1,100}$`,
);
