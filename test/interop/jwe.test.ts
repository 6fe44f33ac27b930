import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import { CompactEncrypt, compactDecrypt, importJWK, type JWK } from 'jose';
import { CONTENT_ENCRYPTION_ALGS, encryptToken, inspectToken, KEY_MANAGEMENT_ALGS, signToken, type ContentEncryptionAlg, type KeyManagementAlg } from '../../src/core';
import { CEK_BYTES } from '../../src/core/token/encryptAlgorithms';

const PEER = path.resolve(__dirname, '..', '..', '..', 'test', 'interop', 'jwcryptoPeer.py');
const PYTHON = process.env.INTEROP_PYTHON ?? '/usr/bin/python3';

type Request =
  | { op: 'encrypt'; plaintext: string; key: object; header: object }
  | { op: 'decrypt'; token: string; key: object; algs?: string[] };
type Result = { token?: string; plaintext?: string; header?: Record<string, unknown>; error?: string };

function jwcrypto(requests: Request[]): { version: string; results: Result[] } {
  return JSON.parse(execFileSync(PYTHON, [PEER], { input: JSON.stringify(requests), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

const jwkPair = (kind: 'rsa' | 'ec', bits = 2048) => {
  const { privateKey, publicKey } = kind === 'rsa' ? crypto.generateKeyPairSync('rsa', { modulusLength: bits }) : crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { priv: privateKey.export({ format: 'jwk' }) as JWK, pub: publicKey.export({ format: 'jwk' }) as JWK };
};
const RSA = jwkPair('rsa');
const EC = jwkPair('ec');

interface Pair {
  alg: KeyManagementAlg;
  enc: ContentEncryptionAlg;
  /** The recipient (public) and the key that decrypts (private, or the same secret), as JWKs. */
  pub: JWK;
  priv: JWK;
}

/** Every pair the issue names: 12 key managements with each of the 6 content encryptions, and dir with each. */
const PAIRS: Pair[] = KEY_MANAGEMENT_ALGS.flatMap((alg) =>
  CONTENT_ENCRYPTION_ALGS.map((enc): Pair => {
    if (alg.startsWith('RSA')) return { alg, enc, ...RSA };
    if (alg.startsWith('ECDH')) return { alg, enc, ...EC };
    const bytes = alg === 'dir' ? CEK_BYTES[enc] : Number(/\d+/.exec(alg)![0]) / 8;
    const secret: JWK = { kty: 'oct', k: crypto.randomBytes(bytes).toString('base64url') };
    return { alg, enc, pub: secret, priv: secret };
  }),
);
const name = (p: Pair) => `${p.alg} / ${p.enc}`;
const claims = (p: Pair) => ({ sub: name(p), n: [1, 2] });
const joseKey = async (jwk: JWK, alg: string) => (jwk.kty === 'oct' ? Buffer.from(jwk.k!, 'base64url') : importJWK(jwk, alg));

describe('interop: JWE with jwcrypto (python3-jwcrypto) and jose, every pair both ways', function () {
  this.timeout(120000);
  let version = '';
  before(function () {
    try {
      version = jwcrypto([]).version;
    } catch (e) {
      throw new Error(`jwcrypto is needed for the JWE interop tests (apt-get install python3-jwcrypto): ${(e as Error).message}`);
    }
  });

  it(`what we encrypt, jwcrypto and jose decrypt (${PAIRS.length} pairs)`, async () => {
    const ours = await Promise.all(PAIRS.map((p) => encryptToken(claims(p), { jwk: p.pub }, { alg: p.alg, enc: p.enc, claims: { addDefaults: false } })));
    const results = jwcrypto(PAIRS.map((p, i) => ({ op: 'decrypt', token: ours[i], key: p.priv }))).results;
    const failed: string[] = [];
    for (const [i, p] of PAIRS.entries()) {
      const r = results[i];
      if (r.error || JSON.stringify(JSON.parse(r.plaintext!)) !== JSON.stringify(claims(p))) failed.push(`jwcrypto ${name(p)}: ${r.error ?? r.plaintext}`);
      const { plaintext } = await compactDecrypt(ours[i], await joseKey(p.priv, p.alg));
      if (Buffer.from(plaintext).toString() !== JSON.stringify(claims(p))) failed.push(`jose ${name(p)}`);
    }
    assert.deepEqual(failed, []);
    console.log(`      (jwcrypto ${version}: ${PAIRS.length}/${PAIRS.length}; jose: ${PAIRS.length}/${PAIRS.length})`);
  });

  it(`what jwcrypto and jose encrypt, we decrypt (${PAIRS.length} pairs each)`, async () => {
    const theirs = jwcrypto(PAIRS.map((p) => ({ op: 'encrypt', plaintext: JSON.stringify(claims(p)), key: p.pub, header: { alg: p.alg, enc: p.enc } }))).results;
    const failed: string[] = [];
    for (const [i, p] of PAIRS.entries()) {
      const byJose = await new CompactEncrypt(Buffer.from(JSON.stringify(claims(p)))).setProtectedHeader({ alg: p.alg, enc: p.enc }).encrypt(await joseKey(p.pub, p.alg));
      for (const [peer, token] of [['jwcrypto', theirs[i].token], ['jose', byJose]] as const) {
        if (!token) {
          failed.push(`${peer} ${name(p)} did not encrypt: ${theirs[i].error}`);
          continue;
        }
        const ins = await inspectToken(token, { key: { jwk: p.priv } });
        if ((ins.payload as { sub?: string } | undefined)?.sub !== name(p)) failed.push(`${peer} ${name(p)}: ${ins.verdict} ${ins.detail}`);
      }
    }
    assert.deepEqual(failed, []);
  });

  it('sign-then-encrypt: jwcrypto decrypts our nested token (cty "JWT") to the signed token, which verifies; its nested token verifies here', async () => {
    const signed = await signToken({ sub: 'nested' }, { jwk: EC.priv });
    const token = await encryptToken(signed, { jwk: RSA.pub });
    const [r, theirs] = jwcrypto([
      { op: 'decrypt', token, key: RSA.priv },
      { op: 'encrypt', plaintext: signed, key: RSA.pub, header: { alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT' } },
    ]).results;
    assert.equal(r.header?.cty, 'JWT');
    assert.equal(r.plaintext, signed);
    assert.equal((await inspectToken(r.plaintext!, { key: { jwk: EC.pub } })).verdict, 'verified');
    const ins = await inspectToken(theirs.token!, { key: { jwks: { keys: [RSA.priv, EC.pub] } } });
    assert.equal(ins.verdict, 'verified', ins.detail);
    assert.equal((ins.nested?.payload as { sub?: string } | undefined)?.sub, 'nested');
  });

  it('where the peers are more lenient than the RFCs (and we are not)', async () => {
    const rsa1024 = jwkPair('rsa', 1024);
    const [weak, sigKey, declared] = jwcrypto([
      { op: 'encrypt', plaintext: '{}', key: rsa1024.pub, header: { alg: 'RSA-OAEP', enc: 'A256GCM' } },
      { op: 'encrypt', plaintext: '{}', key: { ...RSA.pub, use: 'sig' }, header: { alg: 'RSA-OAEP-256', enc: 'A256GCM' } },
      { op: 'encrypt', plaintext: '{}', key: { ...RSA.pub, alg: 'RSA-OAEP' }, header: { alg: 'RSA-OAEP-256', enc: 'A256GCM' } },
    ]).results;
    // RFC 7518 §4.3: "A key of size 2048 bits or larger MUST be used with these algorithms." jwcrypto encrypts anyway.
    assert.ok(weak.token, 'jwcrypto encrypts RSA-OAEP to a 1024-bit key');
    await assert.rejects(encryptToken({}, { jwk: rsa1024.pub }), /RSA key|2048/);
    // RFC 7517 §4.2: a key with "use": "sig" is for signatures. jwcrypto refuses; jose encrypts to it; we refuse.
    assert.match(sigKey.error ?? '', /Invalid usage/);
    await new CompactEncrypt(Buffer.from('{}')).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }).encrypt(await importJWK({ ...RSA.pub, use: 'sig' }, 'RSA-OAEP-256'));
    await assert.rejects(encryptToken({}, { jwk: { ...RSA.pub, use: 'sig' } }), /"use": "sig"/);
    // RFC 7517 §4.4: "alg" is the algorithm intended for the key. jwcrypto and jose both use it with another one.
    assert.ok(declared.token, 'jwcrypto encrypts RSA-OAEP-256 to a key declared for RSA-OAEP');
    await new CompactEncrypt(Buffer.from('{}')).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }).encrypt(await importJWK({ ...RSA.pub, alg: 'RSA-OAEP' }, 'RSA-OAEP-256'));
    await assert.rejects(encryptToken({}, { jwk: { ...RSA.pub, alg: 'RSA-OAEP' } }, { alg: 'RSA-OAEP-256' }), /declared for "alg": "RSA-OAEP"/);
  });
});
