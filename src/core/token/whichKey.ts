// "Which of my keys signed this?" — every key the user already has is tried against one token, nothing
// new fetched. Only the signature is checked (a key that signed an expired token still signed it), each key only with
// the algorithms its type allows; a secret's other readings are tried too and said.
import { isSigningAlg } from '../base/algorithms';
import { decodeJsonPart } from './decode';
import { cleanTokenText } from './clean';
import type { KeyCache } from '../keys/cache';
import type { KeyInput } from '../keys/types';
import { checkSignature, verifyingReading } from './signature';
import type { SecretEncoding } from '../keys/types';

/** A key to try: its source id and label (shown), and the key (never shown). */
export interface KeyCandidate {
  id: string;
  label: string;
  key: KeyInput;
}

/** A key whose signature matches; `reading` when it matches only with another reading of the secret's text. */
export interface KeyMatch {
  id: string;
  label: string;
  reading?: SecretEncoding;
}

export interface KeySearch {
  matches: KeyMatch[];
  /** How many candidates were tried (those that fit the token's algorithm) and how many could not be (no fit, unreadable). */
  tried: number;
  skipped: number;
  /** Why nothing was tried at all, when the token cannot be checked by any key (unsigned, malformed, a JWE). */
  why?: string;
}

/**
 * Which of `candidates` signed `text`. The token's header says which algorithm to try, and each key is tried only
 * if its type allows that algorithm (the same allow-list as verifying); a kid is not required to match, since the
 * question is which key it was. Never throws.
 */
export async function whichKeySigned(text: string, candidates: KeyCandidate[], opts: { cache?: KeyCache; now?: Date } = {}): Promise<KeySearch> {
  const { token } = cleanTokenText(text);
  const parts = token.split('.');
  const none = (why: string): KeySearch => ({ matches: [], tried: 0, skipped: candidates.length, why });
  if (parts.length === 5) return none('The token is encrypted (a JWE): a key decrypts it rather than having signed it.');
  if (parts.length !== 3) return none('The text is not a signed JWT (three parts separated by dots).');
  const header = decodeJsonPart(parts[0], 'header');
  const alg = header.ok && header.value && typeof header.value === 'object' ? (header.value as Record<string, unknown>).alg : undefined;
  if (typeof alg !== 'string' || alg.toLowerCase() === 'none') return none('The token is not signed (alg "none" or no alg): no key signed it.');
  if (!isSigningAlg(alg)) return none(`The token says ${alg}, which this tool does not verify.`);
  const h = header.value as Record<string, unknown>;
  const matches: KeyMatch[] = [];
  let tried = 0;
  let skipped = 0;
  const x5cHeader = h.x5c !== undefined ? { x5c: h.x5c, 'x5t#S256': h['x5t#S256'] } : {};
  // All at once: each check is a Web Crypto job on the thread pool, and most of its time is the hop there and back.
  const checks = await Promise.all(candidates.map((c) => checkSignature(token, alg, x5cHeader, { key: c.key, cache: opts.cache, now: opts.now })));
  const mismatched: KeyCandidate[] = [];
  for (const [i, check] of checks.entries()) {
    const c = candidates[i];
    const chainChecked = typeof c.key === 'object' && 'anchors' in c.key && h.x5c !== undefined;
    if (check.ok) matches.push({ id: c.id, label: c.label });
    else if (check.mismatch) mismatched.push(c);
    else if (!chainChecked) {
      // A key that does not fit the algorithm (or cannot be read) was not really tried.
      skipped++;
      continue;
    }
    tried++;
  }
  // Only when no key signed it as read: the other readings of each secret's text (the issuer used decoded bytes).
  if (!matches.length && alg.startsWith('HS')) {
    const readings = await Promise.all(mismatched.map((c) => verifyingReading(token, alg, { key: c.key, cache: opts.cache })));
    for (const [i, reading] of readings.entries()) if (reading) matches.push({ id: mismatched[i].id, label: mismatched[i].label, reading });
  }
  return { matches, tried, skipped };
}
