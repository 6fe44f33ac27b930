/**
 * The claims of a JWT, explained and checked: descriptions and times for the claims table, the registered-claim
 * checks (exp, nbf, iss, aud, required claims) and the warnings that do not decide a verdict on their own.
 */
import { CLAIM_DESCRIPTIONS, TIME_CLAIMS, isoTime, relativeTime, utcTime } from './claims';
import type { InspectedClaim, InspectionWarning, InspectOptions, Verdict } from './inspect';

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

/** When only the leeway lets `exp` or `nbf` pass: the sentence that says so (the banner shows it); else undefined. */
export function leewayDecided(payload: Record<string, unknown>, opts: InspectOptions, nowSec: number): string | undefined {
  const leeway = opts.leeway ?? 0;
  const { exp, nbf } = payload;
  if (typeof exp === 'number' && nowSec > exp && nowSec <= exp + leeway) return `It is valid only because of the ${leeway} s leeway: it expired ${relativeTime(exp, nowSec)}.`;
  if (typeof nbf === 'number' && nowSec < nbf && nowSec + leeway >= nbf) return `It is valid only because of the ${leeway} s leeway: it becomes valid ${relativeTime(nbf, nowSec)}.`;
  return undefined;
}

export interface ClaimFailure {
  verdict: Verdict;
  detail: string;
}

/** The first (worst) claim failure, or undefined. */
export function checkClaims(payload: Record<string, unknown>, opts: InspectOptions, nowSec: number): ClaimFailure | undefined {
  return claimFailures(payload, opts, nowSec)[0];
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
  if (nbf !== undefined && nowSec + leeway < nbf) out.push({ verdict: 'not-yet-valid', detail: `It becomes valid ${relativeTime(nbf, nowSec)} (${utcTime(nbf) ?? nbf}).` });
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
