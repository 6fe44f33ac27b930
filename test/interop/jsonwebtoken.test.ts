import * as assert from 'node:assert/strict';
import jwt from 'jsonwebtoken';
import { inspectToken, signToken, SIGNING_ALGS } from '../../src/core';
import { testKey } from '../unit/core/keyFixtures';

// jsonwebtoken (what many Node users would pick instead) supports every algorithm but EdDSA (under either name) and ML-DSA.
const ALGS = SIGNING_ALGS.filter((a) => a !== 'EdDSA' && a !== 'Ed25519' && !a.startsWith('ML-DSA'));

describe('interop with jsonwebtoken', () => {
  for (const alg of ALGS) {
    it(`${alg} both ways`, async () => {
      const k = testKey(alg);
      const priv = (alg.startsWith('HS') ? k.privates.text : k.privates.pkcs8) as string;
      const pub = (alg.startsWith('HS') ? k.publics.text : k.publics.spki) as string;
      const ours = await signToken({ sub: 'here' }, priv, { alg });
      const decoded = jwt.verify(ours, pub, { algorithms: [alg as jwt.Algorithm] }) as jwt.JwtPayload;
      assert.equal(decoded.sub, 'here');
      const theirs = jwt.sign({ sub: 'there' }, priv, { algorithm: alg as jwt.Algorithm, expiresIn: '1h' });
      const ins = await inspectToken(theirs, { key: pub });
      assert.equal(ins.verdict, 'verified', ins.detail);
      assert.equal((ins.payload as { sub: string }).sub, 'there');
    });
  }
});
