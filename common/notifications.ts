import { Notice } from '../domain/timeline';

/** A notice ready to send: its key makes every retry, and every replayed run, deliver it once. */
export interface KeyedNotice extends Notice {
  key: string;
  caseId: string;
  createdAt: string;
}

/** The inbox of whoever keeps the system running: notices about the system, not about a case. */
export const administratorsInbox = 'administrators';

/** One key per notice of a revision: `<caseId>:<revision>:<index>:<recipient>`. */
export function noticeKey(caseId: string, revision: number, index: number, recipient: string): string {
  return `${caseId}:${revision}:${index}:${recipient}`;
}

/** The revision a notice was sent for, so an auditor's timeline shows who was reminded by which step. */
export function noticeRevision(notice: KeyedNotice): number | undefined {
  const match = /^(\d+):/.exec(notice.key.slice(notice.caseId.length + 1));
  return match ? Number(match[1]) : undefined;
}
