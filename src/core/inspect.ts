// Routing only: which kind of token the text holds (a DPoP pair, an SD-JWT, a JWE, a nested or a plain JWS), and the
// part of the core that inspects it. What a JWS says is decided in token/jws.ts, a JWE in token/jwe.ts, a profile in profiles/.
import { BIDI, MAX_PAYLOAD_DEPTH, capLeeway, depthExceeds, isObject } from './token/claimChecks';
import { MAX_TOKEN_CHARS, cleanTokenText } from './token/clean';
import { decodeJsonPart } from './token/decode';
import { inspectJws } from './token/jws';
import { MAX_NESTING, isNestedJwt } from './token/nested';
import type { InspectOptions, Inspection } from './token/types';
import { MESSAGES, malformed } from './token/verdicts';
import { checkedProfile, isDpop } from './profiles/detect';
import { dpopPair } from './profiles/dpopPair';

export { cleanTokenText, MAX_TOKEN_CHARS } from './token/clean';

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
