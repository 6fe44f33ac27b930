// What a token profile (issue 12) adds to an inspection: which profile the token is, and the checks its standard
// requires, each passed, failed or not checked, with its reason. The webview renders them generically.

/** The kind of token, as its profile recognises it. 'jwt' is a plain JWS JWT. */
export type Profile = 'jwt' | 'sd-jwt' | 'sd-jwt-vc' | 'kb-jwt' | 'dpop' | 'at+jwt' | 'id-token';

/** One check a profile's standard requires. `failed` on a required check keeps the verdict from 'verified'. */
export interface ProfileCheck {
  name: string;
  status: 'passed' | 'failed' | 'not-checked';
  message: string;
}

export const passed = (name: string, message: string): ProfileCheck => ({ name, status: 'passed', message });
export const failed = (name: string, message: string): ProfileCheck => ({ name, status: 'failed', message });
export const notChecked = (name: string, message: string): ProfileCheck => ({ name, status: 'not-checked', message });

/** What profiles are told beyond the usual options (InspectOptions carries them). */
export interface ProfileOptions {
  /** The OAuth client the token is for (an ID token's aud, an access token's client_id). */
  clientId?: string;
  /** The nonce the relying party sent (an ID token's, a KB-JWT's). */
  nonce?: string;
  /** The nonce a server gave for DPoP proofs (RFC 9449 §8): another thing than an ID token's nonce. */
  dpopNonce?: string;
  /** The access token a DPoP proof or an ID token's at_hash is about. */
  accessToken?: string;
  /** The authorization code an ID token's c_hash is about. */
  code?: string;
  /** The HTTP method and URL of the request a DPoP proof came with. */
  htm?: string;
  htu?: string;
  /** Treat the token as this profile even when it does not say so (an ID token carries no typ). */
  profile?: Profile;
}

/** The name of a JWS hash for a digest algorithm name of the IANA registry ("sha-256"), or undefined. */
export function subtleHash(name: unknown): 'SHA-256' | 'SHA-384' | 'SHA-512' | undefined {
  return name === 'sha-256' ? 'SHA-256' : name === 'sha-384' ? 'SHA-384' : name === 'sha-512' ? 'SHA-512' : undefined;
}

const VC_TYPES = new Set(['dc+sd-jwt', 'vc+sd-jwt']);

/** An SD-JWT VC's typ (dc+sd-jwt, or the earlier vc+sd-jwt). Here, not with the SD-JWT inspection: naming a token's profile (hover) must not load that. */
export const isSdJwtVcType = (typ: unknown) => typeof typ === 'string' && VC_TYPES.has(typ);
