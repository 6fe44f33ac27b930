// DPoP proofs (RFC 9449): `typ: dpop+jwt`, checked with the public key in their own header — the one place a header
// key is used, because the proof shows possession of that key, not who its holder is (so it is never 'verified') —
// and against the request (htm, htu), the clock (iat), the server's nonce and the access token (ath, cnf.jkt).
import { calculateJwkThumbprint, type JWK } from 'jose';
import { bytesToBase64Url, utf8 } from '../base/encoding';
import { decodeToken } from '../token/decode';
import { failed, notChecked, passed } from './checks';
import { type ProfileCheck } from '../token/types';
import { PRIVATE_JWK_MEMBERS } from '../keys/types';

/** How far a proof's iat may be from the clock, beyond the leeway (RFC 9449 §11.1: a short window). */
export const DPOP_WINDOW_S = 300;

/** The key a proof is verified with (its header's jwk), or why there is none to use. */
export function proofKey(header: Record<string, unknown>): { jwk: object } | { refused: string } {
  const jwk = header.jwk;
  if (!jwk || typeof jwk !== 'object' || Array.isArray(jwk)) return { refused: 'A DPoP proof must carry its public key in the header\'s "jwk" (RFC 9449 §4.2); this one has none.' };
  const secret = PRIVATE_JWK_MEMBERS.filter((m) => m in jwk);
  if (secret.length) return { refused: `The proof's header "jwk" holds private key material (${secret.join(', ')}): it is refused (RFC 9449 §4.2), and whoever made it has leaked that key.` };
  if ((jwk as { kty?: unknown }).kty === 'oct') return { refused: 'The proof\'s header "jwk" is a symmetric key: a DPoP key must be asymmetric (RFC 9449 §4.2).' };
  return { jwk };
}

/** RFC 9449 §4.3 step 9 / RFC 3986 §6.2.2–6.2.3: scheme and host in lower case, default port dropped, no query or fragment. */
export function normalizeHtu(url: string): string | undefined {
  try {
    const u = new URL(url);
    u.search = '';
    u.hash = '';
    return u.toString();
  } catch {
    return undefined;
  }
}

/** base64url(SHA-256(ASCII(access token))), the `ath` of a proof for that token (RFC 9449 §4.2). */
export async function accessTokenHash(accessToken: string): Promise<string> {
  return bytesToBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(accessToken))));
}

export interface DpopExpectations {
  htm?: string;
  htu?: string;
  nonce?: string;
  accessToken?: string;
  leeway: number;
  nowSec: number;
}

/** The checks of RFC 9449 §4.3 on a decoded proof, and its key's RFC 7638 thumbprint. */
export async function dpopChecks(header: Record<string, unknown>, payload: Record<string, unknown> | undefined, signature: { ok: boolean; why?: string }, e: DpopExpectations): Promise<{ checks: ProfileCheck[]; thumbprint?: string }> {
  const checks: ProfileCheck[] = [];
  const key = proofKey(header);
  let thumbprint: string | undefined;
  if ('refused' in key) checks.push(failed('proof key', key.refused));
  else {
    try {
      thumbprint = await calculateJwkThumbprint(key.jwk as JWK, 'sha256');
    } catch {
      // an unreadable key fails the signature check below
    }
    checks.push(signature.ok ? passed('proof signature', `Signed by the key in its own header (RFC 7638 thumbprint ${thumbprint}). That proves possession of the key, not who holds it: the access token's cnf.jkt ties it to a client.`) : failed('proof signature', `The proof is not signed by the key in its own header${signature.why ? `: ${signature.why}` : '.'}`));
  }
  const p = payload ?? {};
  checks.push(typeof p.jti === 'string' && p.jti ? passed('jti', 'A unique jti lets the server refuse a replay.') : failed('jti', 'A DPoP proof must carry "jti" (RFC 9449 §4.2).'));
  if (typeof p.htm !== 'string') checks.push(failed('htm', 'A DPoP proof must carry "htm", the HTTP method (RFC 9449 §4.2).'));
  else if (e.htm !== undefined) checks.push(p.htm === e.htm.toUpperCase() ? passed('htm', `For ${p.htm} requests.`) : failed('htm', `The proof is for ${p.htm} requests, not ${e.htm.toUpperCase()}.`));
  else checks.push(notChecked('htm', `For ${p.htm} requests — give the request to check it.`));
  if (typeof p.htu !== 'string') checks.push(failed('htu', 'A DPoP proof must carry "htu", the HTTP URL (RFC 9449 §4.2).'));
  else if (e.htu !== undefined) {
    const got = normalizeHtu(p.htu);
    const want = normalizeHtu(e.htu);
    checks.push(got !== undefined && got === want ? passed('htu', `For ${got} (query and fragment ignored, RFC 9449 §4.3).`) : failed('htu', `The proof is for ${p.htu}, not ${e.htu} (compared without query and fragment, RFC 9449 §4.3).`));
  } else checks.push(notChecked('htu', `For ${p.htu} — give the request to check it.`));
  const iat = p.iat;
  if (typeof iat !== 'number') checks.push(failed('iat', 'A DPoP proof must carry a numeric "iat" (RFC 9449 §4.2).'));
  else if (Math.abs(e.nowSec - iat) > DPOP_WINDOW_S + e.leeway) checks.push(failed('iat', `The proof was made ${Math.round(Math.abs(e.nowSec - iat) / 60)} minutes ${iat > e.nowSec ? 'in the future' : 'ago'}; a server accepts proofs within ${DPOP_WINDOW_S / 60} minutes (plus the leeway).`));
  else checks.push(passed('iat', `Made ${Math.abs(e.nowSec - iat)} s ${iat > e.nowSec ? 'ahead of' : 'before'} the clock.`));
  if (e.nonce !== undefined) checks.push(p.nonce === e.nonce ? passed('nonce', 'nonce is the server\'s.') : failed('nonce', `The proof's nonce is ${p.nonce === undefined ? 'missing' : JSON.stringify(p.nonce)}, not the one the server gave.`));
  if (e.accessToken !== undefined) {
    const ath = await accessTokenHash(e.accessToken);
    checks.push(p.ath === ath ? passed('ath', 'ath is the hash of the access token it comes with.') : failed('ath', p.ath === undefined ? 'The proof has no "ath", which a proof sent with an access token must carry (RFC 9449 §4.2).' : 'The proof\'s ath is not the hash of this access token: it was made for another one.'));
    const jkt = (decodeToken(e.accessToken).payload?.cnf as Record<string, unknown> | undefined)?.jkt;
    if (decodeToken(e.accessToken).payload === undefined) checks.push(notChecked('binding', 'The access token is opaque: whether it is bound to this key (its cnf.jkt) is the issuer\'s to say (introspection).'));
    else if (typeof jkt !== 'string') checks.push(failed('binding', 'The access token has no cnf.jkt: it is bound to no DPoP key, so this proof ties it to no client (RFC 9449 §4.3 step 12, §7.1).'));
    else checks.push(jkt === thumbprint ? passed('binding', 'The access token\'s cnf.jkt is the thumbprint of the proof\'s key: it is bound to this client.') : failed('binding', `The access token is bound to the key with thumbprint ${jkt}, not to the proof's key (${thumbprint ?? 'unreadable'}).`));
  } else checks.push(notChecked('ath', 'Give the access token it is sent with to check ath and the binding.'));
  return { checks, thumbprint };
}
