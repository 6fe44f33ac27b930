/**
 * Signatures checked with node:crypto, synchronously, where the extension host is Node: no job on libuv's thread pool
 * and back per token, and no Web Crypto argument handling — the same OpenSSL check. Each key is made a KeyObject once,
 * from the same material its CryptoKey was imported from (KeyObject.from() would need an extractable CryptoKey), and
 * kept while the key lives. The web build takes hostVerifier.web.ts instead (esbuild.mjs): there the core's default,
 * Web Crypto, checks them.
 */
import * as crypto from 'node:crypto';
import { publicJwk } from './core/keys/keyImport';
import { webCryptoVerifier, type KeyMaterial, type SignatureVerifier, type VerifyRequest } from './core/keys/verifier';

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

function keyObject(m: KeyMaterial): crypto.KeyObject {
  switch (m.kind) {
    case 'secret':
      return crypto.createSecretKey(m.bytes);
    case 'spki':
      return crypto.createPublicKey({ key: Buffer.from(m.der), format: 'der', type: 'spki' });
    case 'pkcs8':
      return crypto.createPublicKey(crypto.createPrivateKey({ key: Buffer.from(m.der), format: 'der', type: 'pkcs8' }));
    case 'jwk':
      return crypto.createPublicKey({ key: publicJwk(m.jwk) as crypto.JsonWebKey, format: 'jwk' });
  }
}

/** A verifier on node:crypto, for one KeyCache (it holds the KeyObjects of that cache's keys). */
export function nodeVerifier(): SignatureVerifier {
  const keyObjects = new WeakMap<KeyMaterial, crypto.KeyObject>();
  return {
    verify(request, key, material, signature, data) {
      let made = keyObjects.get(material);
      if (!made) {
        try {
          keyObjects.set(material, (made = keyObject(material)));
        } catch {
          // A key node:crypto does not read as Web Crypto did: let Web Crypto answer.
          return webCryptoVerifier.verify(request, key, material, signature, data);
        }
      }
      try {
        return check(request, made, signature, data);
      } catch {
        // A signature OpenSSL cannot even parse is a wrong one, as Web Crypto answers it.
        return false;
      }
    },
  };
}

/** The verifier this host offers the core. */
export const hostVerifier = (): SignatureVerifier | undefined => nodeVerifier();
