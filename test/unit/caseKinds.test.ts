import * as workflows from '../../workflows';
import { anchorWorkflowType, archiveWorkflowType } from '../../common/auditJobs';
import {
  caseIdPattern,
  caseKindAt,
  caseKinds,
  caseOfWorkflowId,
  caseWorkflowId,
  caseWorkflowTypes,
} from '../../common/caseKinds';
import { reconcileWorkflowType } from '../../common/readModelJobs';
import { reportCycleWorkflowType, scheduledReportCycleWorkflowType } from '../../common/reports';

/** Workflows that are jobs over cases, not cases: they are never archived or listed as cases. */
const jobWorkflowTypes = [
  archiveWorkflowType,
  anchorWorkflowType,
  reconcileWorkflowType,
  reportCycleWorkflowType,
  scheduledReportCycleWorkflowType,
];

describe('the registry of case kinds', () => {
  test('When a workflow is exported to the worker, then it is a registered case kind or a known job, so no case escapes the archive sweep', () => {
    const exported = Object.keys(workflows);
    expect(
      exported.filter((type) => !caseWorkflowTypes.includes(type) && !jobWorkflowTypes.includes(type)),
    ).toEqual([]);
    expect(caseWorkflowTypes.filter((type) => !exported.includes(type))).toEqual([]);
  });

  test('When a case id is made from a kind, then the registry reads the kind and id back, and the API accepts it', () => {
    for (const kind of caseKinds) {
      const workflowId = caseWorkflowId(kind.kind, 'k3f-9_x');
      expect(caseOfWorkflowId(workflowId)).toEqual({ kind, id: 'k3f-9_x' });
      expect(caseIdPattern.test(workflowId)).toBe(true);
      expect(caseKindAt(kind.apiPath)).toBe(kind);
    }
    expect(caseOfWorkflowId('archive-closed-cases-2026')).toBeUndefined();
    expect(caseIdPattern.test('archive-closed-cases')).toBe(false);
  });

  test('When kinds are registered, then each names a distinct workflow type, prefix and API path', () => {
    for (const field of ['kind', 'workflowType', 'idPrefix', 'apiPath'] as const) {
      expect(new Set(caseKinds.map((k) => k[field])).size).toBe(caseKinds.length);
    }
  });
});
