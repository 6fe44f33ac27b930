// The shapes every part of the token inspection shares: the verdict, the options, what an inspection learned, and
// what a token profile adds. Types only: everything in token/ and profiles/ imports them, and they import nothing
// of the core but the key types.
import type { SigningAlg } from '../base/algorithms';
import type { KeyCache } from '../keys/cache';
import type { KeyInfo, KeyInput } from '../keys/types';
import type { SecretEncoding } from '../keys/types';

/** The outcome of an inspection, most important first. */
export type Verdict =
  | 'verified'
  /**
   * A DPoP proof pasted on its own (or with an opaque access token): its signature holds for the key in its own
   * header and its checks pass. That shows possession of that key, never trust: no key of the user's verified it.
   */
  | 'possession'
  | 'invalid-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'claim-mismatch'
  | 'unsigned'
  | 'unverified'
  | 'unsupported'
  | 'malformed';

/** Options of {@link inspectToken}. The profile options (nonce, client, access token, request) feed the token profiles' checks. */
export interface InspectOptions extends ProfileOptions {
  /** The key to verify (or, for a JWE, decrypt) with. Without one the verdict is at best 'unverified'. */
  key?: KeyInput;
  /** Narrow the algorithms the key may verify; the key's type decides the rest, never the token's header. */
  algorithms?: SigningAlg[];
  /** Expected `iss`. */
  issuer?: string;
  /** Expected `aud`: the token's audience must contain one of these. */
  audience?: string | string[];
  /** Clock skew allowed for `exp`, `nbf` and `iat`, in seconds. Default 0. */
  leeway?: number;
  /** The clock. Default: now. */
  now?: Date;
  /** Claims that must be present. */
  requiredClaims?: string[];
  /** Warn when `exp - iat` is longer than this many seconds. Default 30 days. */
  maxLifetime?: number;
  /** Keys read and imported before are taken from here (and kept in it). */
  cache?: KeyCache;
}

/** A finding worth the user's attention that does not by itself decide the verdict. */
export interface InspectionWarning {
  code: string;
  message: string;
}

/** One claim of the payload, explained. */
export interface InspectedClaim {
  name: string;
  value: unknown;
  description?: string;
  /** ISO 8601 time of a NumericDate claim. */
  time?: string;
  /** "in 23 hours", "2 days ago" — relative to the inspection's clock. */
  relative?: string;
  /** The claim came from an SD-JWT disclosure (the holder chose to show it), not from the issuer-signed claims. */
  disclosed?: boolean;
}

/** Everything {@link inspectToken} learned. Plain, structured-cloneable data without any key material. */
export interface Inspection {
  kind: 'jws' | 'jwe' | 'malformed';
  header?: Record<string, unknown>;
  /** The decoded payload when it is a JWT claims set (a JSON object). */
  payload?: unknown;
  /** The payload as text: always set when it could be decoded. */
  payloadText?: string;
  verdict: Verdict;
  /** One sentence for people: "Token has expired.", "Token is invalid.", … */
  message: string;
  /** Why, in one more sentence: which claim, which part, which key. */
  detail?: string;
  warnings: InspectionWarning[];
  claims: InspectedClaim[];
  /** The token after cleaning (Bearer prefix, quotes, whitespace, URL encoding removed); absent when empty. */
  token?: string;
  /** The encoded parts, for colouring. */
  parts?: string[];
  /** What verified or decrypted the token (never the key itself). */
  verifiedWith?: KeyInfo;
  /**
   * The signature was checked with the key in the token's own header (a DPoP proof's jwk), not with any key of the
   * user's: whatever the verdict, no key the user chose speaks for this token. `verifiedWith` then names that key.
   */
  ownKey?: true;
  /** What was stripped from the input to find the token. */
  cleaned?: string[];
  /** The inner token of a nested JWT (`cty: "JWT"`, RFC 7519 §5.2), inspected with the same keys and options. */
  nested?: Inspection;
  /** For a nested JWT: which layer's verdict is the overall one (the worse of the two). */
  decidedBy?: 'outer' | 'inner';
  /**
   * What else is wrong, beside what decided the verdict (which is the worst): a token with a bad signature that has
   * also expired says both; so does one that is expired and from another issuer. Sentences, worst first.
   */
  also?: string[];
  /**
   * For a token verified through its `x5c` with trust anchors: the anchor the chain built to, and the subjects on
   * the path from the leaf up (the anchor last).
   */
  chain?: { anchor: string; path: string[]; extendedKeyUsage?: string[] };
  /**
   * The signature did not match the secret as it is read, but matches another reading of the same text:
   * e.g. the issuer signed with the base64-decoded secret. The verdict stays what the chosen reading gave.
   */
  secretReading?: { encoding: SecretEncoding; message: string };
  /** Which kind of token this is: a plain 'jwt', an SD-JWT, a DPoP proof, an access token, an ID token. */
  profile?: Profile;
  /** The checks that profile's standard requires, each passed, failed or not checked. A failed one is never 'verified'. */
  checks?: ProfileCheck[];
  /** An SD-JWT's disclosures, decoded, and where each was put (or why not). */
  disclosures?: Disclosure[];
  /** An SD-JWT's digests with no disclosure: withheld claims or decoys. */
  withheld?: number;
  /** An SD-JWT presentation's Key Binding JWT, inspected with the holder key of the issuer JWT's cnf.jwk. */
  keyBinding?: Inspection;
  /** For a DPoP pair (an access token with its proof): the proof, inspected against the token and the request. */
  dpop?: Inspection;
  /** For a DPoP pair: the pair as a request ("POST …", "Authorization: DPoP …", "DPoP: …"), to show where it was pasted. */
  pair?: string;
}

/** The kind of token, as its profile recognises it. 'jwt' is a plain JWS JWT. */
export type Profile = 'jwt' | 'sd-jwt' | 'sd-jwt-vc' | 'kb-jwt' | 'dpop' | 'at+jwt' | 'id-token';

/** One check a profile's standard requires. `failed` on a required check keeps the verdict from 'verified'. */
export interface ProfileCheck {
  name: string;
  status: 'passed' | 'failed' | 'not-checked';
  message: string;
}

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

/** One disclosure of a presentation, decoded, and where it was put (or why it could not be). */
export interface Disclosure {
  /** The digest that refers to it (base64url of the `_sd_alg` hash of its encoded text). */
  digest: string;
  /** The claim name; absent for an array element. */
  name?: string;
  value?: unknown;
  /** Where it is in the processed claims: "address.street", "nationalities[1]". */
  path?: string;
  /** The decoded array as text: `["salt", "name", value]`. */
  decoded?: string;
  status: 'disclosed' | 'unreferenced' | 'malformed' | 'rejected';
  /** Why it is not disclosed, in words. */
  problem?: string;
}
