import { KeyedNotice } from '../../common/notifications';
import { Models, NotificationDoc } from '../db/models';
import { bulkUpsert } from '../db/bulk';
import { beijingDay, countLanded, Landed, timeSlices } from '../db/slices';

/** What an inbox list reads: one recipient's notices. */
export const inboxScope = (recipient: string) => `recipient=${recipient}`;

/** Where a notice is counted: its recipient's inbox on the day it was sent. */
export function noticesLanded(notices: KeyedNotice[]): Landed[] {
  return notices.map((notice) => ({
    scope: inboxScope(notice.recipient),
    day: beijingDay(notice.createdAt),
  }));
}

/** The inbox document of a notice; its key is its `_id`. */
export function toNotificationDoc(notice: KeyedNotice): NotificationDoc {
  return {
    _id: notice.key,
    recipient: notice.recipient,
    kind: notice.kind,
    message: notice.message,
    caseId: notice.caseId,
    createdAt: new Date(notice.createdAt),
    ...timeSlices(notice.createdAt),
  };
}

export function inboxActivities(models: Models) {
  return {
    /**
     * In-app inbox: keyed inserts, so a retried batch adds nothing twice. Counted before they are
     * written, so no notice is ever missing from its day's count (a retry counts twice; see slices.ts).
     */
    async deliverInbox(notices: KeyedNotice[]): Promise<void> {
      if (!notices.length) return;
      await countLanded(models.Slice, 'notifications', noticesLanded(notices));
      await bulkUpsert(
        models.Notification,
        notices.map(toNotificationDoc).map(({ _id, ...doc }) => ({
          updateOne: { filter: { _id }, update: { $setOnInsert: doc }, upsert: true },
        })),
      );
    },
  };
}
