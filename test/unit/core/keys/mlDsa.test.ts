// Issue 12: ML-DSA (RFC 9964) where the runtime has it, a clear sentence where it does not. This suite runs on Node
// 20, which has no ML-DSA: it checks the refusal and the key reading; the integration suite (VS Code's Node 24
// extension host) signs and verifies ML-DSA for real.
import * as assert from 'node:assert/strict';
import { describeKey, inspectToken, isCoreError, signToken } from '../../../../src/core';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const hasMlDsa = () => crypto.subtle.generateKey({ name: 'ML-DSA-44' } as AlgorithmIdentifier, false, ['sign', 'verify']).then(() => true, () => false);

describe('core: ML-DSA (RFC 9964)', () => {
  const pub = { kty: 'AKP', alg: 'ML-DSA-44', pub: 'A'.repeat(1750) };
  it('reads AKP JWKs: the algorithm is the one the key names, and its description says so', () => {
    assert.deepEqual(describeKey({ jwk: pub }).map((k) => [k.family, k.algorithms, k.description]), [['AKP', ['ML-DSA-44'], 'ML-DSA-44 public JWK']]);
    assert.equal(describeKey({ jwk: { ...pub, priv: 'B'.repeat(43) } })[0].isPrivate, true);
    assert.throws(() => describeKey({ jwk: { kty: 'AKP', pub: 'x' } }), /must name its algorithm in "alg"/);
    assert.throws(() => describeKey({ jwk: { kty: 'AKP', alg: 'ML-DSA-44' } }), /no base64url "pub"/);
  });

  it('where the runtime has none, a token is decoded and "not verified" with the reason — never a crash — and signing says so', async function () {
    if (await hasMlDsa()) this.skip();
    const token = `${b64({ alg: 'ML-DSA-65', typ: 'JWT' })}.${b64({ sub: 'pq' })}.${Buffer.alloc(3309).toString('base64url')}`;
    const ins = await inspectToken(token, { key: { jwk: { ...pub, alg: 'ML-DSA-65' } } });
    assert.equal(ins.verdict, 'unverified');
    assert.match(ins.detail!, /This VS Code's runtime has no ML-DSA-65: its Web Crypto does not offer ML-DSA \(Node\.js 24\.7 and later do\)/);
    assert.deepEqual(ins.payload, { sub: 'pq' });
    await assert.rejects(signToken({ sub: 'x' }, { jwk: { ...pub, priv: 'B'.repeat(43) } }), (e: unknown) => isCoreError(e, 'ERR_ALG_UNSUPPORTED') && /has no ML-DSA-44/.test((e as Error).message));
  });

  it('an HS or RS key never verifies an ML-DSA token (the algorithm comes from the key)', async () => {
    const token = `${b64({ alg: 'ML-DSA-44' })}.${b64({ sub: 'pq' })}.${Buffer.alloc(10).toString('base64url')}`;
    const ins = await inspectToken(token, { key: 'x'.repeat(40) });
    assert.equal(ins.verdict, 'unverified');
    assert.match(ins.detail!, /verifies only HS256, HS384, HS512/);
  });
});
