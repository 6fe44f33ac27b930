// Key and JWE cases whose answer runtimes could disagree on: Chromium refuses some key encodings Node accepts and
// has no AES-192. Plain data (token, key), made in Node, run by the core in Node and in Chromium alike.
import * as crypto from 'node:crypto';
import { CompactEncrypt, CompactSign } from 'jose';
import type { KeyInput } from '../../../src/core';
import { encodeOid, OID, tlv } from '../../../src/core/keys/der';
import { b64, forgeWithExponentOne, nBytes, pem, rsa, rsaJwk, rsaKeyForms } from './forgeries';

export interface ParityCase {
  id: string;
  token: string;
  key: KeyInput;
}

const payload = Buffer.from(JSON.stringify({ sub: 'x', exp: 4102444800 }));

/** An EC key whose x coordinate starts with a zero byte, so that an encoder may write it as 31 bytes. */
function ecKeyWithShortX(): crypto.KeyPairKeyObjectResult {
  for (;;) {
    const k = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    if (Buffer.from((k.publicKey.export({ format: 'jwk' }) as { x: string }).x, 'base64url')[0] === 0) return k;
  }
}

export async function keyEncodingCases(): Promise<ParityCase[]> {
  const out: ParityCase[] = [];
  const rs = await new CompactSign(payload).setProtectedHeader({ alg: 'RS256' }).sign(rsa.privateKey);
  out.push({ id: 'RSA JWK, n and e with a leading zero byte', token: rs, key: { jwk: { kty: 'RSA', n: Buffer.concat([Buffer.from([0]), nBytes]).toString('base64url'), e: 'AAEAAQ' } } });
  out.push({ id: 'PKCS#1 PEM with non-minimal DER integers', token: rs, key: pem('RSA PUBLIC KEY', tlv(0x30, tlv(0x02, Buffer.concat([Buffer.from([0, 0]), nBytes])), tlv(0x02, new Uint8Array([0, 0, 1, 0, 1])))) });
  for (const [form, key] of rsaKeyForms(nBytes, Buffer.from([1]))) out.push({ id: `e = 1 forgery, ${form}`, token: forgeWithExponentOne({ admin: true }), key });
  out.push({ id: 'RSA private PKCS#8, verifying', token: rs, key: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string });
  out.push({ id: 'RSA private PKCS#1, verifying', token: rs, key: rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string });

  const ec = ecKeyWithShortX();
  const es = await new CompactSign(payload).setProtectedHeader({ alg: 'ES256' }).sign(ec.privateKey);
  const pub = ec.publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string; y: string };
  const x = Buffer.from(pub.x, 'base64url');
  out.push({ id: 'EC JWK, x of 31 bytes', token: es, key: { jwk: { ...pub, x: x.subarray(1).toString('base64url') } } });
  out.push({ id: 'EC JWK, x of 33 bytes', token: es, key: { jwk: { ...pub, x: Buffer.concat([Buffer.from([0]), x]).toString('base64url') } } });
  out.push({ id: 'EC JWK, canonical', token: es, key: { jwk: pub } });
  out.push({ id: 'EC JWK with use "enc"', token: es, key: { jwk: { ...pub, use: 'enc' } } });
  out.push({ id: 'EC SPKI PEM', token: es, key: ec.publicKey.export({ type: 'spki', format: 'pem' }) as string });
  out.push({ id: 'EC SEC1 private PEM, verifying', token: es, key: ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string });

  const identity = Buffer.alloc(32);
  identity[0] = 1;
  const forgedEd = `${b64({ alg: 'EdDSA' })}.${b64({ sub: 'admin' })}.${Buffer.concat([identity, Buffer.alloc(32)]).toString('base64url')}`;
  out.push({ id: 'Ed25519 identity key (small order), JWK', token: forgedEd, key: { jwk: { kty: 'OKP', crv: 'Ed25519', x: identity.toString('base64url') } } });
  out.push({ id: 'Ed25519 identity key (small order), SPKI', token: forgedEd, key: pem('PUBLIC KEY', tlv(0x30, tlv(0x30, encodeOid(OID.ed25519)), tlv(0x03, new Uint8Array([0]), identity))) });
  const ed = crypto.generateKeyPairSync('ed25519');
  out.push({ id: 'Ed25519, a real key', token: await new CompactSign(payload).setProtectedHeader({ alg: 'EdDSA' }).sign(ed.privateKey), key: { jwk: ed.publicKey.export({ format: 'jwk' }) } });

  for (const [alg, enc, bytes] of [['A192KW', 'A128GCM', 24], ['A128KW', 'A192GCM', 16], ['dir', 'A192CBC-HS384', 48], ['A192GCMKW', 'A256GCM', 24], ['A256KW', 'A256GCM', 32]] as const) {
    const k = crypto.randomBytes(bytes);
    const jwe = await new CompactEncrypt(payload).setProtectedHeader({ alg, enc }).encrypt(k);
    out.push({ id: `JWE ${alg} / ${enc}`, token: jwe, key: { jwk: { kty: 'oct', k: k.toString('base64url') } } });
  }
  const oaep = await new CompactEncrypt(payload).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }).encrypt(rsa.publicKey);
  out.push({ id: 'JWE RSA-OAEP-256 with a PKCS#1 private key', token: oaep, key: rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string });
  void rsaJwk;
  return out;
}
