import { Notice } from '../domain/timeline';

/** A notice ready to send: its key makes every retry, and every replayed run, deliver it once. */
export interface KeyedNotice extends Notice {
  key: string;
  caseId: string;
  createdAt: string;
}
