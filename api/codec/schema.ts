import { z } from 'zod';
import '../openapi';

/** Temporal's remote codec protocol, as its web UI and CLI speak it: payloads in JSON, bytes in base64. */
const base64 = z
  .string()
  .max(4 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');

/**
 * Metadata keys as Temporal writes them (`encoding`, `encryption-key-id`). A record drops a
 * `__proto__` key silently: it is refused here, before the record sees it.
 */
const metadata = z
  .unknown()
  .superRefine((raw, ctx) => {
    if (raw !== null && typeof raw === 'object' && Object.hasOwn(raw, '__proto__'))
      ctx.addIssue({ code: 'custom', message: 'Unrecognized key: "__proto__"' });
  })
  .pipe(z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9._-]{0,99}$/, 'expected a metadata key'), base64));

export const codecPayload = z
  .object({ metadata: metadata.default({}), data: base64.default('') })
  .strict()
  .openapi('CodecPayload');

export const codecBody = z
  .object({ payloads: z.array(codecPayload).max(1_000) })
  .strict()
  .openapi('CodecPayloads');

export const codecHeaders = z.object({
  'x-namespace': z
    .string()
    .min(1)
    .max(200)
    .openapi({ description: 'the namespace the payloads are from (the web UI sends it)' }),
});

export type CodecPayload = z.infer<typeof codecPayload>;
