import { compactDecrypt, compactVerify } from 'jose';
import { HMAC_MIN_BYTES, isSigningAlg, type SigningAlg } from './algorithms';
import { CLAIM_DESCRIPTIONS, TIME_CLAIMS, isoTime, relativeTime } from './claims';
import { base64UrlToBytes, utf8 } from './encoding';
import { importForDecryption, importForVerifying, resolveKeys, type KeyCache, type KeyInfo, type KeyInput, type ResolvedKey } from './keys';
import { COMMON_SECRETS } from './weakSecrets';

/** The outcome of an inspection, most important first. */
export type Verdict =
  | 'verified'
  | 'invalid-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'claim-mismatch'
  | 'unsigned'
  | 'unverified'
  | 'unsupported'
  | 'malformed';

/** Options of {@link inspectToken}. */
export interface InspectOptions {
  /** The key to verify (or, for a JWE, decrypt) with. Without one the verdict is at best 'unverified'. */
  key?: KeyInput;
  /** Narrow the algorithms the key may verify; the key's type decides the rest, never the token's header. */
  algorithms?: SigningAlg[];
  /** Expected `iss`. */
  issuer?: string;
  /** Expected `aud`: the token's audience must contain one of these. */
  audience?: string | string[];
  /** Clock skew allowed for `exp`, `nbf` and `iat`, in seconds. Default 0. */
  leeway?: number;
  /** The clock. Default: now. */
  now?: Date;
  /** Claims that must be present. */
  requiredClaims?: string[];
  /** Warn when `exp - iat` is longer than this many seconds. Default 30 days. */
  maxLifetime?: number;
  /** Keys read and imported before are taken from here (and kept in it). */
  cache?: KeyCache;
}

/** A finding worth the user's attention that does not by itself decide the verdict. */
export interface InspectionWarning {
  code: string;
  message: string;
}

/** One claim of the payload, explained. */
export interface InspectedClaim {
  name: string;
  value: unknown;
  description?: string;
  /** ISO 8601 time of a NumericDate claim. */
  time?: string;
  /** "in 23 hours", "2 days ago" — relative to the inspection's clock. */
  relative?: string;
}

/** Everything {@link inspectToken} learned. Plain, structured-cloneable data without any key material. */
export interface Inspection {
  kind: 'jws' | 'jwe' | 'malformed';
  header?: Record<string, unknown>;
  /** The decoded payload when it is JSON (for a JWT: the claims object). */
  payload?: unknown;
  /** The payload as text: always set when it could be decoded. */
  payloadText?: string;
  verdict: Verdict;
  /** One sentence for people: "Token has expired.", "Token is invalid.", … */
  message: string;
  /** Why, in one more sentence: which claim, which part, which key. */
  detail?: string;
  warnings: InspectionWarning[];
  claims: InspectedClaim[];
  /** The token after cleaning (Bearer prefix, quotes, whitespace, URL encoding removed); absent when empty. */
  token?: string;
  /** The encoded parts, for colouring. */
  parts?: string[];
  /** What verified or decrypted the token (never the key itself). */
  verifiedWith?: KeyInfo;
  /** What was stripped from the input to find the token. */
  cleaned?: string[];
}

const DEFAULT_MAX_LIFETIME = 30 * 86400;
const MAX_PAYLOAD_DEPTH = 200;
const B64URL_CHAR = /[^A-Za-z0-9_-]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

const MESSAGES: Readonly<Record<Verdict, string>> = {
  verified: 'Signature verified.',
  'invalid-signature': 'Token is invalid.',
  expired: 'Token has expired.',
  'not-yet-valid': 'Token is not valid yet.',
  'claim-mismatch': 'Token is invalid.',
  unsigned: 'Token is unsigned (alg: none) and can never be trusted.',
  unverified: 'Not verified — no key. Decoded is not the same as valid.',
  unsupported: 'Token cannot be verified.',
  malformed: 'Token is malformed.',
};

/** Strip what people paste around a token: BOM, quotes, `Authorization: Bearer`, whitespace, URL encoding. */
export function cleanTokenText(text: string): { token: string; cleaned: string[] } {
  const cleaned: string[] = [];
  let t = text.replace(/^\uFEFF/, '').trim();
  for (let changed = true; changed; ) {
    const before = t;
    t = t.replace(/^authorization\s*:\s*/i, () => (cleaned.push('Authorization header name'), ''));
    t = t.replace(/^bearer\s+/i, () => (cleaned.push('Bearer prefix'), ''));
    t = t.replace(/[,;]+$/, () => (cleaned.push('trailing punctuation'), ''));
    const q = /^(["'`])([\s\S]*)\1$/.exec(t);
    if (q) {
      cleaned.push('quotes');
      t = q[2];
    }
    t = t.trim();
    changed = t !== before;
  }
  if (/%[0-9A-Fa-f]{2}/.test(t)) {
    try {
      t = decodeURIComponent(t);
      cleaned.push('URL encoding');
    } catch {
      // not URL-encoded after all: leave it for the character check to report
    }
  }
  if (/\s/.test(t)) {
    t = t.replace(/\s+/g, '');
    cleaned.push('whitespace');
  }
  return { token: t, cleaned: [...new Set(cleaned)] };
}

function depthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= max) return true;
    for (const child of Object.values(v as object)) if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
  }
  return false;
}

interface Decoded {
  ok: boolean;
  value?: unknown;
  text?: string;
  error?: string;
}

function decodeJsonPart(part: string, what: string): Decoded {
  let bytes: Uint8Array;
  try {
    bytes = base64UrlToBytes(part);
  } catch {
    return { ok: false, error: `The ${what} is not valid base64url.` };
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

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function malformed(base: Partial<Inspection>, detail: string): Inspection {
  return { kind: 'malformed', warnings: [], claims: [], ...base, verdict: 'malformed', message: MESSAGES.malformed, detail };
}

/**
 * Decode, verify and explain a token. Never throws and never hangs, whatever `text` is: every failure is a
 * verdict. The algorithm is taken from the key (`opts.key`), never from the token's header; `alg: none` in any
 * casing is 'unsigned', never 'verified'. Without a key the signature is NOT checked (verdict 'unverified'), though
 * everything that can be decoded is returned. For a JWE, only the header is read unless a fitting key is given.
 */
export async function inspectToken(text: string, opts: InspectOptions = {}): Promise<Inspection> {
  try {
    return await inspect(typeof text === 'string' ? text : String(text), opts);
  } catch (e) {
    return { kind: 'malformed', verdict: 'malformed', message: MESSAGES.malformed, detail: `Unexpected error: ${(e as Error)?.message ?? String(e)}`, warnings: [], claims: [] };
  }
}

async function inspect(text: string, opts: InspectOptions): Promise<Inspection> {
  const { token, cleaned } = cleanTokenText(text);
  const base: Partial<Inspection> = { token: token || undefined, cleaned: cleaned.length ? cleaned : undefined };
  if (!token) return malformed({ ...base, token: undefined }, 'There is no token: the text is empty.');
  const parts = token.split('.');
  base.parts = parts;
  for (let p = 0, offset = 0; p < parts.length; offset += parts[p].length + 1, p++) {
    const bad = B64URL_CHAR.exec(parts[p]);
    if (bad) {
      const cp = bad[0].codePointAt(0)!;
      const shown = cp < 0x20 || BIDI.test(bad[0]) || cp > 0x7e ? '' : ` "${bad[0]}"`;
      return malformed({ ...base, parts: undefined }, `Character${shown} (U+${cp.toString(16).toUpperCase().padStart(4, '0')}) at position ${offset + bad.index + 1} is not allowed in a token (base64url: A–Z a–z 0–9 - _).`);
    }
  }
  if (parts.length !== 3 && parts.length !== 5) {
    return malformed(base, `A JWT has 3 parts separated by dots (an encrypted JWE has 5); this has ${parts.length}.`);
  }
  const header = decodeJsonPart(parts[0], 'header');
  if (!header.ok) return malformed(base, header.error!);
  if (!isObject(header.value)) return malformed(base, 'The header is JSON but not an object.');
  if (depthExceeds(header.value, MAX_PAYLOAD_DEPTH)) return malformed(base, `The header is nested more than ${MAX_PAYLOAD_DEPTH} levels deep.`);
  base.header = header.value;
  if (parts.length === 5) return inspectJwe(token, header.value, base, opts);
  return inspectJws(token, parts, header.value, base, opts);
}

function claimList(payload: Record<string, unknown>, nowSec: number): InspectedClaim[] {
  return Object.keys(payload).map((name) => {
    const value = payload[name];
    const claim: InspectedClaim = { name, value };
    const description = Object.prototype.hasOwnProperty.call(CLAIM_DESCRIPTIONS, name) ? CLAIM_DESCRIPTIONS[name] : undefined;
    if (description) claim.description = description;
    if (TIME_CLAIMS.has(name) && typeof value === 'number' && Number.isFinite(value)) {
      const iso = isoTime(value);
      if (iso) {
        claim.time = iso;
        claim.relative = relativeTime(value, nowSec);
      }
    }
    return claim;
  });
}

const SENSITIVE = /pass(word|wd)?$|^pwd$|secret|ssn|social.?security|credit.?card|card.?number|cvv|api.?key|private.?key|access.?key|client.?secret/i;

function warningsFor(header: Record<string, unknown>, payload: unknown, opts: InspectOptions, nowSec: number): InspectionWarning[] {
  const w: InspectionWarning[] = [];
  const leeway = opts.leeway ?? 0;
  if (typeof header.alg === 'string' && header.alg.toLowerCase() === 'none') {
    w.push({ code: 'alg-none', message: 'The header says alg "none": the token has no signature, anyone can make it.' });
  }
  for (const h of ['jku', 'x5u', 'jwk', 'x5c'] as const) {
    if (header[h] !== undefined) {
      w.push({ code: `header-${h}`, message: `The header carries "${h}": a key or key location chosen by whoever made the token. It is never fetched or trusted here — verify with a key you already hold.` });
    }
  }
  if (typeof header.kid === 'string') {
    if (/\.\.|^\/|\\|\0|^[a-z]+:\/\//i.test(header.kid)) w.push({ code: 'kid-path', message: 'The "kid" looks like a file path or URL: servers that use kid to find a key file can be tricked into reading another file.' });
    if (/['";]|--|\/\*|\b(union|select|or|and)\b\s/i.test(header.kid)) w.push({ code: 'kid-sql', message: 'The "kid" looks like SQL: servers that look keys up by kid can be injected.' });
  }
  if (isObject(payload)) {
    if (payload.exp === undefined) w.push({ code: 'no-exp', message: 'There is no "exp": the token never expires, so a stolen token works forever.' });
    const iat = payload.iat;
    if (typeof iat === 'number' && iat > nowSec + leeway) w.push({ code: 'iat-future', message: `"iat" is in the future (${relativeTime(iat, nowSec)}): the issuer's clock is wrong or the token was made up.` });
    if (typeof payload.exp === 'number') {
      const from = typeof iat === 'number' ? iat : nowSec;
      const max = opts.maxLifetime ?? DEFAULT_MAX_LIFETIME;
      if (payload.exp - from > max) w.push({ code: 'long-lifetime', message: `The token lives ${relativeTime(payload.exp, from).replace(/^in /, '')}, longer than ${relativeTime(max, 0).replace(/^in /, '')}: stolen tokens stay useful that long.` });
    }
    const sensitive = Object.keys(payload).filter((k) => SENSITIVE.test(k));
    if (sensitive.length) w.push({ code: 'sensitive-claim', message: `The payload has ${sensitive.map((s) => `"${s}"`).join(', ')}: a JWT payload is only encoded, not encrypted — anyone holding the token can read it.` });
    const bidi = Object.entries(payload).filter(([, v]) => typeof v === 'string' && BIDI.test(v)).map(([k]) => k);
    if (bidi.length) w.push({ code: 'bidi-text', message: `${bidi.map((s) => `"${s}"`).join(', ')} contains Unicode direction controls, which can make text display differently from what it is.` });
  }
  return w;
}

interface ClaimFailure {
  verdict: Verdict;
  detail: string;
}

function checkClaims(payload: Record<string, unknown>, opts: InspectOptions, nowSec: number): ClaimFailure | undefined {
  const leeway = opts.leeway ?? 0;
  for (const name of ['exp', 'nbf', 'iat'] as const) {
    const v = payload[name];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) return { verdict: 'claim-mismatch', detail: `"${name}" must be a number of seconds since 1970 (a NumericDate).` };
  }
  const exp = payload.exp as number | undefined;
  if (exp !== undefined && nowSec > exp + leeway) return { verdict: 'expired', detail: `It expired ${relativeTime(exp, nowSec)} (${isoTime(exp) ?? exp}).` };
  const nbf = payload.nbf as number | undefined;
  if (nbf !== undefined && nowSec + leeway < nbf) return { verdict: 'not-yet-valid', detail: `It becomes valid ${relativeTime(nbf, nowSec)} (${isoTime(nbf) ?? nbf}).` };
  if (opts.issuer !== undefined && opts.issuer !== '' && payload.iss !== opts.issuer) {
    return { verdict: 'claim-mismatch', detail: `The issuer ("iss") is ${JSON.stringify(payload.iss) ?? 'missing'}; expected "${opts.issuer}".` };
  }
  const expected = ([] as string[]).concat(opts.audience ?? []).filter((a) => a !== '');
  if (expected.length) {
    const aud = payload.aud;
    const got = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
    if (!got.some((a) => expected.includes(a))) {
      return { verdict: 'claim-mismatch', detail: `The audience ("aud") is ${JSON.stringify(aud) ?? 'missing'}; expected ${expected.map((a) => `"${a}"`).join(' or ')}.` };
    }
  }
  for (const name of opts.requiredClaims ?? []) {
    if (payload[name] === undefined) return { verdict: 'claim-mismatch', detail: `The required claim "${name}" is missing.` };
  }
  return undefined;
}

function readPayload(payloadPart: string): { payload?: unknown; payloadText?: string; warnings: InspectionWarning[]; error?: string } {
  const warnings: InspectionWarning[] = [];
  const decoded = decodeJsonPart(payloadPart, 'payload');
  if (decoded.error && decoded.text === undefined) return { warnings, error: decoded.error };
  if (!decoded.ok) {
    warnings.push({ code: 'payload-not-json', message: `${decoded.error} This is a JWS, not a JWT; the payload is shown as text.` });
    return { payloadText: decoded.text, warnings };
  }
  if (depthExceeds(decoded.value, MAX_PAYLOAD_DEPTH)) {
    warnings.push({ code: 'payload-too-deep', message: `The payload is nested more than ${MAX_PAYLOAD_DEPTH} levels deep; it is shown as raw text.` });
    return { payloadText: decoded.text, warnings };
  }
  if (!isObject(decoded.value)) {
    warnings.push({ code: 'payload-not-object', message: 'The payload is JSON but not an object, so this is a JWS, not a JWT; it has no claims.' });
  }
  return { payload: decoded.value, payloadText: decoded.text, warnings };
}

function weakSecretWarning(key: ResolvedKey, alg: string): InspectionWarning | undefined {
  if (key.material.kind !== 'secret') return undefined;
  const bytes = key.material.bytes;
  const min = HMAC_MIN_BYTES[alg] ?? 32;
  if (COMMON_SECRETS.has(utf8.decodeLenient(bytes))) return { code: 'weak-secret', message: 'The secret is on the list of well-known example secrets: anyone can forge tokens with it. Generate a new one.' };
  if (bytes.length < min) return { code: 'weak-secret', message: `The secret is ${bytes.length} bytes; ${alg} needs at least ${min} (RFC 7518 §3.2). Short secrets can be brute-forced offline from one token.` };
  return undefined;
}

const HMAC_HASH: Readonly<Record<string, string>> = { HS256: 'SHA-256', HS384: 'SHA-384', HS512: 'SHA-512' };

/** Whether an HS* token was signed with one of the well-known secrets (their keys are imported once, lazily). */
async function signedWithCommonSecret(token: string, alg: SigningAlg, cache?: KeyCache): Promise<boolean> {
  const hash = HMAC_HASH[alg];
  if (!hash) return false;
  let keys = cache?.wellKnown.get(alg);
  if (!keys) {
    keys = Promise.all([...COMMON_SECRETS].map((s) => crypto.subtle.importKey('raw', utf8.encode(s), { name: 'HMAC', hash }, false, ['verify'])));
    cache?.wellKnown.set(alg, keys);
  }
  const dot = token.lastIndexOf('.');
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = base64UrlToBytes(token.slice(dot + 1));
  } catch {
    return false;
  }
  const input = utf8.encode(token.slice(0, dot));
  const results = await Promise.all((await keys).map((key) => crypto.subtle.verify('HMAC', key, signature, input)));
  return results.includes(true);
}

const KNOWN_SECRET: InspectionWarning = {
  code: 'known-secret',
  message: 'This token is signed with a well-known example secret (such as jwt.io\'s "your-256-bit-secret"): anyone can forge it.',
};

async function inspectJws(token: string, parts: string[], header: Record<string, unknown>, base: Partial<Inspection>, opts: InspectOptions): Promise<Inspection> {
  const now = opts.now ?? new Date();
  const nowSec = Math.floor(now.getTime() / 1000);
  const read = readPayload(parts[1]);
  if (read.error) return malformed(base, read.error);
  const { payload, payloadText } = read;
  const claims = isObject(payload) ? claimList(payload, nowSec) : [];
  const warnings = [...read.warnings, ...warningsFor(header, payload, opts, nowSec)];
  const result = (verdict: Verdict, detail?: string, extra: Partial<Inspection> = {}): Inspection => ({
    ...base,
    kind: 'jws',
    payload,
    payloadText,
    verdict,
    message: MESSAGES[verdict],
    ...(detail ? { detail } : {}),
    warnings,
    claims,
    ...extra,
  });

  const alg = header.alg;
  if (typeof alg !== 'string') return malformed(base, 'The header has no "alg" (RFC 7515 §4.1.1).');
  if (alg.toLowerCase() === 'none') return result('unsigned', parts[2] ? 'It also carries a signature, which alg "none" tells verifiers to ignore.' : undefined);
  if (!isSigningAlg(alg)) return result('unsupported', `The algorithm "${alg}" is not one this tool verifies (${'HS, RS, PS 256/384/512, ES256/384/512, EdDSA'}).`);
  const crit = header.crit;
  if (crit !== undefined) {
    if (!Array.isArray(crit) || crit.length === 0 || crit.some((c) => typeof c !== 'string')) return result('malformed', '"crit" must be a non-empty list of header names (RFC 7515 §4.1.11).');
    const unknown = crit.filter((c) => c !== 'b64');
    if (unknown.length) return result('unsupported', `The token requires the header extension(s) ${unknown.map((c) => `"${c}"`).join(', ')}, which this tool does not understand; RFC 7515 §4.1.11 says it must then be rejected.`);
  }
  // Checked only when the given key did not verify the token (or there is none): a key that does verify it is
  // itself checked against the same list by weakSecretWarning, and the fast path stays fast.
  const warnIfKnownSecret = async () => {
    if (alg.startsWith('HS') && (await signedWithCommonSecret(token, alg, opts.cache))) warnings.push(KNOWN_SECRET);
  };

  const expiredAnyway = isObject(payload) ? checkClaims(payload, opts, nowSec) : undefined;
  if (!opts.key) {
    await warnIfKnownSecret();
    if (expiredAnyway) warnings.push({ code: `unverified-${expiredAnyway.verdict}`, message: `Even unverified, it would fail: ${expiredAnyway.detail}` });
    return result('unverified', 'Give a key (the .env secret, a public key, a JWKS) to check the signature.');
  }

  let keys: ResolvedKey[];
  try {
    keys = resolveKeys(opts.key, opts.cache);
  } catch (e) {
    await warnIfKnownSecret();
    return result('unverified', `The key cannot be used: ${(e as Error).message}`);
  }
  const allowed = (k: ResolvedKey) => k.algorithms.filter((a) => !opts.algorithms || opts.algorithms.includes(a));
  const kid = header.kid;
  let candidates = keys.filter((k) => allowed(k).includes(alg));
  if (typeof kid === 'string' && candidates.some((k) => k.kid === kid)) candidates = candidates.filter((k) => k.kid === kid);
  if (candidates.length === 0) {
    const desc = keys.length === 1 ? `a ${keys[0].description}` : `the ${keys.length} keys given`;
    const fits = [...new Set(keys.flatMap(allowed))];
    await warnIfKnownSecret();
    return result('invalid-signature', `The token says ${alg}, but ${desc} verifies only ${fits.length ? fits.join(', ') : 'nothing'}. The algorithm comes from the key, never from the token.`);
  }
  for (const key of candidates) {
    const weak = weakSecretWarning(key, alg);
    let ok = false;
    try {
      const cryptoKey = await importForVerifying(key, alg, opts.cache);
      await compactVerify(token, cryptoKey, { algorithms: [alg] });
      ok = true;
    } catch {
      ok = false;
    }
    if (!ok) continue;
    if (weak) warnings.push(weak);
    const { material: _m, ...verifiedWith } = key;
    if (!isObject(payload)) return result('verified', 'The signature is valid, but the payload is not a JSON object: this is a JWS, not a JWT, and has no claims to check.', { verifiedWith });
    const failure = checkClaims(payload, opts, nowSec);
    if (failure) return result(failure.verdict, failure.detail, { verifiedWith });
    return result('verified', `${alg} with ${key.description}.`, { verifiedWith });
  }
  await warnIfKnownSecret();
  return result('invalid-signature', candidates.length === 1 ? 'The signature does not match the key.' : `The signature matches none of the ${candidates.length} keys that fit ${alg}.`);
}

const JWE_ALGS_BY_FAMILY: Readonly<Record<string, string[]>> = {
  oct: ['dir', 'A128KW', 'A192KW', 'A256KW', 'A128GCMKW', 'A192GCMKW', 'A256GCMKW', 'PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW'],
  RSA: ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512'],
  EC: ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'],
  OKP: ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'],
};

async function inspectJwe(token: string, header: Record<string, unknown>, base: Partial<Inspection>, opts: InspectOptions): Promise<Inspection> {
  const nowSec = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const warnings = warningsFor(header, undefined, opts, nowSec);
  const result = (verdict: Verdict, message: string, detail?: string, extra: Partial<Inspection> = {}): Inspection => ({
    ...base,
    kind: 'jwe',
    verdict,
    message,
    ...(detail ? { detail } : {}),
    warnings,
    claims: [],
    ...extra,
  });
  const alg = header.alg;
  const enc = header.enc;
  if (typeof alg !== 'string' || typeof enc !== 'string') return malformed(base, 'An encrypted token (JWE) needs "alg" and "enc" in its header (RFC 7516 §4.1).');
  if (!opts.key) return result('unverified', 'Encrypted token (JWE): its claims cannot be read without the decryption key.', `Encrypted with ${alg} / ${enc}.`);
  let keys: ResolvedKey[];
  try {
    keys = resolveKeys(opts.key, opts.cache);
  } catch (e) {
    return result('unverified', 'Encrypted token (JWE): not decrypted.', `The key cannot be used: ${(e as Error).message}`);
  }
  const fitting = keys.filter((k) => (JWE_ALGS_BY_FAMILY[k.family] ?? []).includes(alg));
  for (const key of fitting) {
    try {
      const cryptoKey = await importForDecryption(key, alg);
      const { plaintext } = await compactDecrypt(token, cryptoKey, { keyManagementAlgorithms: [alg] });
      const text = utf8.decodeLenient(plaintext);
      const { material: _m, ...verifiedWith } = key;
      let payload: unknown;
      try {
        payload = JSON.parse(text);
      } catch {
        payload = undefined;
      }
      if (payload !== undefined && depthExceeds(payload, MAX_PAYLOAD_DEPTH)) payload = undefined;
      const claims = isObject(payload) ? claimList(payload, nowSec) : [];
      warnings.push(...warningsFor(header, payload, opts, nowSec).filter((w) => !warnings.some((x) => x.code === w.code)));
      const failure = isObject(payload) ? checkClaims(payload, opts, nowSec) : undefined;
      const extra = { payload, payloadText: text, claims, verifiedWith };
      if (failure) return result(failure.verdict, MESSAGES[failure.verdict], failure.detail, extra);
      // Anyone with the public key can encrypt to it: only a shared secret also proves who made the token.
      if (key.family === 'oct') return result('verified', 'Decrypted and authenticated.', `${alg} / ${enc} with ${key.description}.`, extra);
      return result('unverified', 'Decrypted. Encryption to a public key does not prove who made the token.', `${alg} / ${enc} with ${key.description}. Sign it (nested JWT) to prove its origin.`, extra);
    } catch {
      // try the next key
    }
  }
  return result('invalid-signature', 'Token is invalid.', fitting.length ? `It cannot be decrypted with the key given (${alg} / ${enc}).` : `The key given does not fit the token's key management algorithm ${alg}.`);
}
