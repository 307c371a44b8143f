import { ApplicationFailure } from '@temporalio/activity';
import { KeyedNotice } from '../../common/notifications';
import { Models } from '../db/models';

export interface WebhookDeps {
  models: Models;
  /** Empty: the channel is off and notices stay in the inbox only. */
  url: string;
  fetch: typeof fetch;
}

/** The channel is on when a URL is configured. */
export function webhookConfigured(url: string): boolean {
  return url !== '';
}

export function webhookActivities({ models, url, fetch }: WebhookDeps) {
  return {
    /**
     * POSTs each notice as JSON with its key as Idempotency-Key. A receipt is stored after
     * each success, so a retry of the batch (the activity's retry policy backs off) skips
     * what was already delivered.
     */
    async deliverWebhook(notices: KeyedNotice[]): Promise<void> {
      if (!webhookConfigured(url)) return;
      for (const notice of notices) {
        if (await models.WebhookDelivery.exists({ _id: notice.key })) continue;
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': notice.key },
          body: JSON.stringify(notice),
          signal: AbortSignal.timeout(10_000),
        });
        if (
          response.status >= 400 &&
          response.status < 500 &&
          response.status !== 408 &&
          response.status !== 429
        ) {
          throw ApplicationFailure.nonRetryable(
            `webhook refused notice ${notice.key}: HTTP ${response.status}`,
            'WebhookRefused',
          );
        }
        if (!response.ok) throw new Error(`webhook answered HTTP ${response.status} for ${notice.key}`);
        await models.WebhookDelivery.updateOne(
          { _id: notice.key },
          { $setOnInsert: { deliveredAt: new Date(), status: response.status } },
          { upsert: true },
        );
      }
    },
  };
}
