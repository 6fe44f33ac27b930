// JWT access tokens (RFC 9068): `typ: at+jwt` (or application/at+jwt); iss, exp, aud, sub, client_id, iat and jti
// are required (§2.2); the client is checked when the options name it.
import { failed, notChecked, passed } from './checks';
import { type ProfileCheck } from '../token/types';

const REQUIRED = ['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti'] as const;

export function accessTokenChecks(payload: Record<string, unknown>, clientId?: string): ProfileCheck[] {
  const checks: ProfileCheck[] = [];
  const missing = REQUIRED.filter((c) => payload[c] === undefined);
  checks.push(missing.length ? failed('required claims', `RFC 9068 §2.2 requires ${missing.map((m) => `"${m}"`).join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} missing.`) : passed('required claims', 'iss, exp, aud, sub, client_id, iat and jti are all there (RFC 9068 §2.2).'));
  if (clientId !== undefined) checks.push(payload.client_id === clientId ? passed('client_id', `Issued to the client ${clientId}.`) : failed('client_id', `Issued to the client ${JSON.stringify(payload.client_id)}, not ${clientId}.`));
  const scope = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  const roles = ['groups', 'roles', 'entitlements'].flatMap((k) => (Array.isArray(payload[k]) ? [`${k}: ${(payload[k] as unknown[]).join(', ')}`] : []));
  checks.push(notChecked('authorization', scope.length || roles.length ? `Grants ${[...(scope.length ? [`scope ${scope.join(' ')}`] : []), ...roles].join('; ')} — what they allow is the resource server's decision.` : 'It names no scope, groups, roles or entitlements.'));
  return checks;
}
