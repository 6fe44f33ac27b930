// What a key is, as the rest of the core sees it: the forms users have keys in, what a key is without its secret parts
// (safe to show and to log), and the material kept out of that public shape. Types and the lists that define them.
import type { CryptoKey, JWK } from 'jose';
import type { SigningAlg } from '../base/algorithms';

/** How the text of a secret stands for its bytes: UTF-8 text (PyJWT's str key, the default), hex, base64, base64url. */
export type SecretEncoding = 'utf8' | 'hex' | 'base64' | 'base64url';

export const SECRET_ENCODINGS: readonly SecretEncoding[] = ['utf8', 'hex', 'base64', 'base64url'];

/**
 * JWK members that only a private or symmetric key has (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 9964's "priv"): a key
 * with any of them is never shown, sent or kept as public.
 */
export const PRIVATE_JWK_MEMBERS: readonly string[] = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'];

/**
 * A key as users have it. A plain string is read as, in this order: a PEM block (SPKI, PKCS#8, PKCS#1, SEC1 EC,
 * X.509 certificate), a JWK or JWKS in JSON, and otherwise secret text whose UTF-8 bytes are the HMAC key —
 * exactly as PyJWT uses a `str` key. Secret text is never silently hex- or base64-decoded: say so with `encoding`.
 */
export type KeyInput =
  | string
  | { secret: string; encoding: SecretEncoding }
  | { jwk: object }
  | { jwks: object }
  /**
   * Trust anchors (PEM CA certificates): a token verifies only with the leaf key of its `x5c` chain, and only when
   * that chain builds to one of these (see checkX5c). Never a key by itself.
   */
  | { anchors: string };

/** 'AKP': an algorithm key pair (RFC 9964's ML-DSA keys). */
export type KeyFamily = 'oct' | 'RSA' | 'EC' | 'OKP' | 'AKP';

/** What a key is, without its secret parts. Safe to show and to log. */
export interface KeyInfo {
  family: KeyFamily;
  /** RSA modulus size, HMAC secret size in bits; undefined when unknown. */
  bits?: number;
  curve?: string;
  isPrivate: boolean;
  kid?: string;
  /** The signing algorithms this key can be used with — the allow-list for verification. */
  algorithms: SigningAlg[];
  /** e.g. "RSA private key (2048 bits)", "HMAC secret (32 bytes)". */
  description: string;
  /** The JWK's declared `use` (RFC 7517 §4.2), when it has one. */
  use?: string;
  /** The JWK's declared `key_ops` (RFC 7517 §4.3), when it has them. */
  keyOps?: string[];
  /** The JWK's declared `alg` (RFC 7517 §4.4), when it has one: the key is used with that algorithm only. */
  declaredAlg?: string;
  /** Why `algorithms` is narrower than the key type allows (its use, key_ops or alg), in words. */
  limitedBy?: string;
}

/** A member of a JWKS that could not be read, and why (the rest of the set is still used). */
export interface RejectedKey {
  kid?: string;
  reason: string;
}

/** Every key read from a KeyInput, and the JWKS members that were refused. */
export interface ResolvedKeySet {
  keys: ResolvedKey[];
  rejected: RejectedKey[];
}

export type Material =
  | { kind: 'secret'; bytes: Uint8Array }
  | { kind: 'spki'; der: Uint8Array }
  | { kind: 'pkcs8'; der: Uint8Array }
  | { kind: 'jwk'; jwk: JWK };

/** A key read from a KeyInput: its description plus the material to import it, kept out of the public shape. */
export interface ResolvedKey extends KeyInfo {
  readonly material: Material;
}

/** An imported key: a Web Crypto key, or an HMAC secret's bytes. */
export type Imported = CryptoKey | Uint8Array;
