/**
 * Signatures checked with node:crypto, synchronously, where the extension host is Node: no job on libuv's thread pool
 * and back per token, and no Web Crypto argument handling — the same OpenSSL check. Each imported CryptoKey is turned
 * into a KeyObject once (kept while the key lives). The web build takes hostVerifier.web.ts instead (esbuild.mjs):
 * there the core's default, Web Crypto, checks them.
 */
import * as crypto from 'node:crypto';
import type { CryptoKey } from 'jose';
import { webCryptoVerifier, type SignatureVerifier, type VerifyRequest } from './core/verifier';

const DIGEST: Record<string, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

function check(request: VerifyRequest, key: crypto.KeyObject, signature: Uint8Array, data: Uint8Array): boolean {
  const digest = request.hash ? DIGEST[request.hash] : undefined;
  switch (request.name) {
    case 'HMAC': {
      if (!digest) return false;
      const mac = crypto.createHmac(digest, key).update(data).digest();
      return mac.length === signature.length && crypto.timingSafeEqual(mac, signature);
    }
    case 'RSASSA-PKCS1-v1_5':
      return !!digest && crypto.verify(digest, data, { key, padding: crypto.constants.RSA_PKCS1_PADDING }, signature);
    case 'RSA-PSS':
      return !!digest && request.saltLength !== undefined && crypto.verify(digest, data, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: request.saltLength }, signature);
    case 'ECDSA':
      return !!digest && crypto.verify(digest, data, { key, dsaEncoding: 'ieee-p1363' }, signature);
    case 'Ed25519':
      return crypto.verify(null, data, key, signature);
  }
  return false;
}

/** A verifier on node:crypto, for one KeyCache (it holds the KeyObjects of that cache's keys). */
export function nodeVerifier(): SignatureVerifier {
  const keyObjects = new WeakMap<CryptoKey, crypto.KeyObject>();
  return {
    verify(request, key, signature, data) {
      let keyObject = keyObjects.get(key);
      if (!keyObject) {
        try {
          keyObjects.set(key, (keyObject = crypto.KeyObject.from(key as unknown as crypto.webcrypto.CryptoKey)));
        } catch {
          // Not a key of this Node's Web Crypto: let Web Crypto answer.
          return webCryptoVerifier.verify(request, key, signature, data);
        }
      }
      try {
        return check(request, keyObject, signature, data);
      } catch {
        // A signature OpenSSL cannot even parse is a wrong one, as Web Crypto answers it.
        return false;
      }
    },
  };
}

/** The verifier this host offers the core. */
export const hostVerifier = (): SignatureVerifier | undefined => nodeVerifier();
