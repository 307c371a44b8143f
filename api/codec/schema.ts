import { z } from 'zod';
import '../openapi';

/** Temporal's remote codec protocol, as its web UI and CLI speak it: payloads in JSON, bytes in base64. */
const base64 = z
  .string()
  .max(4 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');

export const codecPayload = z
  .object({
    metadata: z.record(z.string().min(1).max(100), base64).default({}),
    data: base64.default(''),
  })
  .openapi('CodecPayload');

export const codecBody = z.object({ payloads: z.array(codecPayload).max(1_000) }).openapi('CodecPayloads');

export const codecHeaders = z.object({
  'x-namespace': z
    .string()
    .min(1)
    .max(200)
    .openapi({ description: 'the namespace the payloads are from (the web UI sends it)' }),
});

export type CodecPayload = z.infer<typeof codecPayload>;
