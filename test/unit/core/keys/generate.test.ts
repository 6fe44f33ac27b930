import * as assert from 'node:assert/strict';
import { generateKeyPair, generateSecret, inspectToken, signToken, type AsymmetricAlg } from '../../../../src/core';

describe('core/secrets', () => {
  it('generateSecret gives 64 hex characters by default (secrets.token_hex(32))', () => {
    assert.match(generateSecret(), /^[0-9a-f]{64}$/);
  });

  it('generateSecret never repeats and uses every hex digit', () => {
    const seen = new Set(Array.from({ length: 200 }, () => generateSecret()));
    assert.equal(seen.size, 200);
    const digits = new Set([...seen].join(''));
    assert.equal(digits.size, 16);
  });

  it('generateSecret honours size and base64url encoding', () => {
    assert.match(generateSecret({ bytes: 64 }), /^[0-9a-f]{128}$/);
    assert.match(generateSecret({ encoding: 'base64url' }), /^[A-Za-z0-9_-]{43}$/);
  });

  for (const bytes of [0, 16, 31, 1.5, 2000]) {
    it(`generateSecret refuses ${bytes} bytes`, () => assert.throws(() => generateSecret({ bytes }), RangeError));
  }

  const algs: AsymmetricAlg[] = ['RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA'];
  for (const alg of algs) {
    it(`generateKeyPair(${alg}) gives PEM and JWK that sign and verify`, async () => {
      const kp = await generateKeyPair(alg);
      assert.match(kp.privatePem, /^-----BEGIN PRIVATE KEY-----\n/);
      assert.match(kp.publicPem, /^-----BEGIN PUBLIC KEY-----\n/);
      assert.equal((kp.publicJwk as { alg: string }).alg, alg);
      assert.equal((kp.publicJwk as { d?: string }).d, undefined, 'public JWK has no private part');
      const token = await signToken({ sub: 'x' }, kp.privatePem, { alg });
      assert.equal((await inspectToken(token, { key: kp.publicPem })).verdict, 'verified');
      const token2 = await signToken({ sub: 'x' }, { jwk: kp.privateJwk }, { alg });
      assert.equal((await inspectToken(token2, { key: { jwk: kp.publicJwk } })).verdict, 'verified');
      if (alg.startsWith('RS') || alg.startsWith('PS')) {
        const n = (kp.publicJwk as { n: string }).n;
        assert.ok(n.length * 6 >= 2048, 'RSA keys are at least 2048 bits');
      }
    });
  }
});
