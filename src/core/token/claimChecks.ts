/**
 * The claims of a JWT, explained and checked: descriptions and times for the claims table, the registered-claim
 * checks (exp, nbf, iss, aud, required claims) and the warnings that do not decide a verdict on their own.
 */
import { CLAIM_DESCRIPTIONS, TIME_CLAIMS, isoTime, relativeTime, utcTime } from './claims';
import type { InspectedClaim, InspectionWarning, InspectOptions, Verdict } from './types';

/** Who "the recipe's server" is, in the sentences that say what it answers. */
export const RECIPE_SERVER = 'the recipe\'s server (PyJWT\'s jwt.decode, as verify_jwt calls it)';

export const DEFAULT_MAX_LIFETIME = 30 * 86400;
export const MAX_PAYLOAD_DEPTH = 200;
/**
 * The most clock skew a verification allows, in seconds: five minutes is what servers commonly allow (PyJWT's and
 * jose's users pick 30–300 s), and more than that is no skew but a token that is out of date.
 */
export const MAX_LEEWAY_S = 300;

/** A leeway as used: a number of seconds from 0 to {@link MAX_LEEWAY_S}; anything else is 0. */
export function capLeeway(leeway: unknown): number {
  if (typeof leeway !== 'number' || Number.isNaN(leeway) || leeway <= 0) return 0;
  return Math.min(MAX_LEEWAY_S, leeway);
}
export const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

export function depthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= max) return true;
    for (const child of Object.values(v as object)) if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
  }
  return false;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function claimList(payload: Record<string, unknown>, nowSec: number): InspectedClaim[] {
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

export function warningsFor(header: Record<string, unknown>, payload: unknown, opts: InspectOptions, nowSec: number): InspectionWarning[] {
  const w: InspectionWarning[] = [];
  const leeway = opts.leeway ?? 0;
  if (typeof header.alg === 'string' && header.alg.toLowerCase() === 'none') {
    w.push({ code: 'alg-none', message: 'The header says alg "none": the token has no signature, anyone can make it.' });
  }
  if (header.x5c !== undefined) {
    w.push({ code: 'header-x5c', message: 'The header carries "x5c": a certificate chain chosen by whoever made the token. It is never trusted by itself — only a chain that leads to trust anchors you added (JWT: Add Trust Anchors…) verifies it.' });
  }
  for (const h of ['jku', 'x5u', 'jwk'] as const) {
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

/** What the leeway let pass, in words: the expiry, the not-before time or the issue time it forgave. */
function leewayReason(payload: Record<string, unknown>, verdict: Verdict, nowSec: number): string {
  const { exp, nbf, iat } = payload;
  if (verdict === 'expired' && typeof exp === 'number') return `it expired ${relativeTime(exp, nowSec)}`;
  if (typeof nbf === 'number' && nbf > nowSec) return `it becomes valid ${relativeTime(nbf, nowSec)}`;
  return typeof iat === 'number' ? `it was issued ${relativeTime(iat, nowSec)}, in the future` : 'without it the token would be refused';
}

export interface ClaimFailure {
  verdict: Verdict;
  detail: string;
}

/**
 * Every way the registered claims fail, worst first: malformed times, expiry, not-before, issuer, audience, required
 * claims. The first decides the verdict; the rest are listed beside it, so that a token that is both expired and
 * issued by someone else says both.
 */
export function claimFailures(payload: Record<string, unknown>, opts: InspectOptions, nowSec: number): ClaimFailure[] {
  const out: ClaimFailure[] = [];
  const leeway = opts.leeway ?? 0;
  for (const name of ['exp', 'nbf', 'iat'] as const) {
    const v = payload[name];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) out.push({ verdict: 'claim-mismatch', detail: `"${name}" must be a number of seconds since 1970 (a NumericDate).` });
  }
  if (out.length) return out;
  const exp = payload.exp as number | undefined;
  if (exp !== undefined && nowSec > exp + leeway) out.push({ verdict: 'expired', detail: `It expired ${relativeTime(exp, nowSec)} (${utcTime(exp) ?? exp}).` });
  const nbf = payload.nbf as number | undefined;
  if (nbf !== undefined && nowSec + leeway < nbf) out.push({ verdict: 'not-yet-valid', detail: `It becomes valid ${relativeTime(nbf, nowSec)} (${utcTime(nbf) ?? nbf}) — until then ${RECIPE_SERVER} answers "Token is invalid." (the token is not yet valid: nbf).` });
  // PyJWT refuses a token issued in the future (ImmatureSignatureError), so the recipe's server does: so does this.
  const iat = payload.iat as number | undefined;
  if (iat !== undefined && nowSec + leeway < iat) out.push({ verdict: 'not-yet-valid', detail: `It was issued in the future: "iat" is ${relativeTime(iat, nowSec)} (${utcTime(iat) ?? iat}), so ${RECIPE_SERVER} answers "Token is invalid." (the token is not yet valid: iat). The issuer's clock is wrong or the token was made up.` });
  if (opts.issuer !== undefined && opts.issuer !== '' && payload.iss !== opts.issuer) {
    out.push({ verdict: 'claim-mismatch', detail: `The issuer ("iss") is ${JSON.stringify(payload.iss) ?? 'missing'}; expected "${opts.issuer}".` });
  }
  const expected = ([] as string[]).concat(opts.audience ?? []).filter((a) => a !== '');
  if (expected.length) {
    const aud = payload.aud;
    const got = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
    if (!got.some((a) => expected.includes(a))) {
      out.push({ verdict: 'claim-mismatch', detail: `The audience ("aud") is ${JSON.stringify(aud) ?? 'missing'}; expected ${expected.map((a) => `"${a}"`).join(' or ')}.` });
    }
  }
  for (const name of opts.requiredClaims ?? []) {
    if (payload[name] === undefined) out.push({ verdict: 'claim-mismatch', detail: `The required claim "${name}" is missing.` });
  }
  return out;
}

/**
 * What decided a verdict besides the token and the key, said in the banner: the Clock option (a time other than now),
 * a leeway that turned a refusal into a pass, and an "aud" the inspector does not check while no audience is set —
 * which the recipe's server refuses.
 */
export function verdictNotes(payload: Record<string, unknown>, opts: InspectOptions, nowSec: number, failures: ClaimFailure[]): string[] {
  const notes: string[] = [];
  const timed = ['exp', 'nbf', 'iat'].some((n) => typeof payload[n] === 'number');
  if (opts.now && timed) notes.push(`Judged at the Clock option's time, ${isoTime(nowSec) ?? opts.now.toISOString()}, not now.`);
  const leeway = opts.leeway ?? 0;
  if (leeway > 0) {
    const strict = claimFailures(payload, { ...opts, leeway: 0 }, nowSec).filter((f) => f.verdict === 'expired' || f.verdict === 'not-yet-valid');
    const relaxed = strict.filter((f) => !failures.some((g) => g.verdict === f.verdict));
    if (relaxed.length) notes.push(`The leeway of ${leeway} s decided it — it is valid only because of the ${leeway} s leeway: ${leewayReason(payload, relaxed[0].verdict, nowSec)}.`);
  }
  const expected = ([] as string[]).concat(opts.audience ?? []).filter((a) => a !== '');
  const aud = payload.aud;
  if (!failures.length && !expected.length && aud !== undefined && aud !== null && aud !== '' && !(Array.isArray(aud) && aud.length === 0)) {
    notes.push(`The token carries "aud" (${JSON.stringify(aud)}) and no audience is set here, so it is not checked; ${RECIPE_SERVER} without an audience answers "Token is invalid." (Invalid audience). Set JWT_AUDIENCE on the server, and the Audience under Verification here, to accept it.`);
  }
  return notes;
}
