// Issue 9 — no forged or non-JWT token may ever read "Verified". One table per class of false verdict; each row
// failed before its fix (the note lists the commits).
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { CompactEncrypt, CompactSign } from 'jose';
import { describeKey, inspectToken, type Inspection, type KeyInput } from '../../../src/core';
import { encodeOid, OID, tlv } from '../../../src/core/keys/der';
import { b64, forgeWithExponentOne, nBytes, pem, rsa, rsaJwk, rsaKeyForms } from './forgeries';

const NOW = new Date('2026-01-01T00:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const SECRET = 'f'.repeat(64);
const hmac = (input: string, secret: string | Buffer = SECRET, hash = 'sha256') => crypto.createHmac(hash, secret).update(input).digest('base64url');
const hsRaw = (header: object, payloadPart: string, secret: string | Buffer = SECRET) => {
  const input = `${b64(header)}.${payloadPart}`;
  return `${input}.${hmac(input, secret)}`;
};
const hs = (payload: unknown, secret: string | Buffer = SECRET, header: object = { alg: 'HS256', typ: 'JWT' }) => hsRaw(header, b64(payload), secret);
const accepted = (ins: Inspection) => ins.verifiedWith !== undefined;

// ---------- 1. RSA keys that let anyone forge ----------

describe('trust: RSA keys that cannot be trusted are refused with the reason (issue 9.1)', () => {
  const forged = forgeWithExponentOne({ admin: true, exp: NOW_S + 60 });
  const bad: [string, Buffer, Buffer, RegExp][] = [
    ['e = 1', nBytes, Buffer.from([1]), /exponent.*1.*at least 3/i],
    ['e = 2 (even)', nBytes, Buffer.from([2]), /exponent.*even|exponent.*odd/i],
    ['e = 65536 (even)', nBytes, Buffer.from([1, 0, 0]), /exponent.*(even|odd)/i],
    ['an even modulus', Buffer.concat([nBytes.subarray(0, -1), Buffer.from([nBytes[nBytes.length - 1] & 0xfe])]), Buffer.from([1, 0, 1]), /modulus.*(even|odd)/i],
    ['a 1024-bit modulus', Buffer.concat([nBytes.subarray(0, 127), Buffer.from([nBytes[127] | 1])]), Buffer.from([1, 0, 1]), /1024 bits.*2048/],
  ];
  for (const [what, n, e, reason] of bad) {
    for (const [form, key] of rsaKeyForms(n, e)) {
      it(`${what}, as ${form}: a key error that names the reason`, async () => {
        assert.throws(() => describeKey(key), (err: Error & { code?: string }) => err.code === 'ERR_KEY_FORMAT' && reason.test(err.message));
        const ins = await inspectToken(forged, { key, now: NOW });
        assert.notEqual(ins.verdict, 'verified');
        assert.ok(!accepted(ins));
        assert.match(ins.detail ?? '', reason);
      });
    }
  }
  it('the same forgery with e = 1 — before the fix it read "verified"', async () => {
    const ins = await inspectToken(forged, { key: { jwk: { kty: 'RSA', n: rsaJwk.n, e: 'AQ' } }, now: NOW });
    assert.notEqual(ins.verdict, 'verified');
  });
  it('a sound 2048-bit key with e = 65537 is accepted in every form', () => {
    for (const [form, key] of rsaKeyForms(nBytes, Buffer.from([1, 0, 1]))) assert.equal(describeKey(key)[0].bits, 2048, form);
  });
});

// ---------- 2. A key's declared purpose ----------

describe('trust: a key is used only for what it declares — use, key_ops, alg (issue 9.2, RFC 7517 §4.2–4.4)', () => {
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecPub = ec.publicKey.export({ format: 'jwk' });
  let token = '';
  before(async () => {
    token = await new CompactSign(Buffer.from(JSON.stringify({ sub: 'x', exp: NOW_S + 60 }))).setProtectedHeader({ alg: 'ES256' }).sign(ec.privateKey);
  });
  const refused: [string, KeyInput][] = [
    ['a JWK with use "enc"', { jwk: { ...ecPub, use: 'enc' } }],
    ['a JWK with key_ops ["encrypt"]', { jwk: { ...ecPub, key_ops: ['encrypt'] } }],
    ['a JWK with key_ops ["deriveKey"]', { jwk: { ...ecPub, key_ops: ['deriveKey'] } }],
    ['a JWK with alg ES384 on P-256', { jwk: { ...ecPub, alg: 'ES384' } }],
    ['a JWK with alg ECDH-ES', { jwk: { ...ecPub, alg: 'ECDH-ES' } }],
    ['a JWKS member with key_ops ["encrypt"]', { jwks: { keys: [{ ...ecPub, key_ops: ['encrypt'] }] } }],
    ['a JWKS member with use "enc"', { jwks: { keys: [{ ...ecPub, use: 'enc' }] } }],
  ];
  for (const [what, key] of refused) {
    it(`${what} does not verify a signature, and says why`, async () => {
      const ins = await inspectToken(token, { key, now: NOW });
      assert.notEqual(ins.verdict, 'verified');
      assert.ok(!accepted(ins));
      assert.match(ins.detail ?? '', /use|key_ops|alg|encrypt|no signing key/i);
    });
  }
  for (const [what, key] of [
    ['use "sig"', { jwk: { ...ecPub, use: 'sig' } }],
    ['key_ops ["verify"]', { jwk: { ...ecPub, key_ops: ['verify'] } }],
    ['alg ES256', { jwk: { ...ecPub, alg: 'ES256' } }],
  ] as [string, KeyInput][]) {
    it(`a JWK with ${what} verifies`, async () => assert.equal((await inspectToken(token, { key, now: NOW })).verdict, 'verified'));
  }

  it('JWE: a key whose alg is A128GCMKW does not decrypt an A128KW token (nor the other way round)', async () => {
    const k = crypto.randomBytes(16);
    const jwe = (alg: string) => new CompactEncrypt(Buffer.from('{"sub":"x"}')).setProtectedHeader({ alg, enc: 'A128GCM' }).encrypt(k);
    for (const [keyAlg, tokenAlg] of [['A128GCMKW', 'A128KW'], ['A128KW', 'A128GCMKW']]) {
      const ins = await inspectToken(await jwe(tokenAlg), { key: { jwk: { kty: 'oct', k: k.toString('base64url'), alg: keyAlg } } });
      assert.ok(!accepted(ins), `${keyAlg} key, ${tokenAlg} token`);
      assert.match(ins.detail ?? '', new RegExp(keyAlg));
    }
    const ok = await inspectToken(await jwe('A128KW'), { key: { jwk: { kty: 'oct', k: k.toString('base64url'), alg: 'A128KW' } } });
    assert.equal(ok.verdict, 'verified');
  });
  it('JWE: a key with use "sig" or key_ops ["sign"] does not decrypt', async () => {
    const k = crypto.randomBytes(32);
    const token = await new CompactEncrypt(Buffer.from('{"sub":"x"}')).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(k);
    for (const extra of [{ use: 'sig' }, { key_ops: ['sign'] }]) {
      const ins = await inspectToken(token, { key: { jwk: { kty: 'oct', k: k.toString('base64url'), ...extra } } });
      assert.ok(!accepted(ins), JSON.stringify(extra));
    }
  });
});

// ---------- 3. One spelling per token ----------

describe('trust: base64url is canonical (issue 9.3)', () => {
  const input = `${b64({ alg: 'HS256' })}.${b64({ sub: 'x', exp: NOW_S + 60 })}`;
  const mac = hmac(input);
  // 32 bytes = 43 characters; the last one carries 4 bits of the MAC and 2 unused bits.
  const last = mac[mac.length - 1];
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const v = alphabet.indexOf(last);
  const variants = [1, 2, 3].map((bits) => alphabet[(v & ~3) | bits]);
  it('the canonical MAC verifies', async () => assert.equal((await inspectToken(`${input}.${mac}`, { key: SECRET, now: NOW })).verdict, 'verified'));
  for (const other of variants) {
    it(`the same MAC spelled with "${other}" for "${last}" (non-zero unused bits) is malformed`, async () => {
      const ins = await inspectToken(`${input}.${mac.slice(0, -1)}${other}`, { key: SECRET, now: NOW });
      assert.equal(ins.verdict, 'malformed');
      assert.match(ins.detail!, /signature.*base64url/);
    });
  }
  it('a payload "AB" (decodes like "AA") is malformed, not a second spelling', async () => {
    const ins = await inspectToken(hsRaw({ alg: 'HS256' }, 'AB'), { key: SECRET });
    assert.equal(ins.verdict, 'malformed');
    assert.ok(!accepted(ins));
  });
  it('"=" padding is malformed', async () => {
    const t = hsRaw({ alg: 'HS256' }, b64({ sub: 'xy' }));
    const padded = `${t.split('.')[0]}.${t.split('.')[1]}==.${t.split('.')[2]}`;
    assert.equal((await inspectToken(padded, { key: SECRET })).verdict, 'malformed');
  });
  it('spaces inside a one-line token are malformed (only line-wrapping is cleaned)', async () => {
    const t = `${input}.${mac}`;
    const ins = await inspectToken(`${input}.    ${mac}`, { key: SECRET, now: NOW });
    assert.equal(ins.verdict, 'malformed');
    assert.match(ins.detail!, /space|whitespace/i);
    const wrapped = await inspectToken(t.replace(/(.{30})/g, '$1\n    '), { key: SECRET, now: NOW });
    assert.equal(wrapped.verdict, 'verified');
    assert.ok(wrapped.cleaned?.includes('line breaks'));
  });
});

// ---------- 4. Not a JWT ----------

describe('trust: a JWS whose payload is not a JSON object is not a JWT (issue 9.4, RFC 7519 §7.2)', () => {
  const payloads: [string, string][] = [
    ['an array', b64([1, 2])],
    ['a string', b64('"x"')],
    ['a number', b64('42')],
    ['null', b64('null')],
    ['empty', ''],
    ['an object followed by garbage', b64('{"sub":"x"}garbage')],
    ['invalid JSON', b64('{"sub":')],
    ['plain text', b64('foo')],
  ];
  for (const [what, part] of payloads) {
    it(`${what}: malformed, "Token is invalid.", the signature reported correct, the payload shown as text`, async () => {
      const ins = await inspectToken(hsRaw({ alg: 'HS256' }, part), { key: SECRET, now: NOW });
      assert.equal(ins.verdict, 'malformed');
      assert.equal(ins.message, 'Token is invalid.');
      assert.match(ins.detail!, /signature is correct/);
      assert.match(ins.detail!, /not a JWT claims set.*RFC 7519 §7\.2/);
      assert.equal(ins.payloadText, Buffer.from(part, 'base64url').toString());
      assert.ok(accepted(ins), 'the signature itself was valid');
    });
    it(`${what}, with a wrong key: still malformed (never invalid-signature), saying the signature does not match`, async () => {
      const ins = await inspectToken(hsRaw({ alg: 'HS256' }, part), { key: 'g'.repeat(64), now: NOW });
      assert.equal(ins.verdict, 'malformed');
      assert.match(ins.detail!, /signature does not match/);
    });
    it(`${what}, without a key: malformed`, async () => {
      const ins = await inspectToken(hsRaw({ alg: 'HS256' }, part), { now: NOW });
      assert.equal(ins.verdict, 'malformed');
      assert.match(ins.detail!, /not checked/);
    });
  }
});

// ---------- 5. b64: false ----------

describe('trust: b64 false (RFC 7797) is unsupported, never decoded claims (issue 9.5)', () => {
  it('crit ["b64"], b64 false: unsupported with the reason, no claims', async () => {
    const header = { alg: 'HS256', b64: false, crit: ['b64'] };
    const payloadText = '{"sub":"admin"}';
    const input = `${b64(header)}.${payloadText}`;
    // RFC 7797: the signing input is the header and the literal payload text.
    const token = `${b64(header)}.${b64(payloadText)}.${hmac(input)}`;
    const ins = await inspectToken(token, { key: SECRET, now: NOW });
    assert.equal(ins.verdict, 'unsupported');
    assert.match(ins.detail!, /b64.*RFC 7797/);
    assert.deepEqual(ins.claims, []);
    assert.equal(ins.payload, undefined);
  });
  it('b64 false without crit is also not a JWT here', async () => {
    const ins = await inspectToken(hs({ sub: 'x' }, SECRET, { alg: 'HS256', b64: false }), { key: SECRET, now: NOW });
    assert.equal(ins.verdict, 'unsupported');
  });
});

// ---------- 6. Nested JWTs ----------

describe('trust: nested JWTs (cty "JWT") are inspected layer by layer (issue 9.6)', () => {
  const inner = {
    verified: () => hs({ sub: 'inner', exp: NOW_S + 60 }),
    none: () => `${b64({ alg: 'none' })}.${b64({ sub: 'inner', admin: true })}.`,
    expired: () => hs({ sub: 'inner', exp: NOW_S - 3600 }),
    wrongKey: () => hs({ sub: 'inner', exp: NOW_S + 60 }, 'h'.repeat(64)),
  };
  const signedOuter = (innerToken: string) => hsRaw({ alg: 'HS256', cty: 'JWT' }, b64(innerToken));
  const KEK = Buffer.from(SECRET.slice(0, 32));
  const encryptedOuter = async (innerToken: string) => new CompactEncrypt(Buffer.from(innerToken)).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'JWT' }).encrypt(KEK);
  // One key source for both layers, as a user has it: a set with the 32-byte content key and the 64-byte MAC secret.
  const both: KeyInput = { jwks: { keys: [{ kty: 'oct', k: KEK.toString('base64url'), use: 'enc' }, { kty: 'oct', k: Buffer.from(SECRET).toString('base64url'), use: 'sig' }] } };
  const cases: [string, keyof typeof inner, Inspection['verdict']][] = [
    ['a verified inner token', 'verified', 'verified'],
    ['an alg none inner token', 'none', 'unsigned'],
    ['an expired inner token', 'expired', 'expired'],
    ['an inner token signed with another key', 'wrongKey', 'invalid-signature'],
  ];
  for (const [what, kind, verdict] of cases) {
    it(`signed-then-signed with ${what}: ${verdict}, decided by the inner layer`, async () => {
      const ins = await inspectToken(signedOuter(inner[kind]()), { key: SECRET, now: NOW });
      assert.equal(ins.verdict, verdict, ins.detail);
      assert.equal(ins.nested?.verdict, verdict);
      assert.equal(ins.decidedBy, 'inner');
      assert.equal((ins.nested?.payload as { sub?: string })?.sub, 'inner');
    });
    it(`signed-then-encrypted with ${what}: ${verdict}, decided by the inner layer`, async () => {
      const ins = await inspectToken(await encryptedOuter(inner[kind]()), { key: both, now: NOW });
      assert.equal(ins.kind, 'jwe');
      assert.equal(ins.verdict, verdict, ins.detail);
      assert.equal(ins.nested?.verdict, verdict);
      assert.equal(ins.decidedBy, 'inner');
    });
  }
  it('a failing outer signature decides, whatever the inner says', async () => {
    const t = signedOuter(inner.verified());
    const ins = await inspectToken(`${t.slice(0, -2)}AA`, { key: SECRET, now: NOW });
    assert.notEqual(ins.verdict, 'verified');
    assert.equal(ins.decidedBy, 'outer');
  });
  it('a JWE decrypted with a public-key algorithm lets the inner signature speak for its origin', async () => {
    const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwe = await new CompactEncrypt(Buffer.from(inner.verified())).setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', cty: 'JWT' }).encrypt(ec.publicKey);
    const set: KeyInput = { jwks: { keys: [{ ...ec.privateKey.export({ format: 'jwk' }), use: 'enc' }, { kty: 'oct', k: Buffer.from(SECRET).toString('base64url') }] } };
    const ins = await inspectToken(jwe, { key: set, now: NOW });
    assert.equal(ins.verdict, 'verified', ins.detail);
  });
});

// ---------- 7. The empty secret ----------

describe('trust: a token MAC\'d with an empty secret is flagged (issue 9.7)', () => {
  it('warns "signed with an empty secret" without a key and with any other key', async () => {
    const token = hs({ sub: 'x', exp: NOW_S + 60 }, Buffer.alloc(0));
    for (const key of [undefined, SECRET]) {
      const ins = await inspectToken(token, { key, now: NOW });
      const w = ins.warnings.find((x) => x.code === 'known-secret');
      assert.ok(w, `key ${String(key)}`);
      assert.match(w!.message, /empty secret/);
    }
  });
});

describe('trust: the tool\'s deliberate choices beside the Wycheproof skips', () => {
  it('a short HMAC key (one byte under the hash size) stays verified, with a weak-secret warning', async () => {
    const short = crypto.randomBytes(31);
    const ins = await inspectToken(hs({ sub: 'x', exp: NOW_S + 60 }, short), { key: { secret: short.toString('hex'), encoding: 'hex' }, now: NOW });
    assert.equal(ins.verdict, 'verified');
    assert.match(ins.warnings.find((w) => w.code === 'weak-secret')!.message, /31 bytes; HS256 needs at least 32/);
  });
  it('a set holding a secret and a public key: no member stands in for another', async () => {
    const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pub = ec.publicKey.export({ format: 'jwk' });
    const set: KeyInput = { jwks: { keys: [{ kty: 'oct', k: Buffer.from(SECRET).toString('base64url'), kid: 's' }, { ...pub, kid: 'e' }] } };
    // HS256 forged with the public key's own text as the secret, naming the EC member's kid.
    const forged = hs({ sub: 'admin' }, JSON.stringify(pub), { alg: 'HS256', kid: 'e' });
    assert.ok(!accepted(await inspectToken(forged, { key: set, now: NOW })));
    const real = await inspectToken(hs({ sub: 'x', exp: NOW_S + 60 }, SECRET, { alg: 'HS256', kid: 's' }), { key: set, now: NOW });
    assert.equal(real.verifiedWith?.kid, 's');
  });
});

// ---------- 8. Errors that say the reason ----------

describe('trust: failures say what is wrong (issue 9.8)', () => {
  it('an EC point that is not on the curve: the detail says so', async () => {
    const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pub = ec.publicKey.export({ format: 'jwk' }) as { x: string; y: string };
    const y = Buffer.from(pub.y, 'base64url');
    y[31] ^= 1;
    const token = await new CompactSign(Buffer.from('{"sub":"x"}')).setProtectedHeader({ alg: 'ES256' }).sign(ec.privateKey);
    const ins = await inspectToken(token, { key: { jwk: { ...pub, y: y.toString('base64url') } } });
    assert.notEqual(ins.verdict, 'verified');
    assert.doesNotMatch(ins.detail ?? '', /does not match/);
    assert.match(ins.detail ?? '', /cannot be (used|imported)|not on the curve|invalid/i);
  });
  it('JWE RSA1_5 is unsupported, not "Token is invalid."', async () => {
    const header = b64({ alg: 'RSA1_5', enc: 'A128CBC-HS256' });
    const ins = await inspectToken(`${header}.AAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA`, { key: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string });
    assert.equal(ins.verdict, 'unsupported');
    assert.match(ins.detail!, /RSA1_5/);
  });
  it('"an EC P-384 public key verifies only ES384" — articles and lists read as English', async () => {
    const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const ins = await inspectToken(hs({ sub: 'x' }), { key: { jwk: ec.publicKey.export({ format: 'jwk' }) } });
    assert.match(ins.detail!, /but an EC P-384 public JWK verifies only ES384, so no signature was checked\./);
    const x = crypto.generateKeyPairSync('x25519');
    const ins2 = await inspectToken(hs({ sub: 'x' }), { key: { jwk: x.publicKey.export({ format: 'jwk' }) } });
    assert.match(ins2.detail!, /verifies no JWS algorithm/);
    assert.doesNotMatch(ins2.detail!, /only nothing/);
  });
});

// ---------- 9. Ed25519 small-order keys ----------

describe('trust: small-order and non-canonical Ed25519 public keys are refused (issue 9.9)', () => {
  const P = 2n ** 255n - 19n;
  const le = (n: bigint) => {
    const out = Buffer.alloc(32);
    for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
    return out;
  };
  // RFC 8032 points of small order: the identity, (0, -1), the two of order 4 and the four of order 8.
  const Y8 = 2707385501144840649318225287225658788936804267575313519463743609750303402022n;
  const smallOrder: [string, Buffer][] = [
    ['the identity (0, 1)', le(1n)],
    ['(0, -1), order 2', le(P - 1n)],
    ['y = 0, order 4', le(0n)],
    ['y = 0 with the sign bit, order 4', (() => { const b = le(0n); b[31] |= 0x80; return b; })()],
    ['an order-8 point', le(Y8)],
    ['the other order-8 point', le(P - Y8)],
    ['the identity, non-canonical (y = p + 1)', le(P + 1n)],
    ['any non-canonical y (y = p + 5)', le(P + 5n)],
  ];
  // With the identity as public key, R = identity and S = 0 "verify" for every message.
  const forgedSig = Buffer.concat([le(1n), Buffer.alloc(32)]).toString('base64url');
  const forged = `${b64({ alg: 'EdDSA' })}.${b64({ sub: 'admin', exp: NOW_S + 60 })}.${forgedSig}`;
  for (const [what, x] of smallOrder) {
    it(`${what}: a key error, and the forged token is not verified`, async () => {
      const key = { jwk: { kty: 'OKP', crv: 'Ed25519', x: x.toString('base64url') } };
      assert.throws(() => describeKey(key), /small order|non-canonical/);
      const ins = await inspectToken(forged, { key, now: NOW });
      assert.notEqual(ins.verdict, 'verified');
      assert.ok(!accepted(ins));
      const spki = pem('PUBLIC KEY', tlv(0x30, tlv(0x30, encodeOid(OID.ed25519)), tlv(0x03, new Uint8Array([0]), x)));
      assert.throws(() => describeKey(spki), /small order|non-canonical/);
    });
  }
  it('a real Ed25519 key is accepted', () => {
    const k = crypto.generateKeyPairSync('ed25519');
    assert.equal(describeKey({ jwk: k.publicKey.export({ format: 'jwk' }) })[0].curve, 'Ed25519');
  });
});

// ---------- 10. One key, one meaning, in every runtime ----------

describe('trust: key encodings that runtimes disagree on are normalised (issue 9.10)', () => {
  let token = '';
  let ecToken = '';
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  before(async () => {
    token = await new CompactSign(Buffer.from(JSON.stringify({ sub: 'x', exp: NOW_S + 60 }))).setProtectedHeader({ alg: 'RS256' }).sign(rsa.privateKey);
    ecToken = await new CompactSign(Buffer.from(JSON.stringify({ sub: 'x', exp: NOW_S + 60 }))).setProtectedHeader({ alg: 'ES256' }).sign(ec.privateKey);
  });
  it('an RSA JWK with a leading zero byte in n and e verifies, described as 2048 bits', async () => {
    const key = { jwk: { kty: 'RSA', n: Buffer.concat([Buffer.from([0]), nBytes]).toString('base64url'), e: Buffer.from([0, 1, 0, 1]).toString('base64url') } };
    assert.equal(describeKey(key)[0].bits, 2048);
    assert.equal((await inspectToken(token, { key, now: NOW })).verdict, 'verified');
  });
  it('EC JWK coordinates of 31 or 33 bytes are padded or stripped to 32', async () => {
    const pub = ec.publicKey.export({ format: 'jwk' }) as { x: string; y: string };
    const x = Buffer.from(pub.x, 'base64url');
    const key33 = { jwk: { ...pub, x: Buffer.concat([Buffer.from([0]), x]).toString('base64url') } };
    assert.equal((await inspectToken(ecToken, { key: key33, now: NOW })).verdict, 'verified');
    const tooLong = { jwk: { ...pub, x: Buffer.concat([Buffer.from([1]), x]).toString('base64url') } };
    assert.throws(() => describeKey(tooLong), /coordinate/);
  });
  it('a PKCS#1 PEM with a non-minimal DER integer verifies', async () => {
    const e = tlv(0x02, new Uint8Array([0, 0, 1, 0, 1]));
    const der = tlv(0x30, tlv(0x02, Buffer.concat([Buffer.from([0]), nBytes])), e);
    const ins = await inspectToken(token, { key: pem('RSA PUBLIC KEY', der), now: NOW });
    assert.equal(ins.verdict, 'verified', ins.detail);
  });
});

describe('the banner leads with the worst and lists the rest (issue 11.5)', () => {
  it('a bad signature on an expired token says both', async () => {
    const ins = await inspectToken(hs({ sub: 'x', exp: NOW_S - 3 * 365 * 86400 }, 'g'.repeat(64)), { key: SECRET, now: NOW });
    assert.equal(ins.verdict, 'invalid-signature');
    assert.deepEqual(ins.also?.length, 1);
    assert.match(ins.also![0], /^It expired 3 years ago/);
  });
  it('a verified token that is expired and from another issuer: expired, and the issuer listed', async () => {
    const ins = await inspectToken(hs({ sub: 'x', iss: 'evil', exp: NOW_S - 60 }), { key: SECRET, now: NOW, issuer: 'app' });
    assert.equal(ins.verdict, 'expired');
    assert.match(ins.also![0], /issuer \("iss"\) is "evil"; expected "app"/);
  });
  it('a sound token has nothing else to say', async () => {
    assert.equal((await inspectToken(hs({ sub: 'x', exp: NOW_S + 60 }), { key: SECRET, now: NOW })).also, undefined);
  });
});

describe('two tokens pasted together are named as such (issue 11.8)', () => {
  const one = hs({ sub: 'one', exp: NOW_S + 60 });
  const two = hs({ sub: 'two', exp: NOW_S + 60 });
  it('old + new in one box: "two tokens run together", with where the second starts', async () => {
    const ins = await inspectToken(one + two, { key: SECRET, now: NOW });
    assert.equal(ins.verdict, 'malformed');
    assert.match(ins.detail!, new RegExp(`two tokens run together: a second one starts at position ${one.length + 1}`));
  });
  it('a real JWE is still a JWE', async () => {
    const jwe = await new CompactEncrypt(Buffer.from('{"sub":"x"}')).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(Buffer.alloc(32, 1));
    assert.equal((await inspectToken(jwe)).kind, 'jwe');
  });
});
