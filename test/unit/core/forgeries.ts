// Keys and tokens that a careless verifier accepts, made with node:crypto: shared by the trust suite (Node) and the
// browser parity run (the same cases in Chromium).
import * as crypto from 'node:crypto';
import type { KeyInput } from '../../../src/core';
import { encodeOid, OID, tlv } from '../../../src/core/keys/der';

export const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

// ---------- 1. RSA keys that let anyone forge ----------

export const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
export const rsaJwk = rsa.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
export const nBytes = Buffer.from(rsaJwk.n, 'base64url');

/** With e = 1 the "signature" of RS256 is just the EMSA-PKCS1-v1_5 encoding of the hash: no private key needed. */
export function forgeWithExponentOne(payload: object): string {
  const input = `${b64({ alg: 'RS256' })}.${b64(payload)}`;
  const digestInfo = Buffer.concat([Buffer.from('3031300d060960864801650304020105000420', 'hex'), crypto.createHash('sha256').update(input).digest()]);
  const em = Buffer.concat([Buffer.from([0, 1]), Buffer.alloc(nBytes.length - digestInfo.length - 3, 0xff), Buffer.from([0]), digestInfo]);
  return `${input}.${em.toString('base64url')}`;
}

export const derInt = (bytes: Buffer) => tlv(0x02, bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
export const rsaPublicKeyDer = (n: Buffer, e: Buffer) => tlv(0x30, derInt(n), derInt(e));
export const spkiDer = (n: Buffer, e: Buffer) => tlv(0x30, tlv(0x30, encodeOid(OID.rsaEncryption), new Uint8Array([5, 0])), tlv(0x03, new Uint8Array([0]), rsaPublicKeyDer(n, e)));
export const pem = (label: string, der: Uint8Array) => `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;
/** Just enough of an X.509 certificate for a reader to find its SubjectPublicKeyInfo (the CA signature is not checked by describe). */
export const certDer = (spki: Uint8Array) => {
  const name = tlv(0x30, tlv(0x31, tlv(0x30, encodeOid('2.5.4.3'), tlv(0x0c, Buffer.from('t')))));
  const validity = tlv(0x30, tlv(0x17, Buffer.from('260101000000Z')), tlv(0x17, Buffer.from('270101000000Z')));
  const sigAlg = tlv(0x30, encodeOid('1.2.840.113549.1.1.11'), new Uint8Array([5, 0]));
  const tbs = tlv(0x30, tlv(0xa0, tlv(0x02, new Uint8Array([2]))), tlv(0x02, new Uint8Array([1])), sigAlg, name, validity, name, spki);
  return tlv(0x30, tbs, sigAlg, tlv(0x03, new Uint8Array([0, 0])));
};

export function rsaKeyForms(n: Buffer, e: Buffer): [string, KeyInput][] {
  const jwk = { kty: 'RSA', n: n.toString('base64url'), e: e.toString('base64url') };
  return [
    ['JWK', { jwk }],
    ['JWKS member', { jwks: { keys: [jwk] } }],
    ['SPKI PEM', pem('PUBLIC KEY', spkiDer(n, e))],
    ['PKCS#1 PEM', pem('RSA PUBLIC KEY', rsaPublicKeyDer(n, e))],
    ['X.509 certificate', pem('CERTIFICATE', certDer(spkiDer(n, e)))],
  ];
}

