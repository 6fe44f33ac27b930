import { isSigningAlg, type SigningAlg } from './base/algorithms';
import { BIDI, MAX_PAYLOAD_DEPTH, capLeeway, claimFailures, claimList, depthExceeds, isObject, verdictNotes, warningsFor } from './token/claimChecks';
import { MAX_TOKEN_CHARS, cleanTokenText } from './token/clean';
import { base64UrlToBytes } from './base/encoding';
import { MESSAGES, NOT_A_JWT_MESSAGE, decodeJsonPart, malformed, notAClaimsSet, publicInfo } from './token/verdicts';
import type { KeyCache, KeyInfo, KeyInput } from './keys/resolve';
import { MAX_NESTING, combineLayers, isNestedJwt } from './token/nested';
import { wellKnownSecretWarning, weakSecretWarning } from './token/wellKnownSecrets';
import { readingName, type SecretEncoding } from './keys/secret';
import { checkSignature, signatureSentence, verifyingReading, type SignatureCheck } from './token/signature';
import type { Profile, ProfileCheck, ProfileOptions } from './profiles/types';
import type { Disclosure } from './profiles/sdJwt';
import { checkedProfile, isDpop } from './profiles/detect';
import { dpopPair } from './profiles/dpopPair';

export { cleanTokenText, MAX_TOKEN_CHARS } from './token/clean';

const NOT_A_JWT = 'is not a JWT claims set (RFC 7519 §7.2: a JWT\'s payload is one JSON object)';

/** The outcome of an inspection, most important first. */
export type Verdict =
  | 'verified'
  /**
   * A DPoP proof pasted on its own (or with an opaque access token): its signature holds for the key in its own
   * header and its checks pass. That shows possession of that key, never trust: no key of the user's verified it.
   */
  | 'possession'
  | 'invalid-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'claim-mismatch'
  | 'unsigned'
  | 'unverified'
  | 'unsupported'
  | 'malformed';

/** Options of {@link inspectToken}. The profile options (nonce, client, access token, request) feed issue 12's checks. */
export interface InspectOptions extends ProfileOptions {
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
  /** The claim came from an SD-JWT disclosure (the holder chose to show it), not from the issuer-signed claims. */
  disclosed?: boolean;
}

/** Everything {@link inspectToken} learned. Plain, structured-cloneable data without any key material. */
export interface Inspection {
  kind: 'jws' | 'jwe' | 'malformed';
  header?: Record<string, unknown>;
  /** The decoded payload when it is a JWT claims set (a JSON object). */
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
  /**
   * The signature was checked with the key in the token's own header (a DPoP proof's jwk), not with any key of the
   * user's: whatever the verdict, no key the user chose speaks for this token. `verifiedWith` then names that key.
   */
  ownKey?: true;
  /** What was stripped from the input to find the token. */
  cleaned?: string[];
  /** The inner token of a nested JWT (`cty: "JWT"`, RFC 7519 §5.2), inspected with the same keys and options. */
  nested?: Inspection;
  /** For a nested JWT: which layer's verdict is the overall one (the worse of the two). */
  decidedBy?: 'outer' | 'inner';
  /**
   * What else is wrong, beside what decided the verdict (which is the worst): a token with a bad signature that has
   * also expired says both; so does one that is expired and from another issuer. Sentences, worst first.
   */
  also?: string[];
  /**
   * For a token verified through its `x5c` with trust anchors: the anchor the chain built to, and the subjects on
   * the path from the leaf up (the anchor last).
   */
  chain?: { anchor: string; path: string[]; extendedKeyUsage?: string[] };
  /**
   * The signature did not match the secret as it is read, but matches another reading of the same text (issue 13.3):
   * e.g. the issuer signed with the base64-decoded secret. The verdict stays what the chosen reading gave.
   */
  secretReading?: { encoding: SecretEncoding; message: string };
  /** Which kind of token this is (issue 12): a plain 'jwt', an SD-JWT, a DPoP proof, an access token, an ID token. */
  profile?: Profile;
  /** The checks that profile's standard requires, each passed, failed or not checked. A failed one is never 'verified'. */
  checks?: ProfileCheck[];
  /** An SD-JWT's disclosures, decoded, and where each was put (or why not). */
  disclosures?: Disclosure[];
  /** An SD-JWT's digests with no disclosure: withheld claims or decoys. */
  withheld?: number;
  /** An SD-JWT presentation's Key Binding JWT, inspected with the holder key of the issuer JWT's cnf.jwk. */
  keyBinding?: Inspection;
  /** For a DPoP pair (an access token with its proof): the proof, inspected against the token and the request. */
  dpop?: Inspection;
  /** For a DPoP pair: the pair as a request ("POST …", "Authorization: DPoP …", "DPoP: …"), to show where it was pasted. */
  pair?: string;
}

const B64URL_CHAR = /[^A-Za-z0-9_-]/;

/**
 * Decode, verify and explain a token. Never throws and never hangs, whatever `text` is: every failure is a
 * verdict. The algorithm is taken from the key (`opts.key`), never from the token's header; `alg: none` in any
 * casing is 'unsigned', never 'verified'. A key is used only as its JWK declares (`use`, `key_ops`, `alg`). Every
 * part must be canonical base64url (one spelling per token), and a JWT's payload must be a JSON object: anything
 * else is 'malformed' even when its signature is correct (then `verifiedWith` says which key it matched). A nested
 * JWT (`cty: "JWT"`) is inspected layer by layer and gets the worse verdict. Without a key the signature is NOT
 * checked (verdict 'unverified'), though everything that can be decoded is returned. For a JWE, only the header is
 * read unless a fitting key is given. Text over {@link MAX_TOKEN_CHARS} is refused unread.
 */
export async function inspectToken(text: string, opts: InspectOptions = {}): Promise<Inspection> {
  try {
    // Whoever sets the leeway (a repository's settings, a message), more than a few minutes of skew is never allowed.
    return await inspectText(typeof text === 'string' ? text : String(text), { ...opts, leeway: capLeeway(opts.leeway) }, 0);
  } catch (e) {
    return { kind: 'malformed', verdict: 'malformed', message: MESSAGES.malformed, detail: `Unexpected error: ${(e as Error)?.message ?? String(e)}`, warnings: [], claims: [] };
  }
}

function sizeText(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(chars / 1024)} KiB`;
}

/**
 * `asProof`: a DPoP-typed token here is a proof, checked with the key in its own header (and never called verified).
 * Only a top-level token and a pair's proof are; inside an SD-JWT, a JWE or a nested JWT every token is a JWS to be
 * verified with the user's key, whatever its typ says.
 */
async function inspectText(text: string, opts: InspectOptions, depth: number, asProof = depth === 0): Promise<Inspection> {
  if (text.length > MAX_TOKEN_CHARS) {
    return malformed({}, `The text is ${sizeText(text.length)}; a token is read up to ${sizeText(MAX_TOKEN_CHARS)} (real ones are a few KiB). Select just the token.`);
  }
  // An access token and its DPoP proof, pasted together or as a request: each inspected, then paired.
  const pair = depth === 0 ? dpopPair(text) : undefined;
  if (pair) return (await import('./profiles')).inspectPair(pair, opts, (t, o, proof) => inspectText(t, o, depth + 1, proof));
  const { token, cleaned } = cleanTokenText(text);
  const base: Partial<Inspection> = { token: token || undefined, cleaned: cleaned.length ? cleaned : undefined };
  if (!token) return malformed({ ...base, token: undefined }, 'There is no token: the text is empty.');
  if (token.includes('~')) {
    // An SD-JWT: the issuer JWT, its disclosures and an optional KB-JWT, each inspected on its own.
    // Read on first use, as the JWE code below: a plain JWS needs neither.
    const sd = depth < MAX_NESTING ? await (await import('./profiles/sdJwtInspect')).inspectSdJwt(token, opts, (jwt, o) => inspectText(jwt, o, depth + 1)) : undefined;
    if (sd) return { ...sd, ...(base.cleaned ? { cleaned: base.cleaned } : {}) };
    return malformed({ ...base, parts: undefined }, 'A "~" separates an SD-JWT\'s parts (RFC 9901), but the text before the first one is not a signed JWT of three parts.');
  }
  const parts = token.split('.');
  base.parts = parts;
  for (let p = 0, offset = 0; p < parts.length; offset += parts[p].length + 1, p++) {
    const bad = B64URL_CHAR.exec(parts[p]);
    if (bad) {
      const cp = bad[0].codePointAt(0)!;
      const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      const at = `at position ${offset + bad.index + 1}`;
      if (/\s/.test(bad[0])) {
        return malformed({ ...base, parts: undefined }, `${cp === 32 ? 'A space' : 'Whitespace'} (${code}) ${at} is not allowed inside a token; only the line breaks of a wrapped token are removed.`);
      }
      const shown = cp < 0x20 || BIDI.test(bad[0]) || cp > 0x7e ? '' : ` "${bad[0]}"`;
      return malformed({ ...base, parts: undefined }, `Character${shown} (${code}) ${at} is not allowed in a token (base64url: A–Z a–z 0–9 - _).`);
    }
  }
  const runTogether = secondToken(token);
  if (runTogether !== undefined) {
    return malformed(base, `This looks like two tokens run together: a second one starts at position ${runTogether + 1} ("eyJ…" after the first token's signature). Paste one token at a time.`);
  }
  if (parts.length !== 3 && parts.length !== 5) {
    return malformed(base, `A JWT has 3 parts separated by dots (an encrypted JWE has 5); this has ${parts.length}.`);
  }
  const header = decodeJsonPart(parts[0], 'header');
  if (!header.ok) return malformed(base, header.error!);
  if (!isObject(header.value)) return malformed(base, 'The header is JSON but not an object.');
  if (depthExceeds(header.value, MAX_PAYLOAD_DEPTH)) return malformed(base, `The header is nested more than ${MAX_PAYLOAD_DEPTH} levels deep.`);
  base.header = header.value;
  const inner = depth < MAX_NESTING ? (t: string) => inspectText(t, opts, depth + 1) : undefined;
  // The JWE code (and jose's decryption under it) is read on first use: a JWS does not need it.
  if (parts.length === 5) return (await import('./token/jwe')).inspectJwe(token, parts, header.value, base, opts, inner);
  if (isNestedJwt(header.value)) return inspectJws(token, parts, header.value, base, opts, inner);
  const jws = header.value;
  if (asProof && isDpop(jws)) return (await import('./profiles')).inspectProof(jws, opts, (o) => inspectJws(token, parts, jws, base, o));
  return withProfile(await inspectJws(token, parts, jws, base, opts, inner), jws, opts);
}

/**
 * The profile adds its checks; the key is always the user's. A plain JWT has none: the profiles' code (profiles/index.ts)
 * is read on first use, by a token that needs it.
 */
async function withProfile(ins: Inspection, header: Record<string, unknown>, opts: InspectOptions): Promise<Inspection> {
  const payload = ins.kind === 'jws' && ins.payload && typeof ins.payload === 'object' ? (ins.payload as Record<string, unknown>) : undefined;
  if (!payload) return ins;
  if (!checkedProfile(header, payload, opts.profile)) return { ...ins, profile: 'jwt' };
  return (await import('./profiles')).applyProfile(ins, header, opts);
}

/** At most this many later "eyJ" are decoded as a second token's header, each up to this many characters. */
const SECOND_TOKEN_TRIES = 16;
const MAX_SECOND_HEADER = 64 * 1024;

/**
 * Where a second token starts when two were pasted together (a paste appended to the old one): more than three
 * parts, and a later "eyJ" from which a JOSE header decodes. Undefined otherwise (a real JWE has a header with "enc"
 * and no such second header). One pass: a candidate's header runs to the next dot, found by a pointer that only moves
 * forward, and at most {@link SECOND_TOKEN_TRIES} candidates are decoded — text with an "eyJ" every few characters
 * (up to the 1 MiB cap) costs a scan, not a decode per "eyJ". Only the message depends on it: either way such text
 * is malformed.
 */
function secondToken(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length < 4) return undefined;
  const first = decodeJsonPart(parts[0], 'header');
  if (parts.length === 5 && first.ok && isObject(first.value) && typeof first.value.enc === 'string') return undefined;
  // A header at `at` needs two dots after it (a header, a payload, a signature).
  const lastButOneDot = token.lastIndexOf('.', token.lastIndexOf('.') - 1);
  let dot = -1;
  let tries = 0;
  for (let at = token.indexOf('eyJ', parts[0].length + parts[1].length + 2); at >= 0 && at < lastButOneDot && tries < SECOND_TOKEN_TRIES; at = token.indexOf('eyJ', at + 1)) {
    if (dot < at) dot = token.indexOf('.', at);
    if (dot - at > MAX_SECOND_HEADER) continue;
    tries++;
    const header = decodeJsonPart(token.slice(at, dot), 'header');
    if (header.ok && isObject(header.value) && typeof header.value.alg === 'string') return at;
  }
  return undefined;
}

/** Why a JWS's "crit" refuses it (RFC 7515 §4.1.11), or undefined when it is absent or names only "b64". */
function critProblem(crit: unknown): { verdict: Verdict; detail: string } | undefined {
  if (crit === undefined) return undefined;
  if (!Array.isArray(crit) || crit.length === 0 || crit.some((c) => typeof c !== 'string')) return { verdict: 'malformed', detail: '"crit" must be a non-empty list of header names (RFC 7515 §4.1.11).' };
  const unknown = (crit as string[]).filter((c) => c !== 'b64');
  if (unknown.length) return { verdict: 'unsupported', detail: `The token requires the header extension(s) ${unknown.map((c) => `"${c}"`).join(', ')}, which this tool does not understand; RFC 7515 §4.1.11 says it must then be rejected.` };
  return undefined;
}

/** The payload of a JWS: a claims object, or why it is not one (with its text for display). */
interface Payload {
  payload?: Record<string, unknown>;
  payloadText?: string;
  /** Why this is not a JWT claims set, when it is not. */
  notClaims?: string;
  /** The payload part itself is broken (not base64url): malformed before anything else. */
  error?: string;
}

function readPayload(part: string): Payload {
  const decoded = decodeJsonPart(part, 'payload');
  if (decoded.text === undefined) return { error: decoded.error };
  const why = decoded.error?.includes('UTF-8') ? 'it is not valid UTF-8' : notAClaimsSet(decoded.text, decoded.value, decoded.ok);
  if (why) return { payloadText: decoded.text, notClaims: why };
  return { payload: decoded.value as Record<string, unknown>, payloadText: decoded.text };
}

async function inspectJws(token: string, parts: string[], header: Record<string, unknown>, base: Partial<Inspection>, opts: InspectOptions, inner?: (text: string) => Promise<Inspection>): Promise<Inspection> {
  const now = opts.now ?? new Date();
  const nowSec = Math.floor(now.getTime() / 1000);
  const alg = header.alg;
  if (typeof alg !== 'string') return malformed(base, 'The header has no "alg" (RFC 7515 §4.1.1).');
  if (header.b64 !== undefined && header.b64 !== true) {
    return { ...base, kind: 'jws', verdict: 'unsupported', message: MESSAGES.unsupported, detail: 'The header says "b64": false (RFC 7797, an unencoded payload): what was signed is the payload text itself, and no JWT uses that form, so it is neither decoded as claims nor verified here.', warnings: [], claims: [] };
  }
  const read = readPayload(parts[1]);
  if (read.error) return malformed(base, read.error);
  try {
    base64UrlToBytes(parts[2]);
  } catch {
    return malformed(base, 'The signature is not valid base64url (RFC 7515 §2): every token has one spelling, and this one has stray bits or characters.');
  }
  const crit = header.crit;
  const critRefusal = critProblem(crit);
  // Started before the claims are worked through: with the key in the cache, the signature's Web Crypto job is on
  // the thread pool while they run. Awaited below on every path that started it.
  const checking = alg.toLowerCase() !== 'none' && isSigningAlg(alg) && !critRefusal ? checkSignature(token, alg, header, opts) : undefined;
  // Should the claim work below throw, the outer catch says so; the started check must not become an unhandled rejection.
  checking?.catch(() => undefined);
  const nested = isNestedJwt(header) && inner !== undefined;
  const { payload, payloadText } = read;
  const claims = payload ? claimList(payload, nowSec) : [];
  const warnings = warningsFor(header, nested ? {} : payload, opts, nowSec).filter((w) => !(nested && w.code === 'no-exp'));
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

  if (alg.toLowerCase() === 'none') return result('unsigned', `It is unsigned (alg: none) and can never be trusted: anyone can make it.${parts[2] ? ' It also carries a signature, which alg "none" tells verifiers to ignore.' : ''}`);
  if (!isSigningAlg(alg)) return result('unsupported', `The algorithm "${alg}" is not one this tool verifies (HS, RS, PS 256/384/512, ES256/384/512, EdDSA, Ed25519, ML-DSA-44/65/87).`);
  if (critRefusal) return result(critRefusal.verdict, critRefusal.detail);

  const check = await checking!;
  if (!check.ok && alg.startsWith('HS')) {
    // Checked only when the given key did not verify the token (or there is none): a key that does verify it is
    // itself checked against the same list by weakSecretWarning, and the fast path stays fast.
    const known = await wellKnownSecretWarning(token, alg, opts.cache);
    if (known) warnings.push(known);
  }
  const verifiedWith = check.ok ? publicInfo(check.key) : undefined;
  const chained = check.ok && check.chain ? { chain: check.chain } : {};
  const withKey = (sig: SignatureCheck & { ok: true }) => `${alg} with ${sig.key.description}${sig.chain ? ` — certificate chain to ${sig.chain.anchor} (${sig.chain.path.join(' → ')})${sig.chain.extendedKeyUsage ? `; the leaf's extended key usage: ${sig.chain.extendedKeyUsage.join(', ')}` : ''}` : ''}.`;
  if (check.ok) {
    const weak = weakSecretWarning(check.key, alg);
    if (weak) warnings.push(weak);
  }

  if (nested) {
    const outer = check.ok ? result('verified', withKey(check), { verifiedWith, ...chained }) : result(check.verdict, check.detail);
    return combineLayers(outer, await inner(payloadText ?? ''), check.ok);
  }
  if (read.notClaims) {
    return { ...result('malformed', `The payload ${NOT_A_JWT}: ${read.notClaims}; it is shown as text. ${signatureSentence(check)}`, verifiedWith ? { verifiedWith } : {}), message: NOT_A_JWT_MESSAGE };
  }
  const failures = claimFailures(payload!, opts, nowSec);
  const also = (list: { detail: string }[]) => (list.length ? { also: list.map((f) => f.detail) } : {});
  if (!check.ok) {
    const reading = check.mismatch && alg.startsWith('HS') ? await verifyingReading(token, alg, opts) : undefined;
    if (reading) {
      const message = `This token was signed with ${readingName(reading)}.`;
      return result(check.verdict, `${check.detail} ${message} Read the secret as ${reading === 'utf8' ? 'text' : reading} to verify it.`, { secretReading: { encoding: reading, message }, ...also(failures) });
    }
    if (failures.length && check.verdict === 'unverified') warnings.push({ code: `unverified-${failures[0].verdict}`, message: `Even unverified, it would fail: ${failures[0].detail}` });
    return result(check.verdict, check.detail, { ...(check.verdict === 'invalid-signature' ? also(failures) : {}), ...(check.message ? { message: check.message } : {}) });
  }
  const notes = verdictNotes(payload!, opts, nowSec, failures);
  const noted = (detail: string) => [detail, ...notes].join(' ');
  if (failures.length) return result(failures[0].verdict, noted(failures[0].detail), { verifiedWith, ...chained, ...also(failures.slice(1)) });
  return result('verified', noted(withKey(check)), { verifiedWith, ...chained });
}

