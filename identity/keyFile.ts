import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, JSONWebKeySet, JWK } from 'jose';

export const signingAlgorithm = 'ES256';

/** One signing key of the built-in issuer; the newest signs, the older ones still verify. */
export interface SigningKey {
  kid: string;
  alg: typeof signingAlgorithm;
  createdAt: string;
  /** The private JWK (with `d`): the file is readable by its owner only */
  jwk: JWK;
}

/**
 * The built-in issuer's keys in `<dir>/signing-keys.json`, generated on first use. Rotation adds
 * a key and keeps the old ones, so tokens they signed verify until they expire; verifiers reload
 * the file when they meet a key id they do not know (identity/verifier.ts).
 */
export class KeyFile {
  readonly path: string;

  constructor(readonly dir: string) {
    this.path = join(dir, 'signing-keys.json');
  }

  /** The keys, oldest first, generating the first one when there is no file yet. */
  async keys(): Promise<SigningKey[]> {
    const existing = this.read();
    if (existing) return existing;
    const created = [await newKey()];
    // Created exclusively (a hard link fails if the file exists): a process racing this one keeps its own.
    const tmp = this.write(created);
    try {
      linkSync(tmp, this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      rmSync(tmp, { force: true });
    }
    return this.read()!;
  }

  /** The key that signs new tokens. */
  async current(): Promise<SigningKey> {
    return (await this.keys()).at(-1)!;
  }

  /** Adds a new signing key; the old ones stay in the JWKS. */
  async rotate(): Promise<SigningKey> {
    const keys = [...(await this.keys()), await newKey()];
    renameSync(this.write(keys), this.path);
    return keys.at(-1)!;
  }

  /** The public keys, as `GET /auth/jwks.json` serves them. */
  async jwks(): Promise<JSONWebKeySet> {
    return publicKeySet((await this.keys()).map((key) => key.jwk));
  }

  /** The file's identity (modification time and size), to notice a rotation by another process. */
  stamp(): string | undefined {
    try {
      const { mtimeMs, size } = statSync(this.path);
      return `${mtimeMs}:${size}`;
    } catch {
      return undefined;
    }
  }

  read(): SigningKey[] | undefined {
    try {
      return (JSON.parse(readFileSync(this.path, 'utf8')) as { keys: SigningKey[] }).keys;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  private write(keys: SigningKey[]): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, JSON.stringify({ keys }, null, 2), { mode: 0o600 });
    return tmp;
  }
}

/** Public halves only: the private `d` never leaves the file. */
export function publicKeySet(jwks: JWK[]): JSONWebKeySet {
  return {
    keys: jwks.map(({ kty, crv, x, y, kid, alg }) => ({ kty, crv, x, y, kid, alg, use: 'sig' })),
  };
}

async function newKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair(signingAlgorithm, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    kid,
    alg: signingAlgorithm,
    createdAt: new Date().toISOString(),
    jwk: { ...jwk, kid, alg: signingAlgorithm },
  };
}
