/** Every JWS algorithm JWT Workbench signs and verifies (RFC 7518 §3 and RFC 8037). */
export const SIGNING_ALGS = [
  'HS256', 'HS384', 'HS512',
  'RS256', 'RS384', 'RS512',
  'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512',
  // Ed25519 (RFC 9864's fully-specified name) beside EdDSA: the same signature, named for its curve.
  'EdDSA', 'Ed25519',
  // ML-DSA (RFC 9964), where the runtime's Web Crypto has it (see mlDsa.ts).
  'ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87',
] as const;

/** A JWS signing algorithm. */
export type SigningAlg = (typeof SIGNING_ALGS)[number];
/** An asymmetric JWS algorithm (one that has a key pair). */
export type AsymmetricAlg = Exclude<SigningAlg, `HS${string}`>;

export const HMAC_ALGS: readonly SigningAlg[] = ['HS256', 'HS384', 'HS512'];
export const RSA_ALGS: readonly SigningAlg[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
export const PSS_ALGS: readonly SigningAlg[] = ['PS256', 'PS384', 'PS512'];

/** Minimum HMAC key size in bytes: the hash output size (RFC 7518 §3.2). */
export const HMAC_MIN_BYTES: Readonly<Record<string, number>> = { HS256: 32, HS384: 48, HS512: 64 };

/** The elliptic curve each ECDSA algorithm requires (RFC 7518 §3.4). */
export const EC_CURVE_ALG: Readonly<Record<string, SigningAlg>> = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };

/** True when `alg` names a supported JWS algorithm, exactly as registered (case-sensitive). */
export function isSigningAlg(alg: unknown): alg is SigningAlg {
  return typeof alg === 'string' && (SIGNING_ALGS as readonly string[]).includes(alg);
}

/** A SHA-2 hash as Web Crypto names it. */
export type HashName = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** The hash a JWS algorithm is made with, by its last digits (HS256, RS384, ES512…); undefined for EdDSA and ML-DSA. */
export function algHash(alg: string): HashName | undefined {
  const bits = /(256|384|512)$/.exec(alg)?.[1];
  return bits ? (`SHA-${bits}` as HashName) : undefined;
}

/** The hash of a digest algorithm name of the IANA registry ("sha-256"), as an SD-JWT's `_sd_alg` names it. */
export function subtleHash(name: unknown): HashName | undefined {
  return name === 'sha-256' ? 'SHA-256' : name === 'sha-384' ? 'SHA-384' : name === 'sha-512' ? 'SHA-512' : undefined;
}
