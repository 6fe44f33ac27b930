/**
 * The verdicts' words and the small pieces that both the JWS path (inspect.ts) and the JWE path (jwe.ts) use, so that
 * neither imports the other.
 */
import { MAX_PAYLOAD_DEPTH, depthExceeds } from './claimChecks';
import type { Inspection, Verdict } from './types';
import type { KeyInfo, ResolvedKey } from '../keys/types';

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
