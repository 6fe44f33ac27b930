// Which profile a JWS is, and what its standard adds (issue 12): called by inspect.ts around the plain JWS check.
import { decodeToken } from '../findTokens';
import type { Inspection, InspectOptions } from '../inspect';
import { accessTokenChecks, isAccessToken } from './accessToken';
import { dpopChecks, isDpop, proofKey } from './dpop';
import type { DpopPair } from './dpopPair';
import { idTokenChecks, looksLikeIdToken } from './idToken';
import { failed, notChecked, passed, type ProfileCheck } from './types';
import { withChecks } from './verdict';

/**
 * The options a JWS is verified with under its profile. A DPoP proof is verified with the public key in its own
 * header and never with the user's key (nor against the access token's issuer and audience); everything else as given.
 */
export function profileOptions(header: Record<string, unknown>, opts: InspectOptions): InspectOptions {
  if (!isDpop(header)) return opts;
  const key = proofKey(header);
  return { ...opts, key: 'jwk' in key ? { jwk: key.jwk } : undefined, issuer: undefined, audience: undefined, requiredClaims: undefined };
}

/** The profile's checks on an inspected JWS, and the verdict they leave. */
export async function applyProfile(ins: Inspection, header: Record<string, unknown>, opts: InspectOptions): Promise<Inspection> {
  if (ins.kind !== 'jws') return ins;
  const payload = ins.payload && typeof ins.payload === 'object' ? (ins.payload as Record<string, unknown>) : undefined;
  const nowSec = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (isDpop(header)) {
    const { checks } = await dpopChecks(header, payload, !!ins.verifiedWith, { htm: opts.htm, htu: opts.htu, nonce: opts.dpopNonce, accessToken: opts.accessToken, leeway: opts.leeway ?? 0, nowSec });
    // A proof has no exp by design: that warning is noise here.
    const dpop: Inspection = { ...ins, warnings: ins.warnings.filter((w) => w.code !== 'no-exp' && w.code !== 'header-jwk') };
    const out = withChecks(dpop, 'dpop', checks, new Set(['proof signature', 'proof key']));
    return out.verdict === 'verified' ? { ...out, detail: `${ins.detail ?? ''} The key is the proof's own (its header's jwk): DPoP proves possession of that key.`.trim() } : out;
  }
  if (!payload) return ins;
  if (isAccessToken(header)) return withChecks(ins, 'at+jwt', accessTokenChecks(payload, opts.clientId));
  if (opts.profile === 'id-token' || looksLikeIdToken(payload)) return withChecks(ins, 'id-token', await idTokenChecks(header, payload, opts));
  return { ...ins, profile: 'jwt' };
}

/**
 * A DPoP pair: the access token verified with the user's key (and its own profile), the proof with its header key
 * and against that access token and the request. The verdict is the worse of the two; the proof is `dpop`.
 */
export async function inspectPair(pair: DpopPair, opts: InspectOptions, inspect: (text: string, o: InspectOptions) => Promise<Inspection>): Promise<Inspection> {
  const proof = await inspect(pair.proof, { ...opts, accessToken: pair.accessToken, htm: pair.htm ?? opts.htm, htu: pair.htu ?? opts.htu });
  if (typeof decodeToken(pair.accessToken).header?.alg !== 'string') {
    // An opaque access token (RFC 9449's own example is one): nothing to verify in it but the proof's ath.
    return withChecks({ ...proof, pair: pair.text }, 'dpop', [notChecked('access token', 'The access token is opaque (not a JWT): only the proof\'s hash of it (ath) is checked; its validity is the issuer\'s to say (introspection).')]);
  }
  const at = await inspect(pair.accessToken, opts);
  const proofFailures = (proof.checks ?? []).filter((c) => c.status === 'failed');
  const check: ProfileCheck =
    proof.verdict === 'verified' ? passed('DPoP proof', `The proof verifies with its own key and matches this access token${pair.htu ? ` and ${pair.htm} ${pair.htu}` : ''}.`)
    : failed('DPoP proof', `The DPoP proof ${proofFailures.length ? failsAll(proofFailures) : `is not valid: ${proof.detail ?? proof.message}`}`);
  const combined = withChecks({ ...at, dpop: proof, pair: pair.text }, at.profile ?? 'jwt', [check], new Set(proof.verdict === 'invalid-signature' ? ['DPoP proof'] : []));
  return combined;
}

/** Every failed check of a proof, by name, in one sentence for the banner (not only the first). */
function failsAll(failures: ProfileCheck[]): string {
  if (failures.length === 1) return `fails: ${failures[0].message}`;
  return `fails ${failures.length} checks (${failures.map((f) => f.name).join(', ')}): ${failures.map((f) => `${f.name} — ${f.message}`).join(' ')}`;
}
