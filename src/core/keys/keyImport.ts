/**
 * Keys as Web Crypto wants them, for one purpose each: signing, verifying, decrypting — and the checks that a key
 * fits the purpose (its type, and its declared use, key_ops and alg). Reading keys is keys/resolve.ts.
 */
import { exportJWK, importJWK, importPKCS8, importSPKI, type CryptoKey, type JWK } from 'jose';
import { PSS_ALGS, algHash, type SigningAlg } from '../base/algorithms';
import { bytesToBase64 } from '../base/encoding';
import { JwtWorkbenchError } from '../base/errors';
import type { KeyCache } from './cache';
import type { KeyFamily, ResolvedKey } from './types';
import { PRIVATE_JWK_MEMBERS } from './types';

const PSS = new Set<string>(PSS_ALGS);

function pem(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${bytesToBase64(der).replace(/.{64}/g, '$&\n')}\n-----END ${label}-----`;
}

/** Import the key for `alg`, private for signing. Throws ERR_KEY_ALG_MISMATCH when the key does not fit `alg`. */
export async function importForSigning(key: ResolvedKey, alg: SigningAlg, cache?: KeyCache): Promise<CryptoKey | Uint8Array> {
  assertFits(key, alg);
  if (!key.isPrivate) throw new JwtWorkbenchError('ERR_KEY_NOT_PRIVATE', `${article(key.description)} can only verify; signing needs the private key.`);
  if (key.keyOps && !key.keyOps.includes('sign')) throw new JwtWorkbenchError('ERR_KEY_ALG_MISMATCH', `This key's "key_ops" (${key.keyOps.join(', ')}) do not include "sign".`);
  return cache ? cache.import(key, `sign:${alg}`, () => importSigning(key, alg)) : importSigning(key, alg);
}

/** An HMAC secret as a CryptoKey: imported once here instead of by jose on every call. */
function hmacKey(bytes: Uint8Array, alg: SigningAlg, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytes as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: algHash(alg) }, false, [usage]);
}

/** The JWK as Web Crypto should see it: declarations are enforced here, not left to each runtime's reading of them. */
function bare(jwk: JWK, alg: string): JWK {
  const { use: _use, key_ops: _ops, ext: _ext, ...rest } = jwk;
  return { ...rest, alg };
}

async function importSigning(key: ResolvedKey, alg: SigningAlg): Promise<CryptoKey | Uint8Array> {
  const m = key.material;
  if (m.kind === 'secret') return hmacKey(m.bytes, alg, 'sign');
  if (m.kind === 'pkcs8') return importPKCS8(pem('PRIVATE KEY', m.der), alg);
  if (m.kind === 'jwk') return importJWK(bare(m.jwk, alg), alg) as Promise<CryptoKey | Uint8Array>;
  throw new JwtWorkbenchError('ERR_KEY_NOT_PRIVATE', `${article(key.description)} can only verify; signing needs the private key.`);
}

/** Import the key for verifying `alg`: a private key is reduced to its public half. */
export async function importForVerifying(key: ResolvedKey, alg: SigningAlg, cache?: KeyCache): Promise<CryptoKey | Uint8Array> {
  assertFits(key, alg);
  return cache ? cache.import(key, `verify:${alg}`, () => importVerifying(key, alg)) : importVerifying(key, alg);
}

/**
 * The key for verifying `alg` when the cache already holds it imported, else undefined — checked against `alg` and the
 * key's declarations exactly as {@link importForVerifying} checks it (throws the same errors), but without an await.
 */
export function verifyingKeyNow(key: ResolvedKey, alg: SigningAlg, cache?: KeyCache): CryptoKey | Uint8Array | undefined {
  assertFits(key, alg);
  return cache?.importedNow(key, `verify:${alg}`);
}

async function importVerifying(key: ResolvedKey, alg: SigningAlg): Promise<CryptoKey | Uint8Array> {
  const m = key.material;
  if (m.kind === 'secret') return hmacKey(m.bytes, alg, 'verify');
  if (m.kind === 'spki') return importSPKI(pem('PUBLIC KEY', m.der), alg);
  if (m.kind === 'jwk') return importJWK(bare(publicJwk(m.jwk), alg), alg) as Promise<CryptoKey | Uint8Array>;
  const priv = await importPKCS8(pem('PRIVATE KEY', m.der), alg, { extractable: true });
  return importJWK(bare(publicJwk(await exportJWK(priv)), alg), alg) as Promise<CryptoKey | Uint8Array>;
}

/** The JWE key management algorithms each key family can decrypt (RSA1_5 deliberately absent: RFC 8725 §3.2). */
export const JWE_ALGS_BY_FAMILY: Readonly<Record<KeyFamily, readonly string[]>> = {
  oct: ['dir', 'A128KW', 'A192KW', 'A256KW', 'A128GCMKW', 'A192GCMKW', 'A256GCMKW', 'PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW'],
  RSA: ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512'],
  EC: ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'],
  OKP: ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'],
  AKP: [],
};

const DECRYPTION_OPS = ['decrypt', 'unwrapKey', 'deriveKey', 'deriveBits'];

/**
 * Why `key` may not decrypt a JWE whose header says `alg`, or undefined when it may: its family, and its declared
 * `use`, `key_ops` and `alg` (RFC 7517 §4.2–4.4) — the same rules the signature path follows. `enc` is the
 * header's content encryption.
 */
export function decryptionRefusal(key: ResolvedKey, alg: string, enc: string): string | undefined {
  if (!JWE_ALGS_BY_FAMILY[key.family].includes(alg)) return `${article(key.description)} does not fit the key management algorithm ${alg}`;
  if (key.use !== undefined && key.use !== 'enc') return `${article(key.description)} has "use": "${key.use}", not "enc"`;
  if (key.keyOps && !key.keyOps.some((o) => DECRYPTION_OPS.includes(o))) return `${article(key.description)} has "key_ops" ${key.keyOps.map((o) => `"${o}"`).join(', ')}, none of them for decryption`;
  // With "dir" the key is the content key itself, so it may name the content encryption instead (RFC 7520 §5.6).
  if (key.declaredAlg !== undefined && key.declaredAlg !== alg && !(alg === 'dir' && key.declaredAlg === enc)) return `${article(key.description)} is declared for "alg": "${key.declaredAlg}", and the token says ${alg}`;
  return undefined;
}

/** The raw material for JWE decryption with jose (which checks the key against the header's algorithm). */
export async function importForDecryption(key: ResolvedKey, alg: string): Promise<CryptoKey | Uint8Array> {
  const m = key.material;
  if (m.kind === 'secret') return m.bytes;
  if (m.kind === 'pkcs8') return importPKCS8(pem('PRIVATE KEY', m.der), alg);
  if (m.kind === 'jwk' && key.isPrivate) return importJWK(bare(m.jwk, alg), alg) as Promise<CryptoKey | Uint8Array>;
  throw new JwtWorkbenchError('ERR_KEY_NOT_PRIVATE', `${article(key.description)} cannot decrypt; decryption needs the private key or the shared secret.`);
}

/** "a key", "an EC key", "an RSA key", "an HMAC secret", "an Ed25519 key" — the article English wants. */
export function article(noun: string): string {
  return `${/^(?:[aeiou]|RSA|EC\b|HMAC|X25519|Ed25519)/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** A JWK without its private members. */
export function publicJwk(jwk: JWK): JWK {
  const out: Record<string, unknown> = { ...jwk };
  for (const f of PRIVATE_JWK_MEMBERS) delete out[f];
  delete out.key_ops;
  delete out.ext;
  return out as JWK;
}

function assertFits(key: ResolvedKey, alg: SigningAlg): void {
  if (!key.algorithms.includes(alg)) {
    const fits = key.algorithms.length ? key.algorithms.join(', ') : 'no JWS algorithm';
    throw new JwtWorkbenchError('ERR_KEY_ALG_MISMATCH', `${alg} does not fit ${article(key.description)}; it fits ${fits}${key.limitedBy ? ` (${key.limitedBy})` : ''}.`);
  }
  if (PSS.has(alg) && key.family !== 'RSA') throw new JwtWorkbenchError('ERR_KEY_ALG_MISMATCH', `${alg} needs an RSA key.`);
}

