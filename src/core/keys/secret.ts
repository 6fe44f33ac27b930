// Issue 13.3: a secret's text can stand for bytes in several ways — UTF-8 text (PyJWT's str key, the default), hex,
// base64, base64url (jwt.io's "secret base64 encoded"). When a token fails with the reading the user chose, the other
// readings of the same text are tried, and the one that verifies is named: never used silently.
import type { KeyInput } from './resolve';

export type SecretEncoding = 'utf8' | 'hex' | 'base64' | 'base64url';

export const SECRET_ENCODINGS: readonly SecretEncoding[] = ['utf8', 'hex', 'base64', 'base64url'];

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
