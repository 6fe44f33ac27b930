// Keys as JWKs and JWK Sets (RFC 7517): each checked and made canonical (minimal RSA integers, exact EC coordinates),
// and used only for what it declares.
import type { JWK } from 'jose';
import { EC_CURVE_ALG, RSA_ALGS, type SigningAlg } from '../base/algorithms';
import { base64UrlToBytes, bytesToBase64Url } from '../base/encoding';
import { keyError } from '../base/errors';
import { bitLength, ed25519KeyProblem, rsaKeyProblem, stripLeadingZeros } from './keyChecks';
import { mlDsaInfo, readAkpJwk } from './mlDsa';
import { secretKey } from './secret';
import type { RejectedKey, ResolvedKey, ResolvedKeySet } from './types';

/** The private members of an RSA JWK (RFC 7518 §6.3.2). */
export const RSA_PRIVATE_FIELDS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;

/** An RSA JWK, checked (exponent, modulus, ROCA) and with its integers made minimal. */
export function rsaJwkKey(jwk: JWK, isPrivate: boolean, noun: 'key' | 'JWK', kid?: string): ResolvedKey {
  const read = (name: string, v: unknown): Uint8Array => {
    if (typeof v !== 'string') throw keyError(`The RSA ${noun} has no "${name}".`);
    try {
      return stripLeadingZeros(base64UrlToBytes(v));
    } catch {
      throw keyError(`The RSA ${noun}'s "${name}" is not base64url.`);
    }
  };
  const n = read('n', jwk.n);
  const e = read('e', jwk.e);
  const problem = rsaKeyProblem(n, e);
  if (problem) throw keyError(`This RSA ${noun} cannot be trusted: ${problem}`);
  const canonical: Record<string, unknown> = { ...jwk, n: bytesToBase64Url(n), e: bytesToBase64Url(e) };
  if (isPrivate) for (const f of RSA_PRIVATE_FIELDS) canonical[f] = bytesToBase64Url(read(f, (jwk as Record<string, unknown>)[f]));
  const bits = bitLength(n);
  const kind = isPrivate ? 'private' : 'public';
  return { family: 'RSA', bits, isPrivate, kid, algorithms: [...RSA_ALGS], description: `RSA ${kind} ${noun} (${bits} bits)`, material: { kind: 'jwk', jwk: canonical as JWK } };
}

/** The byte length of a coordinate (and of `d`) on each curve. */
const EC_SIZE: Readonly<Record<string, number>> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

/**
 * An EC JWK coordinate at its curve's exact length: leading zero bytes stripped, or zeros prepended to one that an
 * encoder shortened — Node accepts 31 or 33 bytes where Chromium refuses them, so the key means the same everywhere.
 */
function ecCoordinate(name: string, v: unknown, size: number): string {
  if (typeof v !== 'string') throw keyError(`The EC JWK has no "${name}".`);
  let bytes: Uint8Array;
  try {
    bytes = base64UrlToBytes(v);
  } catch {
    throw keyError(`The EC JWK's "${name}" is not base64url.`);
  }
  const minimal = stripLeadingZeros(bytes);
  if (minimal.length > size) throw keyError(`The EC JWK's "${name}" coordinate is ${bytes.length} bytes; on this curve it is ${size}.`);
  const out = new Uint8Array(size);
  out.set(minimal, size - minimal.length);
  return bytesToBase64Url(out);
}

export function refuseEd25519(x: Uint8Array): void {
  const problem = ed25519KeyProblem(x);
  if (problem) throw keyError(`This Ed25519 public key cannot be trusted: ${problem}`);
}

export function jwkKey(value: object): ResolvedKey {
  const jwk = value as JWK & Record<string, unknown>;
  if (typeof jwk.kty !== 'string') throw keyError('The JWK has no "kty".');
  const kid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
  const isPrivate = typeof jwk.d === 'string';
  const kind = isPrivate ? 'private' : 'public';
  let key: ResolvedKey;
  switch (jwk.kty) {
    case 'oct': {
      if (typeof jwk.k !== 'string') throw keyError('The "oct" JWK has no "k".');
      let bytes: Uint8Array;
      try {
        bytes = base64UrlToBytes(jwk.k);
      } catch {
        throw keyError('The JWK\'s "k" is not base64url.');
      }
      key = secretKey(bytes, kid);
      break;
    }
    case 'RSA':
      key = rsaJwkKey(jwk, isPrivate, 'JWK', kid);
      break;
    case 'EC': {
      const fit = typeof jwk.crv === 'string' ? EC_CURVE_ALG[jwk.crv] : undefined;
      if (!fit) throw keyError(`The EC JWK's curve ${String(jwk.crv)} has no JWS algorithm (P-256, P-384, P-521).`);
      const size = EC_SIZE[jwk.crv!];
      const canonical: JWK = { ...jwk, x: ecCoordinate('x', jwk.x, size), y: ecCoordinate('y', jwk.y, size) };
      if (isPrivate) canonical.d = ecCoordinate('d', jwk.d, size);
      key = { family: 'EC', curve: jwk.crv, isPrivate, kid, algorithms: [fit], description: `EC ${jwk.crv} ${kind} JWK`, material: { kind: 'jwk', jwk: canonical } };
      break;
    }
    case 'OKP': {
      if (jwk.crv !== 'Ed25519' && jwk.crv !== 'X25519') throw keyError(`OKP curve ${String(jwk.crv)} is not supported (Ed25519 is).`);
      if (jwk.crv === 'Ed25519') {
        let x: Uint8Array;
        try {
          x = base64UrlToBytes(String(jwk.x));
        } catch {
          throw keyError('The Ed25519 JWK\'s "x" is not base64url.');
        }
        refuseEd25519(x);
      }
      const algs: SigningAlg[] = jwk.crv === 'Ed25519' ? ['EdDSA', 'Ed25519'] : [];
      key = { family: 'OKP', curve: jwk.crv, isPrivate, kid, algorithms: algs, description: `${jwk.crv} ${kind} JWK`, material: { kind: 'jwk', jwk } };
      break;
    }
    case 'AKP': {
      const akp = readAkpJwk(jwk);
      key = { ...mlDsaInfo(akp.alg, akp.isPrivate, 'JWK', kid), material: { kind: 'jwk', jwk } };
      break;
    }
    default:
      throw keyError(`JWK key type "${jwk.kty}" is not supported.`);
  }
  return withDeclarations(key, jwk);
}

const SIGNATURE_OPS = ['sign', 'verify'];

/** A JWK is used only for what it declares: its `use`, `key_ops` and `alg` (RFC 7517 §4.2–4.4), on every path. */
function withDeclarations(key: ResolvedKey, jwk: Record<string, unknown>): ResolvedKey {
  const use = typeof jwk.use === 'string' ? jwk.use : undefined;
  const keyOps = Array.isArray(jwk.key_ops) ? jwk.key_ops.filter((o): o is string => typeof o === 'string') : undefined;
  const declaredAlg = typeof jwk.alg === 'string' ? jwk.alg : undefined;
  let algorithms = key.algorithms;
  let limitedBy: string | undefined;
  if (use !== undefined && use !== 'sig') {
    algorithms = [];
    limitedBy = `its "use" is "${use}"${use === 'enc' ? ' (an encryption key)' : ''}`;
  } else if (keyOps && !keyOps.some((o) => SIGNATURE_OPS.includes(o))) {
    algorithms = [];
    limitedBy = `its "key_ops" are ${keyOps.map((o) => `"${o}"`).join(', ') || 'empty'}, not "verify"`;
  } else if (declaredAlg !== undefined) {
    // RFC 9864 §2: with an Ed25519 key, "EdDSA" and "Ed25519" name the same signature.
    algorithms = algorithms.filter((a) => a === declaredAlg || (a === 'EdDSA' && declaredAlg === 'Ed25519') || (a === 'Ed25519' && declaredAlg === 'EdDSA'));
    if (!algorithms.length) limitedBy = `its "alg" is "${declaredAlg}"`;
  }
  return { ...key, algorithms, ...(use && { use }), ...(keyOps && { keyOps }), ...(declaredAlg && { declaredAlg }), ...(limitedBy && { limitedBy }) };
}

/**
 * Every member of a JWKS, each with its own declarations (an encryption member has no signing algorithm but can
 * decrypt a JWE). Members that cannot be read are listed in `rejected` with the reason, so that a token whose kid
 * names one can be told why; only a set with no usable member at all is an error.
 */
export function jwksKeys(value: object): ResolvedKeySet {
  const members = (value as { keys?: unknown }).keys;
  if (!Array.isArray(members)) throw keyError('The JWKS has no "keys" array.');
  const keys: ResolvedKey[] = [];
  const rejected: RejectedKey[] = [];
  for (const k of members) {
    if (!k || typeof k !== 'object') continue;
    const kid = typeof (k as { kid?: unknown }).kid === 'string' ? (k as { kid: string }).kid : undefined;
    try {
      keys.push(jwkKey(k));
    } catch (e) {
      rejected.push({ kid, reason: (e as Error).message });
    }
  }
  if (keys.length === 0) {
    const why = rejected.map((r) => (r.kid ? `"${r.kid}": ${r.reason}` : r.reason)).join(' ');
    throw keyError(`The JWKS holds no key this tool can use.${why ? ` ${why}` : ''}`);
  }
  return { keys, rejected };
}
