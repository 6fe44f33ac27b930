// Checking a JWS signature with the keys given: the algorithm comes from the key, never from the token; trust anchors
// check the token's x5c chain and then its leaf key; after a mismatch, the other readings of a secret's text are tried.
import type { CryptoKey } from 'jose';
import type { SigningAlg } from '../base/algorithms';
import type { InspectOptions } from './types';
import { verifyDirect } from './directVerify';
import { article, importForVerifying, verifyingKeyNow } from '../keys/keyImport';
import { resolveKeySet } from '../keys/resolve';
import { type ResolvedKey } from '../keys/types';
import { otherReadings, secretText } from '../keys/secret';
import { type SecretEncoding } from '../keys/types';
import { isMlDsa, mlDsaAvailable, noMlDsa } from '../keys/mlDsa';
import type { SignatureVerifier } from '../keys/verifier';

/** The outcome of checking a JWS signature with the given keys. */
export type SignatureCheck =
  | { ok: true; key: ResolvedKey; chain?: { anchor: string; path: string[]; extendedKeyUsage?: string[] } }
  | { ok: false; verdict: 'invalid-signature' | 'unverified'; detail: string; mismatch: boolean; message?: string };

export async function checkSignature(token: string, alg: SigningAlg, header: Record<string, unknown>, opts: InspectOptions): Promise<SignatureCheck> {
  if (!opts.key) return { ok: false, verdict: 'unverified', detail: 'Give a key (the .env secret, a public key, a JWKS) to check the signature.', mismatch: false };
  if (typeof opts.key === 'object' && 'anchors' in opts.key) return checkWithAnchors(token, alg, header, opts, opts.key.anchors);
  const kid = header.kid;
  let set;
  try {
    set = resolveKeySet(opts.key, opts.cache);
  } catch (e) {
    return { ok: false, verdict: 'unverified', detail: `The key cannot be used: ${(e as Error).message}`, mismatch: false };
  }
  const { keys, rejected } = set;
  const allowed = (k: ResolvedKey) => k.algorithms.filter((a) => !opts.algorithms || opts.algorithms.includes(a));
  let candidates = keys.filter((k) => allowed(k).includes(alg));
  if (typeof kid === 'string' && candidates.some((k) => k.kid === kid)) candidates = candidates.filter((k) => k.kid === kid);
  const refusedMember = typeof kid === 'string' ? rejected.find((r) => r.kid === kid) : undefined;
  if (refusedMember && !candidates.some((k) => k.kid === kid)) {
    return { ok: false, verdict: 'unverified', detail: `The key set's member "${kid}", which the token names, cannot be used: ${refusedMember.reason}`, mismatch: false };
  }
  if (candidates.length === 0) {
    const fits = [...new Set(keys.flatMap(allowed))];
    const what = fits.length ? `verifies only ${fits.join(', ')}` : 'verifies no JWS algorithm';
    const limits = [...new Set(keys.flatMap((k) => (k.limitedBy ? [k.limitedBy] : [])))];
    const desc = keys.length === 1 ? article(keys[0].description) : `none of the ${keys.length} keys given`;
    const verb = keys.length === 1 ? what : `fits it (together they ${what.replace(/^verifies/, 'verify')})`;
    // No key of the token's kind: nothing was checked, so the signature is not "invalid" — it is unverified.
    return { ok: false, verdict: 'unverified', mismatch: false, message: `Not verified: no ${alg} key.`, detail: `The token says ${alg}, but ${desc} ${verb}${limits.length ? ` — ${limits.join('; ')}` : ''}, so no signature was checked. The algorithm comes from the key, never from the token: add a key that fits ${alg} (a key file, a JWKS, the issuer's keys) or ask which of your keys signed it.` };
  }
  // A key that fits an ML-DSA token, and a runtime without ML-DSA: said, never a crash.
  if (isMlDsa(alg) && !(await mlDsaAvailable(alg))) return { ok: false, verdict: 'unverified', detail: noMlDsa(alg), mismatch: false };
  const unusable: string[] = [];
  for (const key of candidates) {
    let cryptoKey;
    try {
      // A key the cache already holds is taken without an await: the Web Crypto job below is then queued before this
      // function first yields, and runs on the thread pool while the caller works through the claims.
      cryptoKey = verifyingKeyNow(key, alg, opts.cache) ?? (await importForVerifying(key, alg, opts.cache));
    } catch (e) {
      unusable.push(`${article(key.description)} cannot be imported for ${alg} (${(e as Error).message})`);
      continue;
    }
    if (await verifies(token, alg, cryptoKey, key, opts.cache?.verifier)) return { ok: true, key };
  }
  if (unusable.length === candidates.length) return { ok: false, verdict: 'unverified', mismatch: false, detail: `The key cannot be used: ${unusable.join('; ')}.` };
  return { ok: false, verdict: 'invalid-signature', mismatch: true, detail: candidates.length === 1 ? 'The signature does not match the key.' : `The signature matches none of the ${candidates.length} keys that fit ${alg}.` };
}

/** The verifier straight away where that is the very check jose would make; jose for everything else. */
async function verifies(token: string, alg: SigningAlg, key: CryptoKey | Uint8Array, resolved: ResolvedKey, verifier?: SignatureVerifier): Promise<boolean> {
  if (rsaSignatureNotModulusLong(token, alg, key)) return false;
  const direct = verifyDirect(token, alg, key, resolved.material, verifier);
  if (direct !== undefined) return direct;
  return (await import('./joseVerify')).joseVerifies(token, alg, key);
}

/**
 * RFC 8017 §8.1.2 and §8.2.2, step 1: an RSA signature is exactly as long as the modulus. OpenSSL (node:crypto, and
 * the Web Crypto that jose uses in Node) reads a PSS signature one byte short as the same number, so a signature that
 * happens to start with a zero byte would verify in a second, shorter spelling — on the desktop, not in a browser.
 */
function rsaSignatureNotModulusLong(token: string, alg: SigningAlg, key: CryptoKey | Uint8Array): boolean {
  if (!/^(?:RS|PS)/.test(alg) || key instanceof Uint8Array) return false;
  const bits = (key.algorithm as { modulusLength?: number }).modulusLength;
  const chars = token.length - token.lastIndexOf('.') - 1;
  return typeof bits === 'number' && Math.floor((chars * 3) / 4) !== Math.ceil(bits / 8);
}

/**
 * Trust anchors: the x5c chain must build to one of them (checked at the inspection clock), and then the signature is
 * checked with the leaf's key like any public key — the algorithm still comes from that key, never from the token.
 */
async function checkWithAnchors(token: string, alg: SigningAlg, header: Record<string, unknown>, opts: InspectOptions, anchors: string): Promise<SignatureCheck> {
  if (header.x5c === undefined) return { ok: false, verdict: 'unverified', mismatch: false, detail: 'The key source is a set of trust anchors, and the token has no "x5c" certificate chain to check against them.' };
  // The X.509 code (and pkijs under it) is read on first use: only trust-anchor sources need it.
  const chain = await (await import('../keys/x5c')).checkX5c(header.x5c, anchors, opts.now ?? new Date(), header['x5t#S256']);
  if (!chain.ok) return { ok: false, verdict: 'invalid-signature', mismatch: false, detail: `The certificate chain in x5c is not trusted: ${chain.reason}. A token's own certificates are never trusted by themselves.` };
  const check = await checkSignature(token, alg, {}, { ...opts, key: chain.leafKey });
  if (!check.ok) return { ...check, detail: `The certificate chain to ${chain.anchor} holds, but ${check.detail.charAt(0).toLowerCase()}${check.detail.slice(1)}` };
  return { ...check, chain: { anchor: chain.anchor, path: chain.path, ...(chain.extendedKeyUsage ? { extendedKeyUsage: chain.extendedKeyUsage } : {}) } };
}

/** The other reading of the key's secret text that verifies the token, if one does (only tried after a mismatch). */
export async function verifyingReading(token: string, alg: SigningAlg, opts: InspectOptions): Promise<SecretEncoding | undefined> {
  const secret = secretText(opts.key);
  if (!secret) return undefined;
  for (const encoding of otherReadings(secret.text, secret.encoding)) {
    if ((await checkSignature(token, alg, {}, { ...opts, key: { secret: secret.text, encoding } })).ok) return encoding;
  }
  return undefined;
}

/** What a key check says about the signature, as a sentence for a detail that is about something else. */
export function signatureSentence(check: SignatureCheck): string {
  if (check.ok) return `The signature is correct (${check.key.description}).`;
  if (check.mismatch) return 'The signature does not match the key either.';
  return `The signature was not checked: ${check.detail}`;
}

