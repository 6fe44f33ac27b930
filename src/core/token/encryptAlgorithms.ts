/**
 * Which JWE algorithms a recipient key may be encrypted to (RFC 7518 §4–5), the default pair for each key, and the
 * reasons a key or a pair is refused — in words, since the user picks from them.
 */
import { JwtWorkbenchError } from '../base/errors';
import { article } from '../keys/keyImport';
import type { ResolvedKey } from '../keys/types';

/** Key management algorithms this tool encrypts with. RSA1_5 is never one of them (RFC 8725 §3.2). */
export const KEY_MANAGEMENT_ALGS = [
  'RSA-OAEP', 'RSA-OAEP-256',
  'ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW',
  'A128KW', 'A192KW', 'A256KW',
  'A128GCMKW', 'A192GCMKW', 'A256GCMKW',
  'dir',
] as const;
export type KeyManagementAlg = (typeof KEY_MANAGEMENT_ALGS)[number];

/** Content encryption algorithms this tool encrypts with (RFC 7518 §5). */
export const CONTENT_ENCRYPTION_ALGS = ['A128GCM', 'A192GCM', 'A256GCM', 'A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512'] as const;
export type ContentEncryptionAlg = (typeof CONTENT_ENCRYPTION_ALGS)[number];

/** The content key's size in bytes for each `enc`: with `dir` the shared secret is that key, so it must be this long. */
export const CEK_BYTES: Readonly<Record<ContentEncryptionAlg, number>> = {
  A128GCM: 16, A192GCM: 24, A256GCM: 32, 'A128CBC-HS256': 32, 'A192CBC-HS384': 48, 'A256CBC-HS512': 64,
};

/** The key-encryption key's size in bytes for AES key wrap (plain and GCM). */
const KEK_BYTES: Readonly<Record<string, number>> = { A128KW: 16, A192KW: 24, A256KW: 32, A128GCMKW: 16, A192GCMKW: 24, A256GCMKW: 32 };

const RSA1_5_REFUSAL = 'RSA1_5 (RSAES-PKCS1-v1_5) is never offered: it is open to padding-oracle attacks (RFC 8725 §3.2); use RSA-OAEP-256.';
const ENCRYPTION_OPS = ['encrypt', 'wrapKey', 'deriveKey', 'deriveBits'];

export function isKeyManagementAlg(alg: unknown): alg is KeyManagementAlg {
  return typeof alg === 'string' && (KEY_MANAGEMENT_ALGS as readonly string[]).includes(alg);
}

export function isContentEncryptionAlg(enc: unknown): enc is ContentEncryptionAlg {
  return typeof enc === 'string' && (CONTENT_ENCRYPTION_ALGS as readonly string[]).includes(enc);
}

/** Whether the pair needs 192-bit AES, which browsers' Web Crypto lacks. */
export function uses192BitAes(alg: string, enc: string): boolean {
  return /192/.test(`${alg} ${enc}`);
}

let aes192: Promise<boolean> | undefined;
/** Whether this runtime's Web Crypto has 192-bit AES (Node does; Chromium, so VS Code for the Web, does not). Asked once. */
export function runtimeHasAes192(): Promise<boolean> {
  aes192 ??= crypto.subtle.importKey('raw', new Uint8Array(24), 'AES-GCM', false, ['encrypt']).then(() => true, () => false);
  return aes192;
}

/** Why a runtime without 192-bit AES does not offer a pair, in words. */
export const NO_AES192 = '192-bit AES is not offered here: this runtime\'s Web Crypto lacks it (browsers, so VS Code for the Web, have only 128- and 256-bit AES). VS Code on the desktop has it.';

/** The secret's size in bytes, for an `oct` key; undefined for a key pair. */
function secretBytes(key: ResolvedKey): number | undefined {
  return key.family === 'oct' && key.material.kind === 'secret' ? key.material.bytes.length : key.family === 'oct' ? (key.bits ?? 0) / 8 : undefined;
}

/** Every key management algorithm a key's type allows, before its declarations and its length are looked at. */
function byFamily(key: ResolvedKey): KeyManagementAlg[] {
  switch (key.family) {
    case 'RSA':
      return ['RSA-OAEP-256', 'RSA-OAEP'];
    case 'EC':
      return ['ECDH-ES+A256KW', 'ECDH-ES+A192KW', 'ECDH-ES+A128KW', 'ECDH-ES'];
    case 'OKP':
      return key.curve === 'X25519' ? ['ECDH-ES+A256KW', 'ECDH-ES+A192KW', 'ECDH-ES+A128KW', 'ECDH-ES'] : [];
    case 'oct':
      return ['dir', 'A256KW', 'A192KW', 'A128KW', 'A256GCMKW', 'A192GCMKW', 'A128GCMKW'];
    default:
      return [];
  }
}

/**
 * Why `key` may not be encrypted to at all, or undefined: its type, and its declared `use` and `key_ops` (RFC 7517
 * §4.2–4.3). A key declared for signatures is kept for them — one key for both is what RFC 7517 §4.2 warns against.
 */
export function recipientRefusal(key: ResolvedKey): string | undefined {
  const what = article(key.description);
  if (key.family === 'OKP' && key.curve !== 'X25519') return `${what} signs only; encrypting to an OKP key needs X25519 (ECDH-ES)`;
  if (!byFamily(key).length) return `${what} cannot be encrypted to (JWE needs an RSA, EC, X25519 key or a shared secret)`;
  if (key.use !== undefined && key.use !== 'enc') return `${what} has "use": "${key.use}" — it is declared for signatures, and a key is not used for both (RFC 7517 §4.2); encrypt to a key with "use": "enc" or none`;
  if (key.keyOps && !key.keyOps.some((o) => ENCRYPTION_OPS.includes(o))) return `${what} has "key_ops" ${key.keyOps.map((o) => `"${o}"`).join(', ') || '[]'}, none of them for encryption`;
  if (key.declaredAlg !== undefined && !isKeyManagementAlg(key.declaredAlg) && !isContentEncryptionAlg(key.declaredAlg)) {
    return key.declaredAlg === 'RSA1_5' ? `${what} is declared for "alg": "RSA1_5". ${RSA1_5_REFUSAL}` : `${what} is declared for "alg": "${key.declaredAlg}", which is not a JWE key management algorithm`;
  }
  return undefined;
}

/** Why `key` may not be used with `alg` / `enc`, or undefined when it may. */
export function pairRefusal(key: ResolvedKey, alg: string, enc: string): string | undefined {
  if (alg === 'RSA1_5') return RSA1_5_REFUSAL;
  if (!isKeyManagementAlg(alg)) return `"${alg}" is not a key management algorithm this tool encrypts with (${KEY_MANAGEMENT_ALGS.join(', ')})`;
  if (!isContentEncryptionAlg(enc)) return `"${enc}" is not a content encryption this tool uses (${CONTENT_ENCRYPTION_ALGS.join(', ')})`;
  const whole = recipientRefusal(key);
  if (whole) return whole;
  const what = article(key.description);
  if (!byFamily(key).includes(alg)) return `${alg} does not fit ${what}; it fits ${byFamily(key).join(', ')}`;
  // With "dir" the key is the content key, so it may name the content encryption instead (RFC 7520 §5.6).
  if (key.declaredAlg !== undefined && key.declaredAlg !== alg && !(alg === 'dir' && key.declaredAlg === enc)) return `${what} is declared for "alg": "${key.declaredAlg}", not ${alg}`;
  const bytes = secretBytes(key);
  if (bytes !== undefined) {
    if (alg === 'dir' && bytes !== CEK_BYTES[enc]) {
      const fits = CONTENT_ENCRYPTION_ALGS.filter((e) => CEK_BYTES[e] === bytes);
      return `with "dir" the secret is the content key itself, so it must be exactly as long as ${enc}'s key (${CEK_BYTES[enc]} bytes); this secret is ${bytes} bytes${fits.length ? `, which fits ${fits.join(' or ')}` : ''}`;
    }
    const kek = KEK_BYTES[alg];
    if (kek !== undefined && bytes !== kek) return `${alg} wraps with a ${kek * 8}-bit AES key, so the secret must be exactly ${kek} bytes; this secret is ${bytes} bytes`;
  }
  return undefined;
}

/** One pair offered for a key: `why` says why it is not available (then it is shown but not used). */
export interface EncryptionChoice {
  alg: KeyManagementAlg;
  enc: ContentEncryptionAlg;
  why?: string;
}

/**
 * Every pair for `key`, the default first; `aes192` false (a browser) marks the 192-bit ones unavailable with the
 * reason. Throws ERR_KEY_ALG_MISMATCH with the reason when the key cannot be encrypted to at all.
 */
export function encryptionChoices(key: ResolvedKey, aes192 = true): EncryptionChoice[] {
  const refusal = recipientRefusal(key);
  if (refusal) throw new JwtWorkbenchError('ERR_KEY_ALG_MISMATCH', `Cannot encrypt to this key: ${refusal}.`);
  const out: EncryptionChoice[] = [];
  for (const alg of byFamily(key)) {
    for (const enc of ENC_ORDER) {
      if (pairRefusal(key, alg, enc)) continue;
      out.push(!aes192 && uses192BitAes(alg, enc) ? { alg, enc, why: NO_AES192 } : { alg, enc });
    }
  }
  if (!out.length) {
    const bytes = secretBytes(key);
    if (bytes === undefined) throw new JwtWorkbenchError('ERR_KEY_ALG_MISMATCH', `Cannot encrypt to ${article(key.description)}: it is declared for "alg": "${key.declaredAlg}", which does not fit it.`);
    throw new JwtWorkbenchError('ERR_KEY_ALG_MISMATCH', `Cannot encrypt to this ${bytes}-byte secret: with "dir" the secret is the content key, so it must be exactly 16, 24, 32, 48 or 64 bytes (A128GCM, A192GCM, A256GCM or A128CBC-HS256, A192CBC-HS384, A256CBC-HS512), and AES key wrap needs 16, 24 or 32${key.declaredAlg ? ` (the key is declared for "${key.declaredAlg}")` : ''}.`);
  }
  const def = defaultPair(key);
  const i = out.findIndex((c) => c.alg === def.alg && c.enc === def.enc && !c.why);
  const first = i >= 0 ? i : out.findIndex((c) => !c.why);
  return first > 0 ? [out[first], ...out.slice(0, first), ...out.slice(first + 1)] : out;
}

/** The content encryptions, the ones to prefer first. */
const ENC_ORDER: readonly ContentEncryptionAlg[] = ['A256GCM', 'A128GCM', 'A192GCM', 'A256CBC-HS512', 'A192CBC-HS384', 'A128CBC-HS256'];

/**
 * The pair a key is encrypted with when none is asked for: ECDH-ES+A256KW / A256GCM for EC and X25519,
 * RSA-OAEP-256 / A256GCM for RSA, `dir` / A256GCM for a 32-byte secret (`dir` with the `enc` whose key is as long as
 * any other secret, else AES key wrap). A key's declared `alg` (and, with `dir`, a declared `enc`) wins.
 */
export function defaultPair(key: ResolvedKey): { alg: KeyManagementAlg; enc: ContentEncryptionAlg } {
  const declared = key.declaredAlg;
  if (isContentEncryptionAlg(declared)) return { alg: 'dir', enc: declared };
  const alg: KeyManagementAlg =
    isKeyManagementAlg(declared) ? declared
    : key.family === 'RSA' ? 'RSA-OAEP-256'
    : key.family === 'oct' ? 'dir'
    : 'ECDH-ES+A256KW';
  if (alg !== 'dir') return { alg, enc: 'A256GCM' };
  const bytes = secretBytes(key) ?? 32;
  return { alg, enc: ENC_ORDER.find((e) => CEK_BYTES[e] === bytes) ?? 'A256GCM' };
}
