/** Byte/text conversions on Web APIs only (TextEncoder, atob/btoa), so the core runs in Node and in browsers. */
const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

export const utf8 = {
  encode: (text: string): Uint8Array<ArrayBuffer> => encoder.encode(text),
  /** Throws TypeError on invalid UTF-8. */
  decodeStrict: (bytes: Uint8Array): string => strictDecoder.decode(bytes),
  /** Replaces invalid sequences with U+FFFD. */
  decodeLenient: (bytes: Uint8Array): string => lenientDecoder.decode(bytes),
};

const B64URL = /^[A-Za-z0-9_-]*$/;

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Strict base64url without padding (RFC 7515 §2). Throws TypeError on anything else. */
export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (!B64URL.test(text) || text.length % 4 === 1) throw new TypeError('not base64url');
  return base64ToBytes(text.replace(/-/g, '+').replace(/_/g, '/'));
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function bytesToBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
