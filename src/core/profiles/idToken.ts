// OpenID Connect ID tokens (Core 1.0 §3.1.3.7, §3.2.2.9, §3.3.2.11): recognised by their claims (nonce, azp,
// auth_time, at_hash, c_hash) or when the options say so; aud must contain the client, azp is needed when there are
// several audiences, and nonce, at_hash and c_hash are checked when the nonce, access token or code is known.
import { bytesToBase64Url, utf8 } from '../base/encoding';
import { failed, notChecked, passed } from './checks';
import { type ProfileCheck } from '../token/types';
import { algHash, type HashName } from '../base/algorithms';

/** The hash an at_hash / c_hash is made with: the one of the token's alg (SHA-512 for Ed25519, as OpenID says). */
function hashFor(alg: unknown): HashName | undefined {
  if (typeof alg !== 'string') return undefined;
  return alg === 'EdDSA' || alg === 'Ed25519' ? 'SHA-512' : algHash(alg);
}

/** base64url of the left half of the hash of `value` (OpenID Connect Core §3.1.3.6). */
export async function halfHash(value: string, alg: unknown): Promise<string | undefined> {
  const hash = hashFor(alg);
  if (!hash) return undefined;
  const digest = new Uint8Array(await crypto.subtle.digest(hash, utf8.encode(value)));
  return bytesToBase64Url(digest.slice(0, digest.length / 2));
}

export async function idTokenChecks(header: Record<string, unknown>, payload: Record<string, unknown>, o: { clientId?: string; audience?: string | string[]; nonce?: string; accessToken?: string; code?: string }): Promise<ProfileCheck[]> {
  const checks: ProfileCheck[] = [];
  const missing = ['iss', 'sub', 'aud', 'exp', 'iat'].filter((c) => payload[c] === undefined);
  checks.push(missing.length ? failed('required claims', `An ID token must carry ${missing.map((m) => `"${m}"`).join(', ')} (OpenID Connect Core §2).`) : passed('required claims', 'iss, sub, aud, exp and iat are all there.'));
  const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  // The expected audience, when given, is what the verdict checked aud against: the list says the same.
  const expected = ([] as string[]).concat(o.audience ?? []).filter((a) => a !== '');
  if (o.clientId !== undefined) checks.push(aud.includes(o.clientId) ? passed('aud', `Issued to the client ${o.clientId}.`) : failed('aud', `The ID token is for ${JSON.stringify(payload.aud)}, which does not contain the client ${o.clientId}.`));
  else if (expected.length) checks.push(aud.some((a) => typeof a === 'string' && expected.includes(a)) ? passed('aud', `For ${JSON.stringify(payload.aud)}, which contains the expected audience.`) : failed('aud', `The ID token is for ${JSON.stringify(payload.aud)}, not the expected audience ${expected.map((a) => `"${a}"`).join(' or ')}.`));
  else checks.push(notChecked('aud', `For ${JSON.stringify(payload.aud)} — give the client id to check it is yours.`));
  if (aud.length > 1) {
    if (payload.azp === undefined) checks.push(failed('azp', 'The ID token has several audiences but no "azp" naming the party it was issued to (OpenID Connect Core §3.1.3.7).'));
    else if (o.clientId !== undefined) checks.push(payload.azp === o.clientId ? passed('azp', 'azp is the client.') : failed('azp', `azp is ${JSON.stringify(payload.azp)}, not the client ${o.clientId}.`));
  }
  if (o.nonce !== undefined) checks.push(payload.nonce === o.nonce ? passed('nonce', 'nonce is the one the client sent.') : failed('nonce', `The ID token's nonce is ${payload.nonce === undefined ? 'missing' : JSON.stringify(payload.nonce)}, not the one the client sent: a replayed or injected token.`));
  else if (payload.nonce !== undefined) checks.push(notChecked('nonce', 'Give the nonce the client sent to check it.'));
  for (const [claim, value, what] of [['at_hash', o.accessToken, 'access token'], ['c_hash', o.code, 'authorization code']] as const) {
    if (value === undefined) {
      if (payload[claim] !== undefined) checks.push(notChecked(claim, `Give the ${what} to check ${claim}.`));
      continue;
    }
    const expected = await halfHash(value, header.alg);
    if (payload[claim] === undefined) checks.push(notChecked(claim, `The ID token has no ${claim}, so it does not tie itself to the ${what}.`));
    else checks.push(payload[claim] === expected ? passed(claim, `${claim} is the ${what}'s.`) : failed(claim, `${claim} is not the hash of this ${what}: they were not issued together.`));
  }
  return checks;
}
