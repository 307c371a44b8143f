import { heartbeat } from '@temporalio/activity';
import { ArchiveSweepInput, ArchiveSweepResult } from '../../common/auditJobs';
import { archiveClosedCases } from '../../audit/archiveSweep';
import { HistorySources } from '../../audit/source';

export function archiveActivities(sources: HistorySources) {
  return {
    /** Archives what closed recently; heartbeats per case, so a worker that dies mid-sweep is noticed and the sweep retried. */
    async archiveClosedCases({ closedWithinDays }: ArchiveSweepInput): Promise<ArchiveSweepResult> {
      const result: ArchiveSweepResult = { archived: 0, alreadyArchived: 0 };
      const closedFrom = new Date(Date.now() - closedWithinDays * 86_400_000);
      for await (const { written } of archiveClosedCases(sources, { closedFrom })) {
        result[written ? 'archived' : 'alreadyArchived'] += 1;
        heartbeat(result);
      }
      return result;
    },
  };
}
