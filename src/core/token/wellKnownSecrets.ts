/**
 * Is an HS* token MAC'd with a secret everybody knows — a tutorial's, or none at all? The check the inspector runs
 * when the user's key does not verify a token (or there is none), and the warning for a weak key that does.
 */
import { HMAC_MIN_BYTES, algHash, type SigningAlg } from '../base/algorithms';
import { base64UrlToBytes, utf8 } from '../base/encoding';
import type { InspectionWarning } from './types';
import type { KeyCache } from '../keys/cache';
import type { ResolvedKey } from '../keys/types';

/**
 * Secrets that appear in tutorials, examples and breach corpora. A token signed with one of these can be forged by
 * anyone; the inspector checks HS* tokens against this list (a few dozen HMACs: microseconds).
 */
export const COMMON_SECRETS: ReadonlySet<string> = new Set([
  'your-256-bit-secret', // jwt.io's HS256 example
  'your-384-bit-secret',
  'your-512-bit-secret',
  'a-string-secret-at-least-256-bits-long', // jwt.io's newer example
  'secret', 'Secret', 'SECRET', 'secretkey', 'secret_key', 'secret-key', 'mysecret', 'my_secret', 'my-secret',
  'mysecretkey', 'my_secret_key', 'my-secret-key', 'your-secret-key', 'your_secret_key', 'supersecret', 'super-secret',
  'supersecretkey', 'topsecret', 'jwt', 'jwtsecret', 'jwt_secret', 'jwt-secret', 'JWT_SECRET', 'jwtkey', 'key',
  'password', 'changeme', 'change-me', 'changeit', 'test', 'testing', 'dev', 'development', 'default', 'admin',
  '123456', '12345678', 'qwerty', 'shhhhh', 'shhhhhhared-secret', 'keyboard cat', 'django-insecure', 'gottacatchemall',
]);

const LIST = [...COMMON_SECRETS];

/**
 * HMAC pads its key with zero bytes to the block size, so the empty key and the one-byte key 0x00 are the same key
 * (RFC 2104 §2). Web Crypto refuses a zero-length HMAC key; this stands in for it.
 */
const EMPTY_KEY_EQUIVALENT = new Uint8Array([0]);

export const EMPTY_SECRET_WARNING: InspectionWarning = {
  code: 'known-secret',
  message: 'This token is signed with an empty secret: anyone can forge it. The issuer\'s secret is missing or blank.',
};

export const KNOWN_SECRET_WARNING: InspectionWarning = {
  code: 'known-secret',
  message: 'This token is signed with a well-known example secret (such as jwt.io\'s "your-256-bit-secret"): anyone can forge it.',
};

/**
 * Which well-known secret (or the empty one) MAC'd `token`, as the warning to show, or undefined. The keys are
 * imported once per algorithm and kept in `cache` when given.
 */
export async function wellKnownSecretWarning(token: string, alg: SigningAlg, cache?: KeyCache): Promise<InspectionWarning | undefined> {
  const hash = algHash(alg);
  if (!hash) return undefined;
  let keys = cache?.wellKnown.get(alg);
  if (!keys) {
    const material = [...LIST.map((s) => utf8.encode(s)), EMPTY_KEY_EQUIVALENT];
    keys = Promise.all(material.map((bytes) => crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash }, false, ['verify'])));
    cache?.wellKnown.set(alg, keys);
  }
  const dot = token.lastIndexOf('.');
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = base64UrlToBytes(token.slice(dot + 1));
  } catch {
    return undefined;
  }
  const input = utf8.encode(token.slice(0, dot));
  const results = await Promise.all((await keys).map((key) => crypto.subtle.verify('HMAC', key, signature, input)));
  const hit = results.indexOf(true);
  if (hit < 0) return undefined;
  return hit === LIST.length ? EMPTY_SECRET_WARNING : KNOWN_SECRET_WARNING;
}

/** The warning for a secret that verified a token but is well known or shorter than the hash. */
export function weakSecretWarning(key: ResolvedKey, alg: string): InspectionWarning | undefined {
  if (key.material.kind !== 'secret') return undefined;
  const bytes = key.material.bytes;
  const min = HMAC_MIN_BYTES[alg] ?? 32;
  if (COMMON_SECRETS.has(utf8.decodeLenient(bytes))) return { code: 'weak-secret', message: 'The secret is on the list of well-known example secrets: anyone can forge tokens with it. Generate a new one.' };
  if (bytes.length < min) return { code: 'weak-secret', message: `The secret is ${bytes.length} bytes; ${alg} needs at least ${min} (RFC 7518 §3.2). Short secrets can be brute-forced offline from one token.` };
  return undefined;
}
