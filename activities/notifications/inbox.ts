import { KeyedNotice } from '../../common/notifications';
import { Models } from '../db/models';

export function inboxActivities(models: Models) {
  return {
    /** In-app inbox: keyed inserts, so a retried batch adds nothing twice. */
    async deliverInbox(notices: KeyedNotice[]): Promise<void> {
      if (!notices.length) return;
      await models.Notification.bulkWrite(
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
              },
            },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    },
  };
}
