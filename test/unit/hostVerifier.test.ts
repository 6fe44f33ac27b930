// node:crypto's verifier (the Node extension host's) and Web Crypto's (the default) must give the same answer on every
// token: the forgeries a careless verifier accepts, signatures of the wrong shape or salt, and the sound ones.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { inspectToken, type Inspection, type KeyInput } from '../../src/core';
import { b64, forgeWithExponentOne, pem, rsa, spkiDer } from './core/forgeries';
import { cacheWith, VERIFIERS } from './verifiers';

const NOW = new Date('2026-01-01T00:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const claims = { sub: 'admin', exp: NOW_S + 60 };

/** A compact JWS over `header` and the claims, its signature made by `sign` from the signing input. */
function jws(header: object, sign: (input: Buffer) => Buffer): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${sign(Buffer.from(input)).toString('base64url')}`;
}

const ec = (curve: string) => crypto.generateKeyPairSync('ec', { namedCurve: curve });
const spki = (k: crypto.KeyObject) => k.export({ type: 'spki', format: 'pem' }) as string;
const ed = crypto.generateKeyPairSync('ed25519');
const SECRET = 'k'.repeat(64);
const hmac = (hash: string, secret = SECRET) => (input: Buffer) => crypto.createHmac(hash, secret).update(input).digest();
const pss = (hash: string, saltLength: number) => (input: Buffer) => crypto.sign(hash, input, { key: rsa.privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength });
const ORDER: Record<string, string> = {
  'P-256': 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551',
  'P-384': 'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973',
  'P-521': '01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409',
};

/** A PSS signature over `input` that starts with a zero byte: PSS is randomised, so signing again finds one (1 in 256). */
function zeroLed(sign: (input: Buffer) => Buffer, input: Buffer): Buffer {
  for (let n = 0; n < 100_000; n++) {
    const s = sign(input);
    if (s[0] === 0) return s;
  }
  throw new Error('no signature starting with a zero byte');
}

/** [what, token, key, whether it must verify]. */
function cases(): [string, string, KeyInput, boolean][] {
  const out: [string, string, KeyInput, boolean][] = [];
  for (const [alg, hash] of [['HS256', 'sha256'], ['HS384', 'sha384'], ['HS512', 'sha512']] as const) {
    out.push([`${alg} sound`, jws({ alg }, hmac(hash)), SECRET, true]);
    out.push([`${alg} MAC cut short by one byte`, jws({ alg }, (i) => hmac(hash)(i).subarray(1)), SECRET, false]);
    out.push([`${alg} MAC with another secret`, jws({ alg }, hmac(hash, 'x'.repeat(64))), SECRET, false]);
    out.push([`${alg} empty signature part`, `${b64({ alg })}.${b64(claims)}.`, SECRET, false]);
  }
  const rsaPub = spki(rsa.publicKey);
  for (const bits of ['256', '384', '512']) {
    const hash = `sha${bits}`;
    out.push([`RS${bits} sound`, jws({ alg: `RS${bits}` }, (i) => crypto.sign(hash, i, rsa.privateKey)), rsaPub, true]);
    out.push([`RS${bits} signature with its leading byte dropped`, jws({ alg: `RS${bits}` }, (i) => crypto.sign(hash, i, rsa.privateKey).subarray(1)), rsaPub, false]);
    out.push([`RS${bits} signature of PS${bits} (the other padding)`, jws({ alg: `RS${bits}` }, pss(hash, Number(bits) / 8)), rsaPub, false]);
    out.push([`PS${bits} sound (salt as long as the hash)`, jws({ alg: `PS${bits}` }, pss(hash, Number(bits) / 8)), rsaPub, true]);
    out.push([`PS${bits} with an empty salt (RFC 7518 §3.5 wants the hash's length)`, jws({ alg: `PS${bits}` }, pss(hash, 0)), rsaPub, false]);
    // RFC 8017 §8.1.2 step 1: a signature that is not k octets long is invalid. OpenSSL (node:crypto, and Web Crypto
    // in Node, which jose uses) reads a PSS signature one byte short as the same number, so the signature that
    // happens to start with a zero byte had a second, shorter spelling that verified; Chromium refuses it.
    out.push([`PS${bits} signature starting with a zero byte, that byte dropped (RFC 8017 §8.1.2: k octets)`, jws({ alg: `PS${bits}` }, (i) => zeroLed(pss(hash, Number(bits) / 8), i).subarray(1)), rsaPub, false]);
    out.push([`PS${bits} with "b64": true in its header (jose's path), its leading zero byte dropped`, jws({ alg: `PS${bits}`, b64: true }, (i) => zeroLed(pss(hash, Number(bits) / 8), i).subarray(1)), rsaPub, false]);
    out.push([`PS${bits} with "b64": true in its header (jose's path), sound`, jws({ alg: `PS${bits}`, b64: true }, pss(hash, Number(bits) / 8)), rsaPub, true]);
    out.push([`PS${bits} with the longest salt`, jws({ alg: `PS${bits}` }, pss(hash, crypto.constants.RSA_PSS_SALTLEN_MAX_SIGN)), rsaPub, false]);
  }
  // Key confusion: the public key's own text (PEM, or its JWK) as an HMAC secret, the classic RS256 → HS256 forgery.
  out.push(['HS256 keyed with the RSA public key\'s PEM text, verified with that PEM', jws({ alg: 'HS256' }, hmac('sha256', rsaPub)), rsaPub, false]);
  out.push(['HS256 keyed with the RSA public JWK\'s text, verified with that JWK', jws({ alg: 'HS256' }, hmac('sha256', JSON.stringify(rsa.publicKey.export({ format: 'jwk' })))), JSON.stringify(rsa.publicKey.export({ format: 'jwk' })), false]);
  out.push(['RS256 forged with a key of exponent 1 (refused before any check)', forgeWithExponentOne(claims), pem('PUBLIC KEY', spkiDer(Buffer.from(rsa.publicKey.export({ format: 'jwk' }).n!, 'base64url'), Buffer.from([1]))), false]);
  for (const [alg, curve, hash] of [['ES256', 'P-256', 'sha256'], ['ES384', 'P-384', 'sha384'], ['ES512', 'P-521', 'sha512']] as const) {
    const pair = ec(curve);
    const pub = spki(pair.publicKey);
    const size = curve === 'P-521' ? 66 : Number(alg.slice(2)) / 8;
    const n = Buffer.from(ORDER[curve].padStart(size * 2, '0'), 'hex');
    out.push([`${alg} sound`, jws({ alg }, (i) => crypto.sign(hash, i, { key: pair.privateKey, dsaEncoding: 'ieee-p1363' })), pub, true]);
    out.push([`${alg} as DER instead of r || s`, jws({ alg }, (i) => crypto.sign(hash, i, pair.privateKey)), pub, false]);
    out.push([`${alg} r = s = 0 (the "psychic signature", CVE-2022-21449)`, jws({ alg }, () => Buffer.alloc(size * 2)), pub, false]);
    out.push([`${alg} r = s = n (the curve order)`, jws({ alg }, () => Buffer.concat([n, n])), pub, false]);
    out.push([`${alg} one byte short`, jws({ alg }, (i) => crypto.sign(hash, i, { key: pair.privateKey, dsaEncoding: 'ieee-p1363' }).subarray(1)), pub, false]);
    out.push([`${alg} signed with ${alg === 'ES256' ? 'SHA-384' : 'SHA-256'}`, jws({ alg }, (i) => crypto.sign(alg === 'ES256' ? 'sha384' : 'sha256', i, { key: pair.privateKey, dsaEncoding: 'ieee-p1363' })), pub, false]);
  }
  out.push(['EdDSA sound', jws({ alg: 'EdDSA' }, (i) => crypto.sign(null, i, ed.privateKey)), spki(ed.publicKey), true]);
  out.push(['EdDSA all-zero signature', jws({ alg: 'EdDSA' }, () => Buffer.alloc(64)), spki(ed.publicKey), false]);
  out.push(['Ed25519 with its signature\'s S above the group order', jws({ alg: 'Ed25519' }, (i) => { const s = crypto.sign(null, i, ed.privateKey); s[63] |= 0xf0; return s; }), spki(ed.publicKey), false]);
  return out;
}

const answer = (ins: Inspection) => ({ verdict: ins.verdict, detail: ins.detail, verifiedWith: ins.verifiedWith });

describe('hostVerifier: node:crypto and Web Crypto answer every signature alike', () => {
  const table = cases();
  for (const [what, token, key, valid] of table) {
    it(`${what}: ${valid ? 'verified' : 'never verified'}, by both, with the same words`, async () => {
      const answers = [];
      for (const row of VERIFIERS) {
        const { cache, calls, sync } = cacheWith(row);
        await inspectToken(token, { key, now: NOW, cache });
        const ins = await inspectToken(token, { key, now: NOW, cache });
        assert.equal(ins.verdict === 'verified', valid, `${row.name}: ${ins.verdict} — ${ins.detail}`);
        if (valid) assert.ok(calls() > 0, `${row.name} was asked`);
        if (row.name.startsWith('node:crypto')) assert.equal(sync(), calls(), 'node:crypto answered every check itself');
        answers.push(answer(ins));
      }
      assert.deepEqual(answers[1], answers[0]);
    });
  }
});
