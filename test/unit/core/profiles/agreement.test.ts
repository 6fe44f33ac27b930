// The profile's checks and the verdict agree (one source of truth): an ID token's aud against the expected audience,
// an SD-JWT presentation without key binding when the verifier expects one (RFC 9901 §7.3), and a DPoP proof signed
// with EdDSA by an Ed25519 key whose JWK says "Ed25519" (RFC 9864: the same signature).
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { SignJWT } from 'jose';
import { inspectToken, signSdJwt, signToken } from '../../../../src/core';

const SECRET = crypto.randomBytes(32).toString('hex');
const now = () => Math.floor(Date.now() / 1000);
const check = (ins: { checks?: { name: string; status: string; message: string }[] }, name: string) => ins.checks?.find((c) => c.name === name);

describe('core: a profile\'s checks and its verdict agree', () => {
  it('an ID token with the expected audience set: the aud check is that audience\'s, passed or failed as the verdict says', async () => {
    const idToken = await signToken({ iss: 'https://op.example', sub: 'u', aud: 'client-a', nonce: 'n-1' }, SECRET, { lifetime: '1h' });
    const wrong = await inspectToken(idToken, { key: SECRET, audience: 'client-b' });
    assert.equal(wrong.profile, 'id-token');
    assert.equal(wrong.verdict, 'claim-mismatch');
    assert.equal(check(wrong, 'aud')?.status, 'failed', check(wrong, 'aud')?.message);
    assert.match(check(wrong, 'aud')!.message, /client-b/);
    const right = await inspectToken(idToken, { key: SECRET, audience: ['client-x', 'client-a'] });
    assert.equal(right.verdict, 'verified', right.detail);
    assert.equal(check(right, 'aud')?.status, 'passed');
    // Without either, it is not checked (and says how to check it).
    assert.equal(check(await inspectToken(idToken, { key: SECRET }), 'aud')?.status, 'not-checked');
  });

  it('an SD-JWT presentation without a KB-JWT while the verifier gave a nonce or an audience fails key binding (RFC 9901 §7.3)', async () => {
    const token = await signSdJwt({ sub: 'u', email: 'a@example.com' }, SECRET, { disclosable: ['email'] });
    for (const opts of [{ nonce: 'n-1' }, { audience: 'https://verifier.example' }]) {
      const ins = await inspectToken(token, { key: SECRET, ...opts });
      assert.equal(ins.verdict, 'claim-mismatch', JSON.stringify(opts));
      assert.equal(check(ins, 'key binding')?.status, 'failed');
      assert.match(check(ins, 'key binding')!.message, /RFC 9901 §7\.3/);
    }
    const plain = await inspectToken(token, { key: SECRET });
    assert.equal(plain.verdict, 'verified', plain.detail);
    assert.equal(check(plain, 'key binding')?.status, 'not-checked');
  });

  it('a DPoP proof with alg EdDSA whose header jwk says alg Ed25519 holds (RFC 9864: the same signature)', async () => {
    const k = crypto.generateKeyPairSync('ed25519');
    const jwk = { ...k.publicKey.export({ format: 'jwk' }), alg: 'Ed25519' };
    for (const alg of ['EdDSA', 'Ed25519']) {
      const proof = await new SignJWT({ jti: crypto.randomUUID(), htm: 'GET', htu: 'https://a.example/', iat: now() }).setProtectedHeader({ alg, typ: 'dpop+jwt', jwk }).sign(k.privateKey);
      const ins = await inspectToken(proof);
      assert.equal(ins.verdict, 'possession', `${alg}: ${ins.detail}`);
      assert.equal(check(ins, 'proof signature')?.status, 'passed');
    }
    // A key that says another algorithm altogether is refused, and the mismatch is named.
    const other = await new SignJWT({ jti: 'x', htm: 'GET', htu: 'https://a.example/', iat: now() }).setProtectedHeader({ alg: 'EdDSA', typ: 'dpop+jwt', jwk: { ...k.publicKey.export({ format: 'jwk' }), alg: 'ES256' } }).sign(k.privateKey);
    const refused = await inspectToken(other);
    assert.notEqual(refused.verdict, 'possession');
    assert.match(check(refused, 'proof signature')!.message, /"alg" is "ES256"/);
  });
});
