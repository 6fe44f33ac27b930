import { CompactSign } from 'jose';
import { isSigningAlg, type SigningAlg } from '../base/algorithms';
import { utf8 } from '../base/encoding';
import { JwtWorkbenchError } from '../base/errors';
import { importForSigning } from '../keys/keyImport';
import { resolveKeys } from '../keys/resolve';
import { type KeyCache } from '../keys/cache';
import { type KeyInput, type ResolvedKey } from '../keys/types';
import { assertMlDsa } from '../keys/mlDsa';

/** Options of {@link signToken}. */
export interface SignOptions {
  /** Default: HS256 for a secret; the key's own algorithm (RS256, ES256/384/512, EdDSA) for a private key. */
  alg?: SigningAlg;
  /** Lifetime for the default `exp`: seconds, or '30s', '30m', '2h', '7d', '1w'. Default '1d'. */
  lifetime?: string | number;
  /** Default `iss`, added when the payload has none. */
  issuer?: string;
  /** Default `aud`, added when the payload has none. */
  audience?: string | string[];
  /** Extra protected header fields (`kid`, `typ`, `cty`, …). `alg` always comes from the key and options. */
  header?: Record<string, unknown>;
  /** The clock for `iat`/`exp`. Default: now. */
  now?: Date;
  /** Default true: add `iat` and `exp` when absent, `iss`/`aud` when given and absent. */
  addDefaults?: boolean;
  /** Keys read and imported before are taken from here (and kept in it). */
  cache?: KeyCache;
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Seconds in a lifetime such as 3600, '30m', '2h', '7d'. Throws ERR_LIFETIME_FORMAT for anything else. */
export function parseLifetime(lifetime: string | number): number {
  if (typeof lifetime === 'number') {
    if (Number.isFinite(lifetime) && lifetime > 0) return Math.floor(lifetime);
  } else {
    // Trimmed first: blanks at both ends as three adjacent \s* backtracked against each other (a setting's text).
    const m = /^(\d+(?:\.\d+)?)\s*([smhdw]?)$/i.exec(lifetime.trim());
    if (m) {
      const seconds = Math.floor(Number(m[1]) * UNIT_SECONDS[(m[2] || 's').toLowerCase()]);
      if (seconds > 0) return seconds;
    }
  }
  throw new JwtWorkbenchError('ERR_LIFETIME_FORMAT', `"${String(lifetime).slice(0, 40)}${String(lifetime).length > 40 ? '…' : ''}" is not a lifetime; use seconds or a number with s, m, h, d or w (e.g. 30m, 1d).`);
}

/** The payload with default claims filled in, exactly as {@link signToken} signs it. */
export function withDefaultClaims(payload: Record<string, unknown>, opts: SignOptions = {}): Record<string, unknown> {
  if (opts.addDefaults === false) return { ...payload };
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const out: Record<string, unknown> = { ...payload };
  if (out.iat === undefined) out.iat = now;
  if (out.exp === undefined) out.exp = (typeof out.iat === 'number' ? out.iat : now) + parseLifetime(opts.lifetime ?? '1d');
  if (out.iss === undefined && opts.issuer) out.iss = opts.issuer;
  if (out.aud === undefined && opts.audience !== undefined && opts.audience.length > 0) out.aud = opts.audience;
  return out;
}

/** The algorithm a key signs with when none is asked for. */
export function defaultAlgFor(key: ResolvedKey): SigningAlg {
  if (key.family === 'oct') return 'HS256';
  if (key.family === 'RSA') return 'RS256';
  const alg = key.algorithms[0];
  if (!alg) throw new JwtWorkbenchError('ERR_KEY_ALG_MISMATCH', `A ${key.description} cannot sign JWS tokens.`);
  return alg;
}

function pickSigningKey(keys: ResolvedKey[], alg: SigningAlg | undefined, kid: unknown): ResolvedKey {
  const candidates = keys.filter((k) => k.isPrivate && (kid === undefined || k.kid === kid) && (!alg || k.algorithms.includes(alg)));
  return candidates[0] ?? keys.find((k) => kid === undefined || k.kid === kid) ?? keys[0];
}

/**
 * Sign `payload` as a compact JWS (a JWT). The algorithm must fit the key: a PEM or JWK is never used as an HMAC
 * secret, an RSA key never signs HS256 (`ERR_KEY_ALG_MISMATCH`); a public key cannot sign (`ERR_KEY_NOT_PRIVATE`).
 * Default claims are added as described in {@link SignOptions}. Does not check the payload's claim values.
 */
export async function signToken(payload: Record<string, unknown>, key: KeyInput, opts: SignOptions = {}): Promise<string> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new JwtWorkbenchError('ERR_PAYLOAD_NOT_OBJECT', 'A JWT payload must be a JSON object.');
  if (opts.alg !== undefined && !isSigningAlg(opts.alg)) throw new JwtWorkbenchError('ERR_ALG_UNSUPPORTED', `"${String(opts.alg)}" is not a JWS algorithm this tool signs with.`);
  const resolved = pickSigningKey(resolveKeys(key, opts.cache), opts.alg, opts.header?.kid);
  const alg = opts.alg ?? defaultAlgFor(resolved);
  const header: Record<string, unknown> = { alg, typ: 'JWT', ...opts.header };
  if (resolved.kid !== undefined && header.kid === undefined) header.kid = resolved.kid;
  return signWithKey(withDefaultClaims(payload, opts), resolved, alg, header, opts.cache);
}

/** Sign `claims` as they are with exactly `resolved` (one key, already chosen), under `header` with `alg` set. */
export async function signWithKey(claims: Record<string, unknown>, resolved: ResolvedKey, alg: SigningAlg, header: Record<string, unknown>, cache?: KeyCache): Promise<string> {
  await assertMlDsa(alg);
  const cryptoKey = await importForSigning(resolved, alg, cache);
  const body = utf8.encode(JSON.stringify(claims));
  return new CompactSign(body).setProtectedHeader({ ...header, alg }).sign(cryptoKey);
}
