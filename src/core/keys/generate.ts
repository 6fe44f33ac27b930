import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair as joseGenerateKeyPair } from 'jose';
import type { AsymmetricAlg } from '../base/algorithms';
import { bytesToBase64Url, bytesToHex } from '../base/encoding';

/** Options of {@link generateSecret}. */
export interface SecretOptions {
  /** Number of random bytes; at least 32 (the HS256 minimum). Default 32. */
  bytes?: number;
  /** Default 'hex' — the shape of Python's `secrets.token_hex(32)`. */
  encoding?: 'hex' | 'base64url';
}

/**
 * A new random secret from the platform CSPRNG (`crypto.getRandomValues`), 32 bytes as 64 hex characters by
 * default — what `secrets.token_hex(32)` gives in Python. Used as text, its UTF-8 bytes are the HMAC key (as PyJWT
 * does), so a 64-character hex secret is a 64-byte key, enough even for HS512.
 */
export function generateSecret(opts: SecretOptions = {}): string {
  const size = opts.bytes ?? 32;
  if (!Number.isInteger(size) || size < 32 || size > 1024) throw new RangeError('secret size must be an integer from 32 to 1024 bytes');
  const bytes = new Uint8Array(size);
  crypto.getRandomValues(bytes);
  const encoding = opts.encoding ?? 'hex';
  if (encoding === 'hex') return bytesToHex(bytes);
  if (encoding === 'base64url') return bytesToBase64Url(bytes);
  throw new TypeError(`unknown encoding ${String(encoding)}`);
}

/** A new key pair, in both PEM (PKCS#8 / SPKI) and JWK form. */
export interface GeneratedKeyPair {
  privatePem: string;
  publicPem: string;
  privateJwk: object;
  publicJwk: object;
}

/**
 * A new key pair for an asymmetric JWS algorithm: RSA 2048 bits for RS and PS, the algorithm's curve for ES,
 * Ed25519 for EdDSA. The JWKs carry `alg` and `use: "sig"`.
 */
export async function generateKeyPair(alg: AsymmetricAlg): Promise<GeneratedKeyPair> {
  const { privateKey, publicKey } = await joseGenerateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' || alg === 'Ed25519' ? { crv: 'Ed25519' } : {}) });
  const [privatePem, publicPem, privateJwk, publicJwk] = await Promise.all([
    exportPKCS8(privateKey),
    exportSPKI(publicKey),
    exportJWK(privateKey),
    exportJWK(publicKey),
  ]);
  return {
    privatePem: privatePem.trim() + '\n',
    publicPem: publicPem.trim() + '\n',
    privateJwk: { ...privateJwk, alg, use: 'sig' },
    publicJwk: { ...publicJwk, alg, use: 'sig' },
  };
}
