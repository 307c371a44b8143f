import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PayloadKeys } from '../config/payloadKeys';

/**
 * AES-256-GCM, the one cipher of payloads and archives: a random 12-byte IV each time, the
 * 16-byte tag after the ciphertext, and the key id authenticated with them, so a sealed value
 * cannot be passed off as another key's.
 */
const ivBytes = 12;
const tagBytes = 16;

export class SealError extends Error {}

export interface Sealed {
  keyId: string;
  /** iv ‖ ciphertext ‖ tag */
  bytes: Buffer;
}

export function seal(keys: PayloadKeys, plain: Uint8Array): Sealed {
  const keyId = keys.activeId;
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', keys.active, iv);
  cipher.setAAD(Buffer.from(keyId, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { keyId, bytes: Buffer.concat([iv, body, cipher.getAuthTag()]) };
}

export function open(keys: PayloadKeys, { keyId, bytes }: Sealed): Buffer {
  const key = keys.key(keyId);
  if (!key) throw new SealError(`encrypted with key ${keyId}, which this process does not hold`);
  if (bytes.length < ivBytes + tagBytes)
    throw new SealError(`encrypted data too short (${bytes.length} bytes)`);
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, ivBytes));
  decipher.setAAD(Buffer.from(keyId, 'utf8'));
  decipher.setAuthTag(bytes.subarray(bytes.length - tagBytes));
  try {
    return Buffer.concat([
      decipher.update(bytes.subarray(ivBytes, bytes.length - tagBytes)),
      decipher.final(),
    ]);
  } catch {
    throw new SealError(`encrypted data under key ${keyId} does not authenticate (altered, or another key)`);
  }
}
