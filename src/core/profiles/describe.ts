// The name of a token's profile in a word or two, for the hover and the CodeLens — from the token alone (its
// header and claims decoded, nothing verified), so an editor feature stays cheap.
import { decodeToken } from '../token/decode';
import { isAccessToken, isDpop, looksLikeIdToken } from './detect';
import { isSdJwtVcType } from './checks';
import { type Profile } from '../token/types';

const TITLES: Record<Profile, string> = {
  jwt: 'JWT',
  'sd-jwt': 'SD-JWT',
  'sd-jwt-vc': 'SD-JWT VC',
  'kb-jwt': 'KB-JWT',
  dpop: 'DPoP proof',
  'at+jwt': 'access token',
  'id-token': 'ID token',
};

export const profileTitle = (p: Profile | undefined) => TITLES[p ?? 'jwt'];

/** The profile a token looks like, without verifying it. */
export function guessProfile(token: string): Profile {
  const tilde = token.indexOf('~');
  const { header, payload } = decodeToken(tilde >= 0 ? token.slice(0, tilde) : token);
  if (tilde >= 0) return isSdJwtVcType(header?.typ) ? 'sd-jwt-vc' : 'sd-jwt';
  if (isDpop(header)) return 'dpop';
  if (isAccessToken(header)) return 'at+jwt';
  if (header?.typ === 'kb+jwt') return 'kb-jwt';
  if (payload && looksLikeIdToken(payload)) return 'id-token';
  return 'jwt';
}
