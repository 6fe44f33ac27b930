import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { compactDecrypt, decodeProtectedHeader, importPKCS8 } from 'jose';
import { CONTENT_ENCRYPTION_ALGS, defaultPair, encryptionChoices, encryptToken, inspectToken, isCoreError, KEY_MANAGEMENT_ALGS, recipientsOf, signToken, type ContentEncryptionAlg, type KeyManagementAlg } from '../../../../src/core';
import { CEK_BYTES } from '../../../../src/core/token/encryptAlgorithms';
import { resolveKeys } from '../../../../src/core/keys/resolve';

const NOW = new Date('2026-01-01T00:00:00Z');

/** A key pair in the forms users have it: PKCS#8 and SPKI PEM, and JWKs. */
function pair(kind: 'rsa' | 'ec' | 'x25519', curve = 'P-256') {
  const { privateKey, publicKey } =
    kind === 'rsa' ? crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
    : kind === 'ec' ? crypto.generateKeyPairSync('ec', { namedCurve: curve })
    : crypto.generateKeyPairSync('x25519');
  return {
    pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    spki: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    privJwk: privateKey.export({ format: 'jwk' }),
    pubJwk: publicKey.export({ format: 'jwk' }),
  };
}

const RSA = pair('rsa');
const EC = pair('ec');
const X25519 = pair('x25519');
const secretOf = (bytes: number) => ({ jwk: { kty: 'oct', k: crypto.randomBytes(bytes).toString('base64url') } });

/** Every pair the issue names, with a recipient (public) and the key that decrypts it (private or the same secret). */
function cases(): { alg: KeyManagementAlg; enc: ContentEncryptionAlg; to: object | string; decrypt: object | string }[] {
  const out: ReturnType<typeof cases> = [];
  for (const alg of KEY_MANAGEMENT_ALGS) {
    for (const enc of CONTENT_ENCRYPTION_ALGS) {
      if (alg.startsWith('RSA')) out.push({ alg, enc, to: RSA.spki, decrypt: RSA.pkcs8 });
      else if (alg.startsWith('ECDH')) out.push({ alg, enc, to: { jwk: EC.pubJwk }, decrypt: EC.pkcs8 });
      else {
        const bytes = alg === 'dir' ? CEK_BYTES[enc] : Number(/\d+/.exec(alg)![0]) / 8;
        const s = secretOf(bytes);
        out.push({ alg, enc, to: s, decrypt: s });
      }
    }
  }
  return out;
}

function header(token: string): Record<string, unknown> {
  return decodeProtectedHeader(token) as Record<string, unknown>;
}

async function refused(p: Promise<unknown>, code: string, words: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isCoreError(e), String(e));
    assert.equal(e.code, code, e.message);
    assert.match(e.message, words);
    return true;
  });
}

describe('core/encrypt encryptToken', () => {
  const table = cases();
  it(`the table covers every pair the issue names (${table.length}: 12 key managements × 6 content encryptions, and dir with each)`, () => {
    assert.equal(table.length, 13 * 6);
    assert.ok(!KEY_MANAGEMENT_ALGS.includes('RSA1_5' as never));
  });

  for (const c of table) {
    it(`${c.alg} / ${c.enc}: encrypts a claims set; jose and the inspector decrypt it`, async () => {
      const token = await encryptToken({ sub: 'alice' }, c.to as never, { alg: c.alg, enc: c.enc, claims: { now: NOW, issuer: 'app' } });
      assert.equal(token.split('.').length, 5);
      assert.deepEqual({ alg: header(token).alg, enc: header(token).enc, typ: header(token).typ }, { alg: c.alg, enc: c.enc, typ: 'JWT' });
      const jwe = c.alg.startsWith('RSA') || c.alg.startsWith('ECDH') ? await importPKCS8(c.decrypt as string, c.alg) : Buffer.from((c.decrypt as { jwk: { k: string } }).jwk.k, 'base64url');
      const { plaintext } = await compactDecrypt(token, jwe);
      assert.deepEqual(JSON.parse(Buffer.from(plaintext).toString()), { sub: 'alice', iat: NOW.getTime() / 1000, exp: NOW.getTime() / 1000 + 86400, iss: 'app' });
      const ins = await inspectToken(token, { key: c.decrypt as never, now: NOW });
      assert.equal((ins.payload as { sub?: string } | undefined)?.sub, 'alice', ins.detail);
      // A secret authenticates; a public key anyone may encrypt to does not.
      assert.equal(ins.verdict, c.alg.startsWith('RSA') || c.alg.startsWith('ECDH') ? 'unverified' : 'verified', ins.detail);
    });
  }

  it('defaults: ECDH-ES+A256KW / A256GCM for EC (P-256, P-384, P-521, X25519), RSA-OAEP-256 / A256GCM for RSA, dir / A256GCM for a 32-byte secret', async () => {
    const expect = async (to: object | string, alg: string, enc: string) => {
      const h = header(await encryptToken({ a: 1 }, to as never));
      assert.deepEqual([h.alg, h.enc], [alg, enc], JSON.stringify(to).slice(0, 40));
    };
    await expect(EC.spki, 'ECDH-ES+A256KW', 'A256GCM');
    await expect(pair('ec', 'P-384').spki, 'ECDH-ES+A256KW', 'A256GCM');
    await expect({ jwk: pair('ec', 'P-521').pubJwk }, 'ECDH-ES+A256KW', 'A256GCM');
    await expect(X25519.spki, 'ECDH-ES+A256KW', 'A256GCM');
    await expect(RSA.spki, 'RSA-OAEP-256', 'A256GCM');
    await expect(secretOf(32), 'dir', 'A256GCM');
    await expect(crypto.randomBytes(16).toString('hex'), 'dir', 'A256GCM'); // 32 characters of text: 32 bytes
    // Any other secret: dir with the content encryption whose key is as long (token_hex(32) is 64 bytes of text).
    await expect(crypto.randomBytes(32).toString('hex'), 'dir', 'A256CBC-HS512');
    await expect(secretOf(16), 'dir', 'A128GCM');
    await expect(secretOf(48), 'dir', 'A192CBC-HS384');
  });

  it('a private key given as the recipient is encrypted to its public half (PKCS#8, SEC1-less JWK, X25519), and decrypts with it', async () => {
    for (const [to, decrypt] of [[RSA.pkcs8, RSA.pkcs8], [{ jwk: EC.privJwk }, EC.pkcs8], [X25519.pkcs8, X25519.pkcs8]] as const) {
      const token = await encryptToken({ sub: 'bob' }, to as never);
      assert.doesNotMatch(Buffer.from(token.split('.')[0], 'base64url').toString(), /"d"/, 'no private member in the header');
      const ins = await inspectToken(token, { key: decrypt as never });
      assert.equal((ins.payload as { sub?: string } | undefined)?.sub, 'bob', ins.detail);
    }
  });

  it('sign-then-encrypt: a signed token nests with cty "JWT"; the inspector decrypts it and verifies the inner signature', async () => {
    const inner = await signToken({ sub: 'carol' }, EC.pkcs8, { now: NOW });
    const token = await encryptToken(inner, EC.spki);
    assert.deepEqual({ ...header(token), epk: undefined }, { alg: 'ECDH-ES+A256KW', enc: 'A256GCM', cty: 'JWT', epk: undefined });
    const ins = await inspectToken(token, { key: EC.pkcs8, now: NOW });
    assert.equal(ins.verdict, 'verified', ins.detail);
    assert.equal(ins.nested?.verdict, 'verified');
    assert.equal((ins.nested?.payload as { sub?: string } | undefined)?.sub, 'carol');
    // Signed with another key: decrypted, but the inner signature does not verify.
    const forged = await encryptToken(await signToken({ sub: 'carol' }, pair('ec').pkcs8, { now: NOW }), EC.spki);
    assert.equal((await inspectToken(forged, { key: EC.pkcs8, now: NOW })).verdict, 'invalid-signature');
  });

  it('refuses an unsigned token, text that is no token, and a payload that is not an object', async () => {
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"a":1}').toString('base64url')}.`;
    await refused(encryptToken(none, EC.spki), 'ERR_KEY_ALG_MISMATCH', /unsigned.*Sign it first/);
    await refused(encryptToken('not.a token', EC.spki), 'ERR_PAYLOAD_NOT_OBJECT', /compact JWS or JWE/);
    await refused(encryptToken([1] as never, EC.spki), 'ERR_PAYLOAD_NOT_OBJECT', /JSON object/);
  });

  it('a key declared for signatures ("use": "sig", key_ops ["verify"], alg RS256) is not encrypted to, and says why', async () => {
    await refused(encryptToken({ a: 1 }, { jwk: { ...RSA.pubJwk, use: 'sig' } }), 'ERR_KEY_ALG_MISMATCH', /"use": "sig".*declared for signatures.*RFC 7517 §4.2/);
    await refused(encryptToken({ a: 1 }, { jwk: { ...RSA.pubJwk, key_ops: ['verify'] } }), 'ERR_KEY_ALG_MISMATCH', /"key_ops" "verify", none of them for encryption/);
    await refused(encryptToken({ a: 1 }, { jwk: { ...RSA.pubJwk, alg: 'RS256' } }), 'ERR_KEY_ALG_MISMATCH', /declared for "alg": "RS256", which is not a JWE key management algorithm/);
    await refused(encryptToken({ a: 1 }, { jwk: { ...RSA.pubJwk, alg: 'RSA1_5' } }), 'ERR_KEY_ALG_MISMATCH', /padding-oracle/);
    await refused(encryptToken({ a: 1 }, pair('ec').spki.replace(/[\s\S]*/, crypto.generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string)), 'ERR_KEY_ALG_MISMATCH', /signs only.*X25519/);
  });

  it("the key's declared alg is honoured: it is the default, and another is refused; with dir a declared enc", async () => {
    const oaep = { jwk: { ...RSA.pubJwk, alg: 'RSA-OAEP', use: 'enc' } };
    assert.equal(header(await encryptToken({ a: 1 }, oaep)).alg, 'RSA-OAEP');
    await refused(encryptToken({ a: 1 }, oaep, { alg: 'RSA-OAEP-256' }), 'ERR_KEY_ALG_MISMATCH', /declared for "alg": "RSA-OAEP", not RSA-OAEP-256/);
    const cbc = { jwk: { ...secretOf(32).jwk, alg: 'A128CBC-HS256' } };
    assert.deepEqual([header(await encryptToken({ a: 1 }, cbc)).alg, header(await encryptToken({ a: 1 }, cbc)).enc], ['dir', 'A128CBC-HS256']);
    await refused(encryptToken({ a: 1 }, cbc, { alg: 'dir', enc: 'A256GCM' }), 'ERR_KEY_ALG_MISMATCH', /declared for "alg": "A128CBC-HS256"/);
  });

  it('RSA1_5 is never used, and pairs that do not fit the key say why (dir needs the key length to match enc)', async () => {
    await refused(encryptToken({ a: 1 }, RSA.spki, { alg: 'RSA1_5' as never }), 'ERR_ALG_UNSUPPORTED', /padding-oracle attacks \(RFC 8725 §3.2\)/);
    await refused(encryptToken({ a: 1 }, RSA.spki, { alg: 'ECDH-ES' }), 'ERR_KEY_ALG_MISMATCH', /ECDH-ES does not fit an RSA public key/);
    await refused(encryptToken({ a: 1 }, EC.spki, { alg: 'ECDH-ES', enc: 'A512GCM' as never }), 'ERR_ALG_UNSUPPORTED', /"A512GCM" is not a content encryption/);
    await refused(encryptToken({ a: 1 }, secretOf(32), { alg: 'dir', enc: 'A256CBC-HS512' }), 'ERR_KEY_ALG_MISMATCH', /content key itself.*A256CBC-HS512's key \(64 bytes\); this secret is 32 bytes, which fits A256GCM or A128CBC-HS256/);
    await refused(encryptToken({ a: 1 }, secretOf(32), { alg: 'A128KW' }), 'ERR_KEY_ALG_MISMATCH', /128-bit AES key, so the secret must be exactly 16 bytes; this secret is 32 bytes/);
    await refused(encryptToken({ a: 1 }, 'short secret'), 'ERR_KEY_ALG_MISMATCH', /12-byte secret.*16, 24, 32, 48 or 64 bytes/);
  });

  it('a JWKS: the member named by kid, else its "use": "enc" member; a sig member or a missing kid says why', async () => {
    const other = pair('ec');
    const jwks = { jwks: { keys: [{ ...RSA.pubJwk, kid: 'sig1', use: 'sig' }, { ...EC.pubJwk, kid: 'enc1', use: 'enc' }, { ...other.pubJwk, kid: 'enc2' }] } };
    assert.deepEqual(recipientsOf(jwks).map((r) => [r.kid, !!r.refusal]), [['sig1', true], ['enc1', false], ['enc2', false]]);
    const first = await encryptToken({ a: 1 }, jwks);
    assert.equal(header(first).kid, 'enc1');
    assert.equal(((await inspectToken(first, { key: EC.pkcs8 })).payload as { a?: number } | undefined)?.a, 1);
    const second = await encryptToken({ a: 2 }, jwks, { kid: 'enc2' });
    assert.equal(header(second).kid, 'enc2');
    assert.equal(((await inspectToken(second, { key: other.pkcs8 })).payload as { a?: number } | undefined)?.a, 2);
    await refused(encryptToken({ a: 1 }, jwks, { kid: 'sig1' }), 'ERR_KEY_ALG_MISMATCH', /"use": "sig"/);
    await refused(encryptToken({ a: 1 }, jwks, { kid: 'nope' }), 'ERR_KEY_FORMAT', /No key has kid "nope"; the keys given have kid "sig1", kid "enc1", kid "enc2"/);
  });

  it('the choices for a key: the default first, 192-bit AES marked unavailable (with the reason) where the runtime lacks it', () => {
    const [ec] = resolveKeys(EC.spki);
    const choices = encryptionChoices(ec, false);
    assert.deepEqual(choices[0], { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' });
    assert.equal(choices.length, 4 * 6);
    const no192 = choices.filter((c) => c.why);
    assert.equal(no192.length, 4 * 6 - 3 * 4, 'ECDH-ES+A192KW with all six, and A192GCM / A192CBC-HS384 with the other three');
    assert.match(no192[0].why!, /192-bit AES.*VS Code for the Web/);
    assert.equal(encryptionChoices(ec, true).filter((c) => c.why).length, 0);
    assert.deepEqual(defaultPair(resolveKeys(secretOf(64))[0]), { alg: 'dir', enc: 'A256CBC-HS512' });
    assert.deepEqual(encryptionChoices(resolveKeys(secretOf(24))[0]).map((c) => `${c.alg} ${c.enc}`), ['dir A192GCM', ...['A256GCM', 'A128GCM', 'A192GCM', 'A256CBC-HS512', 'A192CBC-HS384', 'A128CBC-HS256'].flatMap((e) => [`A192KW ${e}`]), ...['A256GCM', 'A128GCM', 'A192GCM', 'A256CBC-HS512', 'A192CBC-HS384', 'A128CBC-HS256'].map((e) => `A192GCMKW ${e}`)]);
  });
});
