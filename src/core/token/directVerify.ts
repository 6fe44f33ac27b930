/**
 * A compact JWS's signature checked with an imported key straight through the signature verifier (Web Crypto unless
 * the host supplies another, see verifier.ts): the same check, with the same parameters and the same checks of the
 * key, that jose's compactVerify makes — without parsing the header and decoding the payload again (inspectToken
 * already did, strictly). Anything this path is not sure of it declines (undefined), and the caller then asks jose:
 * only a plain JWS (no "crit", "b64" absent or true), canonical base64url parts, a CryptoKey whose algorithm, hash,
 * curve, size and usages fit `alg`. ML-DSA always goes through jose.
 */
import type { CryptoKey } from 'jose';
import { algHash, type SigningAlg } from '../base/algorithms';
import { isObject } from './claimChecks';
import { base64UrlToBytes } from '../base/encoding';
import { decodeJsonPart } from './decode';
import { webCryptoVerifier, type KeyMaterial, type SignatureVerifier, type VerifyRequest } from '../keys/verifier';

interface Params {
  /** What the key must be (its algorithm as Web Crypto reports it). */
  key: { name: string; hash?: string; namedCurve?: string; minRsaBits?: number };
  /** What the verifier is asked. */
  request: VerifyRequest;
}

function paramsFor(alg: SigningAlg): Params | undefined {
  const bits = alg.slice(2);
  const hash = algHash(alg);
  switch (alg.slice(0, 2)) {
    case 'HS':
      return { key: { name: 'HMAC', hash }, request: { name: 'HMAC', hash } };
    case 'RS':
      return { key: { name: 'RSASSA-PKCS1-v1_5', hash, minRsaBits: 2048 }, request: { name: 'RSASSA-PKCS1-v1_5', hash } };
    case 'PS':
      // RFC 7518 §3.5: the salt is as long as the hash.
      return { key: { name: 'RSA-PSS', hash, minRsaBits: 2048 }, request: { name: 'RSA-PSS', hash, saltLength: Number(bits) / 8 } };
    case 'ES':
      return { key: { name: 'ECDSA', namedCurve: bits === '512' ? 'P-521' : `P-${bits}` }, request: { name: 'ECDSA', hash } };
  }
  if (alg === 'EdDSA' || alg === 'Ed25519') return { key: { name: 'Ed25519' }, request: { name: 'Ed25519' } };
  return undefined;
}

const PARAMS = new Map<string, Params | undefined>();
const ASCII_PARTS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;
const ascii = new TextEncoder();

function keyFits(key: CryptoKey, want: Params['key']): boolean {
  const a = key.algorithm as { name: string; hash?: { name?: string }; namedCurve?: string; modulusLength?: number };
  if (a.name !== want.name || !key.usages.includes('verify')) return false;
  if (want.hash !== undefined && a.hash?.name !== want.hash) return false;
  if (want.namedCurve !== undefined && a.namedCurve !== want.namedCurve) return false;
  return want.minRsaBits === undefined || (typeof a.modulusLength === 'number' && a.modulusLength >= want.minRsaBits);
}

/**
 * Whether the signature holds — at once from a synchronous verifier (node:crypto), or as a promise from Web Crypto,
 * whose job is queued before this returns; undefined when this path declines and jose must decide.
 */
export function verifyDirect(token: string, alg: SigningAlg, key: CryptoKey | Uint8Array, material: KeyMaterial, verifier: SignatureVerifier = webCryptoVerifier): boolean | Promise<boolean> | undefined {
  if (!PARAMS.has(alg)) PARAMS.set(alg, paramsFor(alg));
  const params = PARAMS.get(alg);
  if (!params || key instanceof Uint8Array || typeof key !== 'object' || !keyFits(key, params.key)) return undefined;
  if (!ASCII_PARTS.test(token)) return undefined;
  // The token's own header, whatever header the caller holds (some pass only the members they need).
  const header = decodeJsonPart(token.slice(0, token.indexOf('.')), 'header');
  if (!header.ok || !isObject(header.value) || header.value.alg !== alg) return undefined;
  if (header.value.crit !== undefined || (header.value.b64 !== undefined && header.value.b64 !== true)) return undefined;
  const dot = token.lastIndexOf('.');
  let signature: Uint8Array;
  try {
    signature = base64UrlToBytes(token.slice(dot + 1));
  } catch {
    return undefined;
  }
  return verifier.verify(params.request, key, material, signature, ascii.encode(token.slice(0, dot)));
}
