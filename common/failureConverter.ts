import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Loaded inside workflow bundles and by every client (common/payloadCodec.ts names it): a failure's
 * message and stack trace move into a payload, which the codec encrypts, since a refusal or an
 * error can quote what a resident wrote. Failures recorded before still read: their text is plain.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
