/**
 * The port through which the core checks a signature with a key it has already imported and checked: Web Crypto by
 * default (the browser, the web extension), node:crypto where the host supplies it (the Node extension host, the
 * bench) through the KeyCache it makes. The core decides everything before the call — which key, whether it fits the
 * algorithm, the exact bytes — so a verifier only answers whether these bytes carry this signature.
 */
import type { CryptoKey, JWK } from 'jose';

/** One signature check, in Web Crypto's terms (the key's own algorithm fixes the hash of HMAC and RSA). */
export interface VerifyRequest {
  name: 'HMAC' | 'RSASSA-PKCS1-v1_5' | 'RSA-PSS' | 'ECDSA' | 'Ed25519';
  /** 'SHA-256', 'SHA-384' or 'SHA-512': the digest, for every name but Ed25519. */
  hash?: string;
  /** RSA-PSS: the salt length in bytes (RFC 7518 §3.5: the hash's length). */
  saltLength?: number;
}

/**
 * What `key` was imported from, as the core read it (keys.ts): a verifier that needs the key in its own form makes it
 * from this — the same bytes the CryptoKey was imported from, never a second reading of the user's text.
 */
export type KeyMaterial = { kind: 'secret'; bytes: Uint8Array } | { kind: 'spki'; der: Uint8Array } | { kind: 'pkcs8'; der: Uint8Array } | { kind: 'jwk'; jwk: JWK };

export interface SignatureVerifier {
  /**
   * Whether `signature` over `data` holds under `key` (a verifying CryptoKey whose algorithm fits `request`, imported
   * from `material`). Never throws for a wrong or malformed signature: that is false.
   */
  verify(request: VerifyRequest, key: CryptoKey, material: KeyMaterial, signature: Uint8Array, data: Uint8Array): boolean | Promise<boolean>;
}

/** Web Crypto, as jose calls it: an asynchronous job (in Node, on libuv's thread pool). */
export const webCryptoVerifier: SignatureVerifier = {
  verify(request, key, _material, signature, data) {
    const params = request.name === 'ECDSA' ? { name: 'ECDSA', hash: request.hash } : request.name === 'RSA-PSS' ? { name: 'RSA-PSS', saltLength: request.saltLength } : { name: request.name };
    return crypto.subtle.verify(params as AlgorithmIdentifier, key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>).catch(() => false);
  },
};
