/**
 * Re-signing an expired token (the .http Re-sign lens) without becoming a signing oracle: only a token that one of
 * the user's keys verifies under the plain JWS rules — no profile, no key or key location from its header — is
 * re-signed, with the very key that verified it (never a member a `kid` names), for at most the configured lifetime.
 */
import { JwtWorkbenchError } from '../base/errors';
import { decodeToken } from './decode';
import { refreshedClaims } from '../text/httpRequests';
import type { KeyCache } from '../keys/cache';
import type { KeyInput, ResolvedKey } from '../keys/types';
import { signWithKey } from './sign';
import { checkSignature } from './signature';
import { resignRefusal } from './resignRefusal';

/** Whether a key verifies a token for re-signing, and whether that key can sign. */
export type ResignCheck = { verifies: false; why: string } | { verifies: true; canSign: boolean; description: string };

/** The member of `key` that verifies `token` under the plain JWS rules, or why none does. */
async function verifyingKey(token: string, key: KeyInput, cache?: KeyCache): Promise<{ key: ResolvedKey } | { why: string }> {
  const { header } = decodeToken(token);
  const refusal = resignRefusal(header);
  if (refusal) return { why: refusal };
  // checkSignature is the bare JWS check: the algorithm comes from the key, no profile applies, no header key is used.
  const check = await checkSignature(token, header!.alg as never, header!, { key, cache });
  return check.ok ? { key: check.key } : { why: check.detail };
}

export async function resignCheck(token: string, key: KeyInput, cache?: KeyCache): Promise<ResignCheck> {
  const found = await verifyingKey(token, key, cache);
  if ('why' in found) return { verifies: false, why: found.why };
  return { verifies: true, canSign: found.key.isPrivate || found.key.family === 'oct', description: found.key.description };
}

/** The claims a re-signed copy gets (see refreshedClaims), or undefined when the token has no exp to renew. */
export function resignClaims(token: string, nowSec: number, maxLifetime: number): Record<string, unknown> | undefined {
  const { payload } = decodeToken(token);
  return payload ? refreshedClaims(payload, nowSec, maxLifetime) : undefined;
}

/**
 * `claims` signed under the token's own header with the key that verifies the token — the same member of a set,
 * whatever its `kid` says. Throws ERR_RESIGN with the reason when that key does not verify it or cannot sign.
 */
export async function resignToken(token: string, key: KeyInput, claims: Record<string, unknown>, cache?: KeyCache): Promise<string> {
  const found = await verifyingKey(token, key, cache);
  if ('why' in found) throw new JwtWorkbenchError('ERR_RESIGN', `Not re-signed: ${found.why}`);
  if (!found.key.isPrivate && found.key.family !== 'oct') throw new JwtWorkbenchError('ERR_RESIGN', `Not re-signed: ${found.key.description} verifies it but cannot sign.`);
  const header = decodeToken(token).header!;
  return signWithKey(claims, found.key, header.alg as never, header, cache);
}
