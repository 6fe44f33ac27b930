// The one base64url-JSON decoder: a part of a token to JSON, strictly (one spelling per token), with the reason when
// it cannot be read; and a token's header and payload decoded without any check, for those who only need to look.
import { base64ToBytes, base64UrlToBytes, utf8 } from '../base/encoding';

export interface Decoded {
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

/** Header and payload of a compact JWS, decoded without any check of the signature (or undefined parts). Never throws. */
export function decodeToken(token: string): { header?: Record<string, unknown>; payload?: Record<string, unknown> } {
  const parts = token.split('.');
  const read = (part: string | undefined): Record<string, unknown> | undefined => {
    if (part === undefined || part.length > 1_000_000) return undefined;
    try {
      const v: unknown = JSON.parse(utf8.decodeStrict(base64UrlToBytes(part)));
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  return { header: read(parts[0]), payload: parts.length === 3 ? read(parts[1]) : undefined };
}
