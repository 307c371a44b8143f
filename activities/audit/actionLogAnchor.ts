import { AnchorResult } from '../../common/auditJobs';
import { anchorActionLog } from '../../audit/actionLog/anchor';
import { ActionLogModel } from '../../audit/actionLog/store';

export function anchorActivities(deps: { actionLog: ActionLogModel; archiveDir: string }) {
  return {
    /** Verifies the action log and records its head next to the archives; a broken chain comes back as the finding. */
    async anchorActionLog(): Promise<AnchorResult> {
      return anchorActionLog(deps.actionLog, deps.archiveDir);
    },
  };
}
