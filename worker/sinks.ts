import { InjectedSinks } from '@temporalio/worker';
import { CaseAuditSinks } from '../common/caseAudit';

/** Live workers ignore committed states: the history already records them; only an auditor's replay collects them. */
export const liveSinks: InjectedSinks<CaseAuditSinks> = {
  caseAudit: { committed: { fn: () => undefined } },
};
