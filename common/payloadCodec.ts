import type { Client } from '@temporalio/client';
import { DataConverter, METADATA_ENCODING_KEY, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKeys } from '../config/payloadKeys';
import { open, seal } from './cipher';

/**
 * Residents' names, phone numbers and words travel in Temporal payloads: workflow inputs, states,
 * update arguments, results, failures. This codec encrypts each one whole (the inner payload,
 * metadata included) before it leaves the process, so Temporal's server and its database hold
 * only ciphertext, and the key id rides in clear beside it. A payload without this encoding (one
 * recorded before the codec, a search attribute) decodes unchanged.
 */
export const encryptedEncoding = 'binary/encrypted';
export const keyIdMetadata = 'encryption-key-id';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const text = (bytes: Uint8Array | null | undefined) =>
  bytes ? Buffer.from(bytes).toString('utf8') : undefined;
const { Payload: PayloadMessage } = temporal.api.common.v1;
const { Failure: FailureMessage } = temporal.api.failure.v1;

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: PayloadKeys) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const { keyId, bytes } = seal(this.keys, PayloadMessage.encode(payload).finish());
      return {
        metadata: { [METADATA_ENCODING_KEY]: utf8(encryptedEncoding), [keyIdMetadata]: utf8(keyId) },
        data: bytes,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== encryptedEncoding) return payload;
      const keyId = text(payload.metadata?.[keyIdMetadata]);
      if (!keyId) throw new Error(`an encrypted payload without its ${keyIdMetadata}`);
      return PayloadMessage.decode(open(this.keys, { keyId, bytes: Buffer.from(payload.data ?? []) }));
    });
  }
}

/**
 * What every Client and Worker of the app is given: the encryption codec, and failures whose
 * message and stack trace travel as an (encrypted) payload, since a refusal can quote a case.
 */
export function dataConverter(keys: PayloadKeys): DataConverter {
  return {
    payloadCodecs: [new EncryptionCodec(keys)],
    failureConverterPath: failureConverterPath(),
  };
}

/** The module workflow bundles load their failure converter from (worker/bundle.ts). */
export const failureConverterPath = () => require.resolve('./failureConverter');

/** The codecs a client was built with: what reads raw histories with it must decode with. */
export function codecsOf(client: Pick<Client, 'options'>): PayloadCodec[] {
  return client.options.loadedDataConverter.payloadCodecs;
}

/**
 * Decodes, in place, every payload in a message read raw from Temporal (a history, an event), and
 * puts back the message and stack trace of each failure that carried them encoded, so what reads
 * it afterwards (the timeline, the replayer, an archive) sees it as if no codec were there.
 */
export async function decodeInPlace<M extends object>(codecs: PayloadCodec[], message: M): Promise<M> {
  if (codecs.length === 0) return message;
  const payloads: temporal.api.common.v1.IPayload[] = [];
  const failures: temporal.api.failure.v1.IFailure[] = [];
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return;
    // Decoded messages name their protobuf type: a payload is known by it, not by its shape.
    const type = (value as { $type?: unknown }).$type;
    if (type === PayloadMessage) {
      payloads.push(value);
      return;
    }
    if (type === FailureMessage && (value as temporal.api.failure.v1.IFailure).encodedAttributes)
      failures.push(value);
    for (const child of Array.isArray(value) ? value : Object.values(value)) visit(child);
  };
  visit(message);
  let decoded: Payload[] = payloads;
  for (const codec of [...codecs].reverse()) decoded = await codec.decode(decoded);
  payloads.forEach((payload, i) => {
    payload.metadata = decoded[i].metadata;
    payload.data = decoded[i].data;
  });
  for (const failure of failures) restoreFailureText(failure);
  return message;
}

function restoreFailureText(failure: temporal.api.failure.v1.IFailure): void {
  const encoding = text(failure.encodedAttributes?.metadata?.[METADATA_ENCODING_KEY]);
  if (encoding !== 'json/plain') return;
  const attrs = JSON.parse(text(failure.encodedAttributes!.data) ?? 'null') as {
    message?: unknown;
    stack_trace?: unknown;
  } | null;
  if (typeof attrs?.message === 'string') failure.message = attrs.message;
  if (typeof attrs?.stack_trace === 'string') failure.stackTrace = attrs.stack_trace;
}
