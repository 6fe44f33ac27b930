/**
 * The verdicts' words and the small pieces that both the JWS path (inspect.ts) and the JWE path (jwe.ts) use, so that
 * neither imports the other.
 */
import { MAX_PAYLOAD_DEPTH, depthExceeds } from './claimChecks';
import { base64ToBytes, base64UrlToBytes, utf8 } from '../base/encoding';
import type { Inspection, Verdict } from '../inspect';
import type { KeyInfo, ResolvedKey } from '../keys/resolve';

export const MESSAGES: Readonly<Record<Verdict, string>> = {
  verified: 'Signature verified.',
  possession: 'Proof of possession: signed by the key in its own header — not verified with any key of yours.',
  'invalid-signature': 'Token is invalid.',
  expired: 'Token has expired.',
  'not-yet-valid': 'Token is not valid yet.',
  'claim-mismatch': 'Token is invalid.',
  // The recipe's server answers every refused token "Token is invalid." (PyJWT's InvalidTokenError); the reason follows.
  unsigned: 'Token is invalid.',
  unverified: 'Not verified — no key. Decoded is not the same as valid.',
  unsupported: 'Token cannot be verified.',
  malformed: 'Token is malformed.',
};

/** The message of a token that is well-formed JOSE but not a JWT: the recipe's answer, as PyJWT's DecodeError. */
export const NOT_A_JWT_MESSAGE = 'Token is invalid.';

interface Decoded {
  ok: boolean;
  value?: unknown;
  text?: string;
  error?: string;
}

export function decodeJsonPart(part: string, what: string): Decoded {
  let bytes: Uint8Array;
  try {
    bytes = base64UrlToBytes(part);
  } catch {
    return { ok: false, error: notBase64UrlJson(part, what) };
  }
  let text: string;
  try {
    text = utf8.decodeStrict(bytes);
  } catch {
    return { ok: false, text: utf8.decodeLenient(bytes), error: `The ${what} is not valid UTF-8.` };
  }
  try {
    return { ok: true, value: JSON.parse(text), text };
  } catch (e) {
    const why = e instanceof RangeError ? 'it is nested too deeply to parse' : 'it is not JSON';
    return { ok: false, text, error: `The ${what} cannot be read as JSON: ${why}.` };
  }
}

/**
 * Why a part that strict base64url refused cannot be read. Text of base64url characters that does not even loosely
 * decode to JSON ("this-is-not") is not a JWT at all, whatever its spelling: that is what fails, so that is what is said.
 */
function notBase64UrlJson(part: string, what: string): string {
  const spelling = `The ${what} is not valid base64url (RFC 7515 §2: A–Z a–z 0–9 - _, no padding, no stray bits).`;
  if (!/^[A-Za-z0-9_-]*$/.test(part)) return spelling;
  let loose = '';
  try {
    const usable = part.slice(0, part.length - (part.length % 4 === 1 ? 1 : 0)).replace(/-/g, '+').replace(/_/g, '/');
    loose = utf8.decodeLenient(base64ToBytes(usable + '='.repeat((4 - (usable.length % 4)) % 4)));
  } catch {
    // nothing decodes
  }
  if (!loose || /^\s*[{[]/.test(loose)) return spelling;
  const shown = part.length > 40 ? `${part.slice(0, 40)}…` : part;
  if (what === 'header') return `The first part does not decode to a JSON header: "${shown}" is made of base64url characters, but decoded it is not JSON (a JWT's header is a JSON object, and its base64url starts "eyJ"). This is not a JWT.`;
  return `The ${what} does not decode to JSON: "${shown}" is made of base64url characters, but decoded it is not JSON text.`;
}

export function malformed(base: Partial<Inspection>, detail: string): Inspection {
  return { kind: 'malformed', warnings: [], claims: [], ...base, verdict: 'malformed', message: MESSAGES.malformed, detail };
}

/** Why decoded JSON text is not a claims set, or undefined when it is one. */
export function notAClaimsSet(text: string | undefined, value: unknown, parsed: boolean): string | undefined {
  if (text === '') return 'it is empty';
  if (!parsed) return 'it is not JSON';
  if (Array.isArray(value)) return 'it is a JSON array';
  if (value === null) return 'it is null';
  if (typeof value !== 'object') return `it is a JSON ${typeof value}`;
  if (depthExceeds(value, MAX_PAYLOAD_DEPTH)) return `it is nested more than ${MAX_PAYLOAD_DEPTH} levels deep`;
  return undefined;
}

/**
 * The key an inspection's signature check used, in words: the token's own header key when it was checked with that
 * (a DPoP proof), else `yours`, the label of the user's key source. Every text that names "the key" asks this.
 */
export function keyUsed(ins: Inspection | undefined, yours: string | undefined): string | undefined {
  if (!ins?.ownKey) return yours;
  return ins.verifiedWith?.description ?? 'the key in the proof\'s own header (it does not verify the proof)';
}

/** What a key is, without its material: safe to return. */
export function publicInfo(key: ResolvedKey): KeyInfo {
  const { material: _m, ...info } = key;
  return info;
}
