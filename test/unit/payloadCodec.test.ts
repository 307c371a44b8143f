import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure, defaultPayloadConverter, METADATA_ENCODING_KEY } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import {
  ensureKeyFile,
  parseKeyList,
  PayloadKeyError,
  PayloadKeys,
  rotateKeyFile,
} from '../../config/payloadKeys';
import { decodeInPlace, EncryptionCodec, keyIdMetadata } from '../../common/payloadCodec';
import { failureConverter } from '../../common/failureConverter';
import { keyList, testKeys } from '../support/payloadKeys';

const resident = { name: '欧阳娜娜', phone: '13912345678' };
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const payloadOf = (value: unknown) => defaultPayloadConverter.toPayload(value);

describe('the payload codec', () => {
  test('When a payload is encoded, then it carries only ciphertext and the key id, and decodes to the same payload', async () => {
    const keys = testKeys();
    const codec = new EncryptionCodec(keys);
    const [encoded] = await codec.encode([payloadOf({ requester: resident })]);
    expect(text(encoded.metadata![METADATA_ENCODING_KEY])).toBe('binary/encrypted');
    expect(text(encoded.metadata![keyIdMetadata])).toBe(keys.activeId);
    const raw = Buffer.from(encoded.data!);
    expect(raw.includes(Buffer.from(resident.name))).toBe(false);
    expect(raw.includes(Buffer.from(resident.phone))).toBe(false);
    const [decoded] = await codec.decode([encoded]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual({ requester: resident });
  });

  test('When the same payload is encoded twice, then the ciphertexts differ (a fresh IV each time)', async () => {
    const codec = new EncryptionCodec(testKeys());
    const [a, b] = await codec.encode([payloadOf('same'), payloadOf('same')]);
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  });

  test('When a payload was written without the codec, then it decodes unchanged', async () => {
    const plain = payloadOf({ recorded: 'before encryption' });
    expect(await new EncryptionCodec(testKeys()).decode([plain])).toEqual([plain]);
  });

  test('When a payload is under a key the process does not hold, or altered, then decoding fails rather than guess', async () => {
    const [encoded] = await new EncryptionCodec(testKeys()).encode([payloadOf('x')]);
    await expect(new EncryptionCodec(testKeys()).decode([encoded])).rejects.toThrow('does not hold');
  });

  test('When keys are rotated, then payloads under the old key still decode and new ones use the new key', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lianxin-keys-')), 'keys', 'payload-keys.json');
    const { ring } = ensureKeyFile(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const settings = { PAYLOAD_KEYS: '', PAYLOAD_KEYS_FILE: file };
    const [old] = await new EncryptionCodec(PayloadKeys.load(settings)).encode([payloadOf('old')]);
    const rotated = rotateKeyFile(file);
    const codec = new EncryptionCodec(PayloadKeys.load(settings));
    const [fresh] = await codec.encode([payloadOf('new')]);
    expect(text(fresh.metadata![keyIdMetadata])).toBe(rotated.active);
    expect(rotated.active).not.toBe(ring.active);
    const decoded = await codec.decode([old, fresh]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual(['old', 'new']);
    expect(readFileSync(file, 'utf8')).toContain(ring.active);
  });

  test('When PAYLOAD_KEYS lists keys, then the first encrypts and all decrypt; a malformed list names the problem', () => {
    const a = testKeys();
    const b = testKeys();
    const ring = parseKeyList(`${keyList(b)},${keyList(a)}`);
    expect(ring.active).toBe(b.activeId);
    expect([...ring.keys.keys()]).toEqual([b.activeId, a.activeId]);
    expect(() => parseKeyList('k1:c2hvcnQ=')).toThrow(PayloadKeyError);
    expect(() => parseKeyList('k1:c2hvcnQ=')).toThrow('32 bytes');
    expect(() => parseKeyList('')).toThrow(PayloadKeyError);
  });
});

describe('failures', () => {
  test('When a refusal leaves a workflow, then its message travels in an encrypted payload, and reads back whole', async () => {
    const keys = testKeys();
    const codec = new EncryptionCodec(keys);
    const failure = failureConverter.errorToFailure(
      ApplicationFailure.nonRetryable(`requester ${resident.name} may not act`, 'forbidden'),
      defaultPayloadConverter,
    );
    expect(failure.message).toBe('Encoded failure');
    [failure.encodedAttributes] = await codec.encode([failure.encodedAttributes!]);
    const wire = temporal.api.failure.v1.Failure.encode(failure).finish();
    expect(Buffer.from(wire).includes(Buffer.from(resident.name))).toBe(false);

    const history = temporal.api.history.v1.History.decode(
      temporal.api.history.v1.History.encode({
        events: [{ workflowExecutionFailedEventAttributes: { failure } }],
      }).finish(),
    );
    await decodeInPlace([codec], history);
    const read = history.events[0].workflowExecutionFailedEventAttributes!.failure!;
    expect(read.message).toBe(`requester ${resident.name} may not act`);
    expect(read.applicationFailureInfo?.type).toBe('forbidden');
  });
});
