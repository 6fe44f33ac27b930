// Which profile a JWS is, and what its standard adds: called by inspect.ts around the plain JWS check.
import { decodeToken } from '../token/decode';
import type { Inspection, InspectOptions } from '../token/types';
import { accessTokenChecks } from './accessToken';
import { checkedProfile } from './detect';
import { dpopChecks, proofKey } from './dpop';
import { MESSAGES } from '../token/verdicts';
import type { DpopPair } from './dpopPair';
import { idTokenChecks } from './idToken';
import { failed, notChecked, passed } from './checks';
import { type ProfileCheck } from '../token/types';
import { withChecks } from './checks';

/**
 * A DPoP proof on its own, or a pair's proof: verified with the public key in its own header — never with the user's —
 * and checked against the request, the clock and the access token. Whatever it shows, it is possession of that key,
 * not trust: its best verdict is 'possession', and every text names the header key. The expected issuer and audience
 * are the access token's; for a proof alone they are listed as not applicable, never silently set aside.
 */
export async function inspectProof(header: Record<string, unknown>, opts: InspectOptions, verify: (o: InspectOptions) => Promise<Inspection>): Promise<Inspection> {
  const key = proofKey(header);
  const ins = await verify({ ...opts, key: 'jwk' in key ? { jwk: key.jwk } : undefined, issuer: undefined, audience: undefined });
  if (ins.kind !== 'jws') return ins;
  const payload = ins.payload && typeof ins.payload === 'object' ? (ins.payload as Record<string, unknown>) : undefined;
  const nowSec = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const { checks, thumbprint } = await dpopChecks(header, payload, { ok: !!ins.verifiedWith, why: ins.verifiedWith ? undefined : ins.detail }, { htm: opts.htm, htu: opts.htu, nonce: opts.dpopNonce, accessToken: opts.accessToken, leeway: opts.leeway ?? 0, nowSec });
  checks.push(...notApplicable(opts));
  const own = `the key in the proof's own header (${ins.verifiedWith?.description ?? 'jwk'}${thumbprint ? `, RFC 7638 thumbprint ${thumbprint}` : ''})`;
  // A proof has no exp by design, and its header jwk is what it is checked with: those warnings are noise here.
  const dpop: Inspection = {
    ...ins,
    ownKey: true,
    warnings: ins.warnings.filter((w) => w.code !== 'no-exp' && w.code !== 'header-jwk'),
    ...(ins.verifiedWith ? { verifiedWith: { ...ins.verifiedWith, description: own } } : {}),
  };
  const out = withChecks(dpop, 'dpop', checks, new Set(['proof signature', 'proof key']));
  if (out.verdict !== 'verified') return out;
  const alg = typeof header.alg === 'string' ? header.alg : '?';
  return { ...out, verdict: 'possession', message: MESSAGES.possession, detail: `${alg} with ${own}. That shows the sender holds this key, not who they are: only an access token verified with your key, whose cnf.jkt names this key, ties it to a client.` };
}

/** The expected issuer and audience beside a proof alone: they are an access token's, and said to be. */
function notApplicable(opts: InspectOptions): ProfileCheck[] {
  const out: ProfileCheck[] = [];
  if (opts.issuer) out.push(notChecked('expected issuer', `Not applicable: a DPoP proof names no issuer. The expected issuer ${JSON.stringify(opts.issuer)} is checked on the access token sent with it — inspect the request (or both tokens) to check it.`));
  const audience = ([] as string[]).concat(opts.audience ?? []).filter(Boolean);
  if (audience.length) out.push(notChecked('expected audience', `Not applicable: a DPoP proof has no audience but its htu. The expected audience ${audience.map((a) => JSON.stringify(a)).join(' or ')} is checked on the access token sent with it — inspect the request (or both tokens) to check it.`));
  return out;
}

/** The profile's checks on an inspected JWS, and the verdict they leave. */
export async function applyProfile(ins: Inspection, header: Record<string, unknown>, opts: InspectOptions): Promise<Inspection> {
  if (ins.kind !== 'jws') return ins;
  const payload = ins.payload && typeof ins.payload === 'object' ? (ins.payload as Record<string, unknown>) : undefined;
  if (!payload) return ins;
  const profile = checkedProfile(header, payload, opts.profile);
  if (profile === 'at+jwt') return withChecks(ins, 'at+jwt', accessTokenChecks(payload, opts.clientId));
  if (profile === 'id-token') return withChecks(ins, 'id-token', await idTokenChecks(header, payload, opts));
  return { ...ins, profile: 'jwt' };
}

/**
 * A DPoP pair: the access token verified with the user's key (and its own profile, the expected issuer and audience
 * included), the proof with its header key and against that access token and the request. The pair reads verified
 * only when the access token does and the proof's checks (binding, ath, htm/htu, iat) hold. With an opaque access
 * token nothing was verified with a key of the user's: the answer is the proof's, at best 'possession'.
 */
export async function inspectPair(pair: DpopPair, opts: InspectOptions, inspect: (text: string, o: InspectOptions, asProof: boolean) => Promise<Inspection>): Promise<Inspection> {
  const proofOpts: InspectOptions = { ...opts, issuer: undefined, audience: undefined, requiredClaims: undefined, accessToken: pair.accessToken, htm: pair.htm ?? opts.htm, htu: pair.htu ?? opts.htu };
  const proof = await inspect(pair.proof, proofOpts, true);
  if (typeof decodeToken(pair.accessToken).header?.alg !== 'string') {
    // An opaque access token (RFC 9449's own example is one): nothing to verify in it but the proof's ath.
    return withChecks({ ...proof, pair: pair.text }, 'dpop', [notChecked('access token', 'The access token is opaque (not a JWT): only the proof\'s hash of it (ath) is checked; its validity and binding are the issuer\'s to say (introspection). Nothing here was verified with a key of yours.')]);
  }
  const at = await inspect(pair.accessToken, opts, false);
  const proofFailures = (proof.checks ?? []).filter((c) => c.status === 'failed');
  const check: ProfileCheck =
    proof.verdict === 'possession' ? passed('DPoP proof', `The proof is signed by the key in its own header, which this access token is bound to (cnf.jkt), and matches it${pair.htu ? ` and ${pair.htm} ${pair.htu}` : ''}.`)
    : failed('DPoP proof', `The DPoP proof ${proofFailures.length ? failsAll(proofFailures) : `is not valid: ${proof.detail ?? proof.message}`}`);
  return withChecks({ ...at, dpop: proof, pair: pair.text }, at.profile ?? 'jwt', [check], new Set(proof.verdict === 'invalid-signature' ? ['DPoP proof'] : []));
}

/** Every failed check of a proof, by name, in one sentence for the banner (not only the first). */
function failsAll(failures: ProfileCheck[]): string {
  if (failures.length === 1) return `fails: ${failures[0].message}`;
  return `fails ${failures.length} checks (${failures.map((f) => f.name).join(', ')}): ${failures.map((f) => `${f.name} — ${f.message}`).join(' ')}`;
}
