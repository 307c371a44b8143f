import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import { roleClaim, unitClaim } from './claims';
import { KeyFile } from './keyFile';

export interface IssuerOptions {
  issuer: string;
  audience: string;
  /** Where the person's id goes (AUTH_SUBJECT_CLAIM); `sub` always carries it too */
  subjectClaim: string;
  ttlSeconds: number;
}

export interface IssuedToken {
  token: string;
  expiresAt: string;
}

/**
 * The built-in issuer, for local use, tests and the demo: signs tokens for people of the org
 * directory with the newest key of its key file. An office connects its own OIDC provider instead
 * (AUTH_JWKS_URL), and then this one is off.
 */
export class BuiltInIssuer {
  constructor(
    readonly keys: KeyFile,
    readonly options: IssuerOptions,
  ) {}

  async issue(
    personId: string,
    choice: { role?: string; unit?: string; ttlSeconds?: number } = {},
  ): Promise<IssuedToken> {
    const key = await this.keys.current();
    const now = Math.floor(Date.now() / 1000);
    const exp = now + (choice.ttlSeconds ?? this.options.ttlSeconds);
    const token = await new SignJWT({
      [this.options.subjectClaim]: personId,
      ...(choice.role ? { [roleClaim]: choice.role } : {}),
      ...(choice.unit ? { [unitClaim]: choice.unit } : {}),
    })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .setSubject(personId)
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(await importJWK(key.jwk, key.alg));
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }
}
