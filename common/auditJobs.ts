import type { ChainVerdict } from '../audit/actionLog/chain';

/** The nightly sweep that files closed cases' histories in the archive, before Temporal's retention removes them. */
export const archiveScheduleId = 'archive-closed-cases';
export const archiveWorkflowType = 'archiveClosedCases';

export interface ArchiveSweepInput {
  /** Cases closed this many days back or less are looked at; a missed night is caught up the next. */
  closedWithinDays: number;
}

export interface ArchiveSweepResult {
  archived: number;
  alreadyArchived: number;
}

/** The nightly anchor of the action log's head, outside the database (audit/actionLog/anchor.ts). */
export const anchorScheduleId = 'anchor-action-log';
export const anchorWorkflowType = 'anchorActionLog';
export type AnchorResult = ChainVerdict;
