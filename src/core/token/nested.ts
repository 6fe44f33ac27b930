/**
 * Nested JWTs (RFC 7519 §5.2, `cty: "JWT"`): a signed or encrypted token whose payload is another token. Both
 * layers are inspected, and the overall verdict is the worse of the two.
 */
import type { Inspection, Verdict } from './types';

/** How bad a verdict is, for choosing the worse of two layers: a forged or unsigned layer outweighs everything. */
const RANK: Readonly<Record<Verdict, number>> = {
  verified: 0,
  possession: 1,
  unverified: 1,
  'claim-mismatch': 2,
  'not-yet-valid': 3,
  expired: 4,
  unsupported: 5,
  malformed: 6,
  'invalid-signature': 7,
  unsigned: 8,
};

/** How deep tokens may nest before the rest is shown as text: real ones nest once (signed, then encrypted). */
export const MAX_NESTING = 3;

/** Whether a header says that the payload is itself a JWT. */
export function isNestedJwt(header: Record<string, unknown>): boolean {
  const cty = header.cty;
  return typeof cty === 'string' && /^(?:application\/)?jwt$/i.test(cty);
}

/**
 * The whole answer for a token whose outer layer carried `inner`. When the outer layer was not accepted (its
 * signature failed, or it could not be checked) it decides. Otherwise the worse layer decides; a JWE decrypted with
 * a public-key algorithm counts as no objection, since its inner signature is what speaks for the token's origin.
 */
export function combineLayers(outer: Inspection, inner: Inspection, outerAccepted: boolean): Inspection {
  const withInner = { ...outer, nested: inner, claims: inner.claims };
  if (!outerAccepted) return { ...withInner, decidedBy: 'outer' };
  const outerVerdict: Verdict = outer.kind === 'jwe' && outer.verdict === 'unverified' ? 'verified' : outer.verdict;
  if (RANK[inner.verdict] < RANK[outerVerdict]) return { ...withInner, decidedBy: 'outer' };
  const detail = `Inner token (cty "JWT"): ${inner.detail ?? inner.message}`;
  return { ...withInner, verdict: inner.verdict, message: inner.message, detail, decidedBy: 'inner' };
}
