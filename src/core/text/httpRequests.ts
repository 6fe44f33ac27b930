import { findTokens } from './findTokens';

/**
 * Bearer tokens in `.http` / `.rest` request files (REST Client, VS Code's HTTP files): the `Authorization: Bearer`
 * (or `DPoP`) header lines, and the claims a re-signed copy gets — the same claims with a fresh `iat` and `exp` that
 * keep the original lifetime (and `nbf` its offset from `iat`).
 */
export interface HeaderToken {
  /** 0-based line. */
  line: number;
  /** UTF-16 offsets in that line; `end` exclusive. */
  start: number;
  end: number;
  token: string;
}

const HEADER = /^\s*Authorization\s*:\s*(Bearer|DPoP)\s+/i;
const MAX_LINE = 64 * 1024;

export function authorizationTokens(text: string): HeaderToken[] {
  const out: HeaderToken[] = [];
  let line = 0;
  for (let at = 0; at <= text.length; line++) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    if (end - at <= MAX_LINE) {
      const l = text.slice(at, end).replace(/\r$/, '');
      const m = HEADER.exec(l);
      if (m) {
        const hit = findTokens(l.slice(m[0].length))[0];
        if (hit && hit.start === 0 && hit.kind === 'jws') out.push({ line, start: m[0].length, end: m[0].length + hit.end, token: hit.token });
      }
    }
    if (nl < 0) break;
    at = nl + 1;
  }
  return out;
}

/**
 * Fresh times that keep the original lifetime, but never more than `maxLifetime` seconds (which is also the lifetime
 * of a token without `iat`); `nbf` keeps its offset from `iat`, within that lifetime. Undefined when the token has no
 * numeric `exp` (nothing expires, nothing to do).
 */
export function refreshedClaims(payload: Record<string, unknown>, now: number, maxLifetime: number): Record<string, unknown> | undefined {
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) return undefined;
  const iat = typeof payload.iat === 'number' && Number.isFinite(payload.iat) ? payload.iat : undefined;
  const lifetime = Math.min(maxLifetime, iat !== undefined && payload.exp > iat ? payload.exp - iat : maxLifetime);
  const out: Record<string, unknown> = { ...payload, iat: now, exp: now + lifetime };
  if (typeof payload.nbf === 'number' && iat !== undefined) out.nbf = now + Math.min(lifetime, Math.max(0, payload.nbf - iat));
  return out;
}
