// A secret's text can stand for bytes in several ways — UTF-8 text (PyJWT's str key, the default), hex,
// base64, base64url (jwt.io's "secret base64 encoded"). When a token fails with the reading the user chose, the other
// readings of the same text are tried, and the one that verifies is named: never used silently.
import { HMAC_ALGS } from '../base/algorithms';
import { base64ToBytes, base64UrlToBytes, bytesToBase64Url, utf8 } from '../base/encoding';
import { keyError } from '../base/errors';
import { SECRET_ENCODINGS, type KeyInput, type ResolvedKey, type SecretEncoding } from './types';

/** How a reading is said: "the base64-decoded secret", "the secret as text". */
export function readingName(encoding: SecretEncoding): string {
  return encoding === 'utf8' ? 'the secret as text (its UTF-8 bytes)' : `the ${encoding}-decoded secret`;
}

const LOOKS_LIKE = {
  hex: /^(?:[0-9a-fA-F]{2})+$/,
  base64: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/,
  base64url: /^[A-Za-z0-9_-]+={0,2}$/,
};

/**
 * The secret text of a key and the reading it is used with, when the key is a secret given as text (a plain string
 * that is not a PEM block or JSON, or `{ secret, encoding }`); undefined for every other key.
 */
export function secretText(key: KeyInput | undefined): { text: string; encoding: SecretEncoding } | undefined {
  if (typeof key === 'string') {
    const t = key.trim();
    if (!key || t.includes('-----BEGIN ') || t.startsWith('{')) return undefined;
    return { text: key, encoding: 'utf8' };
  }
  if (key && typeof key === 'object' && 'secret' in key) return { text: key.secret, encoding: key.encoding };
  return undefined;
}

/** The other readings the text is written in (hex text is also base64, say), in the order they are tried. */
export function otherReadings(text: string, current: SecretEncoding): SecretEncoding[] {
  return SECRET_ENCODINGS.filter((e) => e !== current && (e === 'utf8' || LOOKS_LIKE[e].test(text)));
}

/**
 * A secret written in an encoding (hex, base64, base64url, or UTF-8 text) as the oct JWK of its bytes — how a secret
 * typed in the inspector is kept in SecretStorage without losing how it was written. Throws ERR_KEY_FORMAT like
 * resolveKeys when the text is not in that encoding.
 */
export function secretAsJwk(secret: string, encoding: SecretEncoding): { kty: 'oct'; k: string } {
  const bytes = decodeSecret(secret, encoding);
  if (bytes.length === 0) throw keyError('The secret is empty.');
  return { kty: 'oct', k: bytesToBase64Url(bytes) };
}

export function decodeSecret(secret: string, encoding: string): Uint8Array {
  switch (encoding) {
    case 'utf8':
      return utf8.encode(secret);
    case 'hex':
      if (!/^(?:[0-9a-fA-F]{2})*$/.test(secret)) throw keyError('The secret is not valid hex (an even number of 0-9, a-f).');
      return Uint8Array.from(secret.match(/../g) ?? [], (h) => parseInt(h, 16));
    case 'base64':
      try {
        return base64ToBytes(secret);
      } catch {
        throw keyError('The secret is not valid base64.');
      }
    case 'base64url':
      try {
        return base64UrlToBytes(secret.replace(/=+$/, ''));
      } catch {
        throw keyError('The secret is not valid base64url.');
      }
    default:
      throw new TypeError(`unknown secret encoding ${encoding}`);
  }
}

export function secretKey(bytes: Uint8Array, kid?: string): ResolvedKey {
  if (bytes.length === 0) throw keyError('The secret is empty.');
  return {
    family: 'oct',
    bits: bytes.length * 8,
    isPrivate: true,
    kid,
    algorithms: [...HMAC_ALGS],
    description: `HMAC secret (${bytes.length} bytes)`,
    material: { kind: 'secret', bytes },
  };
}
