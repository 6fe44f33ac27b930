// Which profile a token is, from its header and claims alone: cheap tests every inspection makes. The profiles' checks
// (dpop.ts, accessToken.ts, idToken.ts through index.ts) are read on first use, when a token needs them.
import type { Profile } from '../token/types';

/** A DPoP proof (RFC 9449): typ dpop+jwt, in any case. */
export const isDpop = (header: Record<string, unknown> | undefined) => typeof header?.typ === 'string' && header.typ.toLowerCase() === 'dpop+jwt';

/** A JWT access token (RFC 9068): typ at+jwt or application/at+jwt. */
export const isAccessToken = (header: Record<string, unknown> | undefined) => typeof header?.typ === 'string' && /^(application\/)?at\+jwt$/i.test(header.typ);

const ID_TOKEN_MARKERS = ['nonce', 'azp', 'auth_time', 'at_hash', 'c_hash', 'acr', 'amr'];

/** An OpenID Connect ID token, recognised by its claims: one only ID tokens carry, with iss and aud. */
export const looksLikeIdToken = (payload: Record<string, unknown>) => ID_TOKEN_MARKERS.some((m) => payload[m] !== undefined) && payload.iss !== undefined && payload.aud !== undefined;

/** The profile whose checks apply to a JWS with these header and claims (`asked`: the options' profile), if any. */
export function checkedProfile(header: Record<string, unknown>, payload: Record<string, unknown>, asked: Profile | undefined): 'at+jwt' | 'id-token' | undefined {
  if (isAccessToken(header)) return 'at+jwt';
  if (asked === 'id-token' || looksLikeIdToken(payload)) return 'id-token';
  return undefined;
}
