import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * The keys that encrypt residents' data in Temporal payloads and archives (AES-256: 32 bytes each).
 * One is active and encrypts; every one decrypts, so a rotation adds a key and keeps the old ones.
 */
export interface KeyRing {
  active: string;
  keys: ReadonlyMap<string, Buffer>;
}

export class PayloadKeyError extends Error {}

const keyId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a key id is 1–64 letters, digits, . _ or -');
const keyBytes = z
  .string()
  .transform((b64) => Buffer.from(b64, 'base64'))
  .refine((key) => key.length === 32, 'a key is 32 bytes, base64-encoded');

/** The key file: `{"active": "<id>", "keys": {"<id>": "<base64>", …}}`. */
const keyFileSchema = z
  .object({ active: keyId, keys: z.record(keyId, keyBytes) })
  .refine((file) => file.keys[file.active] !== undefined, 'the active key must be among the keys');

function ringOf(
  source: string,
  parsed: z.ZodSafeParseResult<{ active: string; keys: Record<string, Buffer> }>,
) {
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PayloadKeyError(`${source}: ${issue.path.join('.') || 'keys'}: ${issue.message}`);
  }
  return { active: parsed.data.active, keys: new Map(Object.entries(parsed.data.keys)) };
}

/** `PAYLOAD_KEYS`: `id:base64,id:base64`; the first encrypts. */
export function parseKeyList(list: string): KeyRing {
  const entries = list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf(':');
      return at < 0 ? ['', entry] : [entry.slice(0, at), entry.slice(at + 1)];
    });
  const raw = { active: entries[0]?.[0] ?? '', keys: Object.fromEntries(entries) };
  return ringOf('PAYLOAD_KEYS', keyFileSchema.safeParse(raw));
}

export function readKeyFile(path: string): KeyRing {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new PayloadKeyError(
      `${path}: ${(err as Error).message} (run \`npm run keys -- init\`, or set PAYLOAD_KEYS)`,
    );
  }
  return ringOf(path, keyFileSchema.safeParse(raw));
}

/** Where a process's keys come from: PAYLOAD_KEYS when set, else the key file. */
export interface KeySettings {
  PAYLOAD_KEYS: string;
  PAYLOAD_KEYS_FILE: string;
}

/**
 * The keys a process holds. A payload under a key it does not know (rotated in after it started)
 * makes it read its keys again, at most once a second, rather than fail until a restart.
 */
export class PayloadKeys {
  private lastRead = Date.now();

  constructor(
    private ring: KeyRing,
    private readonly reread?: () => KeyRing,
  ) {}

  static load(settings: KeySettings): PayloadKeys {
    const read = () =>
      settings.PAYLOAD_KEYS ? parseKeyList(settings.PAYLOAD_KEYS) : readKeyFile(settings.PAYLOAD_KEYS_FILE);
    return new PayloadKeys(read(), read);
  }

  get activeId(): string {
    return this.ring.active;
  }

  get active(): Buffer {
    return this.ring.keys.get(this.ring.active)!;
  }

  get ids(): string[] {
    return [...this.ring.keys.keys()];
  }

  key(id: string): Buffer | undefined {
    const known = this.ring.keys.get(id);
    if (known || !this.reread || Date.now() - this.lastRead < 1_000) return known;
    this.lastRead = Date.now();
    this.ring = this.reread();
    return this.ring.keys.get(id);
  }
}

/** A fresh key's id names the day it was made, so `keys list` reads as a history of rotations. */
export function newKey(now = new Date()): { id: string; key: Buffer } {
  return { id: `k${now.toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`, key: randomBytes(32) };
}

function writeKeyFile(path: string, ring: KeyRing): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const keys = Object.fromEntries([...ring.keys].map(([id, key]) => [id, key.toString('base64')]));
  const draft = `${path}.${process.pid}.tmp`;
  writeFileSync(draft, `${JSON.stringify({ active: ring.active, keys }, null, 2)}\n`, { mode: 0o600 });
  renameSync(draft, path);
}

/** `npm start` and `keys init`: a key file with one fresh key, unless one is there already. */
export function ensureKeyFile(path: string): { created: boolean; ring: KeyRing } {
  if (existsSync(path)) return { created: false, ring: readKeyFile(path) };
  const { id, key } = newKey();
  const ring = { active: id, keys: new Map([[id, key]]) };
  writeKeyFile(path, ring);
  return { created: true, ring };
}

/** A new active key; the old ones stay, so whatever they encrypted stays readable. */
export function rotateKeyFile(path: string, now = new Date()): KeyRing {
  const old = readKeyFile(path);
  const { id, key } = newKey(now);
  const ring = { active: id, keys: new Map([...old.keys, [id, key]]) };
  writeKeyFile(path, ring);
  return ring;
}

/** Entry points: a missing or malformed key file is one line and exit 2, as a wrong variable is (config/env.ts). */
export function loadPayloadKeysOrExit(settings: KeySettings): PayloadKeys {
  try {
    return PayloadKeys.load(settings);
  } catch (err) {
    if (!(err instanceof PayloadKeyError)) throw err;
    console.error(`configuration: ${err.message}`);
    process.exit(2);
  }
}
