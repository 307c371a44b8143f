import cors from 'cors';
import { Router } from 'express';
import { Payload } from '@temporalio/common';
import { codecsOf } from '../../common/payloadCodec';
import { requireReader } from '../actor';
import { ApiDeps } from '../deps';
import { invalidField } from '../errors';
import { ApiDocument, json, problemResponses } from '../openapi';
import { validated } from '../validate';
import { codecBody, codecHeaders, CodecPayload } from './schema';

/** The embedded Temporal dev server's web UI. */
export const defaultTemporalUiOrigin = 'http://127.0.0.1:8233';

/** Only operators see residents' data through Temporal's web UI: the same guard the audit reads use. */
const operators = requireReader(['administrator', 'auditor']);

const fromJson = (p: CodecPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data, 'base64'),
});
const toJson = (p: Payload): CodecPayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

/**
 * Temporal's remote codec endpoint (`temporal server start-dev --ui-codec-endpoint
 * <API>/api/v1/codec`): the web UI posts the payloads it shows and gets them back decrypted with
 * the API's own codecs. Called from the browser, so CORS lets the UI's origin in, and no other.
 */
export function codecRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  const namespace = deps.temporal.options.namespace;
  const codecs = codecsOf(deps.temporal);
  router.use(
    '/codec',
    cors({
      // A list, not a string: the header is sent only to that origin, never to others.
      origin: [deps.temporalUiOrigin ?? defaultTemporalUiOrigin],
      methods: ['POST'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Namespace'],
      credentials: true,
      maxAge: 600,
    }),
  );
  const transforms = {
    decode: async (payloads: Payload[]) => {
      for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
      return payloads;
    },
    encode: async (payloads: Payload[]) => {
      for (const codec of codecs) payloads = await codec.encode(payloads);
      return payloads;
    },
  };
  for (const [op, transform] of Object.entries(transforms)) {
    doc.path({
      method: 'post',
      path: `/api/v1/codec/${op}`,
      summary: `Temporal's remote codec: ${op} payloads for the web UI (administrators and auditors)`,
      tags: ['codec'],
      request: { headers: codecHeaders, body: { content: json(codecBody).content } },
      responses: {
        200: { description: 'the payloads, in order', ...json(codecBody) },
        400: problemResponses[400],
        403: problemResponses[403],
      },
    });
    router.post(
      `/codec/${op}`,
      operators,
      validated({ headers: codecHeaders, body: codecBody }, async ({ headers, body }, res) => {
        if (headers['x-namespace'] !== namespace)
          throw invalidField('headers.x-namespace', `this codec serves the namespace ${namespace}`);
        const payloads = await transform(body.payloads.map(fromJson));
        res.json({ payloads: payloads.map(toJson) });
      }),
    );
  }
  return router;
}
