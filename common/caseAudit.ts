import type { Sinks } from '@temporalio/workflow';

/**
 * What a case workflow tells an auditor's replay: every state it commits, with the workflow
 * clock at that moment. Sinks add nothing to the history, so running cases replay unchanged;
 * only the auditor's replay worker listens (see audit/replay.ts).
 */
export interface CaseAuditSinks extends Sinks {
  caseAudit: {
    committed(state: unknown, at: number): void;
  };
}
