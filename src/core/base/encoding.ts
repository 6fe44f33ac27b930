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


export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// The value of each base64url character, or -1.
const B64URL_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64URL_VALUE['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.charCodeAt(i)] = i;

/**
 * Strict base64url without padding (RFC 7515 §2, RFC 4648 §5): only `A–Z a–z 0–9 - _`, no `=`, no whitespace, and
 * the unused low bits of the last character must be zero (RFC 4648 §3.5) — so every byte string has exactly one
 * spelling and `AB` is not a second way to write what `AA` means. Throws TypeError on anything else.
 */
export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const len = text.length;
  const rest = len % 4;
  if (rest === 1) throw new TypeError('not base64url: its length cannot be');
  const out = new Uint8Array(((len - rest) / 4) * 3 + (rest ? rest - 1 : 0));
  let o = 0;
  let i = 0;
  const value = (at: number): number => {
    const c = text.charCodeAt(at);
    const v = c < 128 ? B64URL_VALUE[c] : -1;
    if (v < 0) throw new TypeError(`not base64url: character at ${at}`);
    return v;
  };
  for (; i + 4 <= len; i += 4) {
    const n = (value(i) << 18) | (value(i + 1) << 12) | (value(i + 2) << 6) | value(i + 3);
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (rest === 2) {
    const n = (value(i) << 6) | value(i + 1);
    if (n & 0x0f) throw new TypeError('not base64url: non-zero unused bits in the last character');
    out[o] = n >> 4;
  } else if (rest === 3) {
    const n = (value(i) << 12) | (value(i + 1) << 6) | value(i + 2);
    if (n & 0x03) throw new TypeError('not base64url: non-zero unused bits in the last character');
    out[o++] = n >> 10;
    out[o] = (n >> 2) & 0xff;
  }
  return out;
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
