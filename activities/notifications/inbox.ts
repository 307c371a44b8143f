import { KeyedNotice } from '../../common/notifications';
import { Models } from '../db/models';
import { bulkUpsert } from '../db/bulk';
import { beijingDay, countLanded, timeSlices } from '../db/slices';

/** What an inbox list reads: one recipient's notices. */
export const inboxScope = (recipient: string) => `recipient=${recipient}`;

export function inboxActivities(models: Models) {
  return {
    /**
     * In-app inbox: keyed inserts, so a retried batch adds nothing twice. Counted before they are
     * written, so no notice is ever missing from its day's count (a retry counts twice; see slices.ts).
     */
    async deliverInbox(notices: KeyedNotice[]): Promise<void> {
      if (!notices.length) return;
      await countLanded(models.Slice, 'notifications', notices.map((notice) => ({ scope: inboxScope(notice.recipient), day: beijingDay(notice.createdAt) })));
      await bulkUpsert(
        models.Notification,
        notices.map((notice) => ({
          updateOne: {
            filter: { _id: notice.key },
            update: {
              $setOnInsert: {
                recipient: notice.recipient,
                kind: notice.kind,
                message: notice.message,
                caseId: notice.caseId,
                createdAt: new Date(notice.createdAt),
                ...timeSlices(notice.createdAt),
              },
            },
            upsert: true,
          },
        })),
      );
    },
  };
}
