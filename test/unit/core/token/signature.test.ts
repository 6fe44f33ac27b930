import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { inspectToken, KeyCache, signToken, type KeyInput, type SigningAlg } from '../../../../src/core';
import { testKey } from '../keyFixtures';
import { CASES, judge } from '../wycheproofCases';
import { cacheWith, VERIFIERS } from '../../verifiers';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const subtle = globalThis.crypto.subtle;

/** Counts the real Web Crypto verify calls (each still runs) while `fn` runs. */
async function countingVerify<T>(fn: (calls: () => number) => Promise<T>): Promise<T> {
  const real = subtle.verify;
  let n = 0;
  subtle.verify = function (this: SubtleCrypto, ...args: Parameters<SubtleCrypto['verify']>) {
    n++;
    return real.apply(this, args);
  } as SubtleCrypto['verify'];
  try {
    return await fn(() => n);
  } finally {
    subtle.verify = real;
  }
}

const pub = (alg: SigningAlg) => (alg.startsWith('HS') ? testKey(alg).publics.text : testKey(alg).publics.spki) as string;
const priv = (alg: SigningAlg) => (alg.startsWith('HS') ? testKey(alg).privates.text : testKey(alg).privates.pkcs8) as string;

describe('core/signature the verified fast path', () => {
  const ALGS: SigningAlg[] = ['HS256', 'HS512', 'RS256', 'PS256', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

  it('with the key in the cache, the Web Crypto job is on the thread pool before the claims are worked through', async () => {
    for (const alg of ALGS) {
      const cache = new KeyCache();
      const token = await signToken({ sub: 'a', iss: 'app' }, priv(alg), { alg });
      assert.equal((await inspectToken(token, { key: pub(alg), cache })).verdict, 'verified', alg);
      await countingVerify(async (calls) => {
        const pending = inspectToken(token, { key: pub(alg), cache });
        assert.equal(calls(), 1, `${alg}: verify started synchronously, so it overlaps the claim work`);
        assert.equal((await pending).verdict, 'verified', alg);
        assert.equal(calls(), 1, `${alg}: one signature job per token`);
      });
    }
  });

  for (const row of VERIFIERS) {
    it(`${row.name}: with the key in the cache, the signature is checked once per token, before the claims are worked through`, async () => {
      for (const alg of ALGS) {
        const { cache, calls } = cacheWith(row);
        const token = await signToken({ sub: 'a', iss: 'app' }, priv(alg), { alg });
        assert.equal((await inspectToken(token, { key: pub(alg), cache })).verdict, 'verified', alg);
        const before = calls();
        const pending = inspectToken(token, { key: pub(alg), cache });
        assert.equal(calls() - before, 1, `${alg}: checked before inspectToken first yields`);
        assert.equal((await pending).verdict, 'verified', alg);
        assert.equal(calls() - before, 1, `${alg}: one check per token`);
      }
    });

    it(`${row.name}: the fast path says the same as jose: a changed payload, signature or header never verifies`, async () => {
      for (const alg of ALGS) {
        const { cache, calls } = cacheWith(row);
        const token = await signToken({ sub: 'a' }, priv(alg), { alg });
        const [h, p, s] = token.split('.');
        await inspectToken(token, { key: pub(alg), cache });
        const other = await signToken({ sub: 'b' }, priv(alg), { alg });
        const forged = [`${h}.${other.split('.')[1]}.${s}`, `${h}.${p}.${other.split('.')[2]}`, `${b64({ ...JSON.parse(Buffer.from(h, 'base64url').toString()), kid: 'x' })}.${p}.${s}`];
        for (const f of forged) {
          const r = await inspectToken(f, { key: pub(alg), cache });
          assert.equal(r.verdict, 'invalid-signature', `${alg}: ${r.detail}`);
        }
        assert.ok(calls() >= 4, `${alg}: the verifier answered (${calls()} checks)`);
      }
    });
  }

  it('a "crit" naming "b64" without "b64" in the header is not verified, cache or not (jose\'s rule, kept)', async () => {
    const secret = priv('HS256');
    const input = `${b64({ alg: 'HS256', crit: ['b64'] })}.${b64({ sub: 'a' })}`;
    const token = `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
    const cache = new KeyCache();
    for (let i = 0; i < 2; i++) assert.notEqual((await inspectToken(token, { key: secret, cache })).verdict, 'verified');
  });

  for (const row of VERIFIERS) {
    it(`${row.name}: every Wycheproof case gets the same answer with its key already in the cache (the fast path) as the suite expects`, async () => {
      const NOW = new Date('2026-01-01T00:00:00Z');
      const { cache, calls, sync } = cacheWith(row, 1024);
      let verifiedFast = 0;
      // As key text (the form the cache keeps, as the extension passes it).
      const asText = (key: KeyInput): KeyInput => (typeof key === 'object' && 'jwk' in key ? JSON.stringify(key.jwk) : typeof key === 'object' && 'jwks' in key ? JSON.stringify(key.jwks) : key);
      for (const c of CASES.filter((k) => !k.skip)) {
        const key = asText(c.key);
        await inspectToken(c.token, { key, now: NOW, cache });
        const before = calls();
        const pending = inspectToken(c.token, { key, now: NOW, cache });
        if (calls() > before && c.expected === 'valid') verifiedFast++;
        const wrong = judge(c, await pending);
        assert.equal(wrong, undefined, `${c.id} with a warm cache: ${wrong}`);
      }
      assert.ok(verifiedFast > 0, 'some valid cases went the direct way');
      if (row.name.startsWith('node:crypto')) assert.equal(sync(), calls(), 'node:crypto answered every check itself (none left to Web Crypto)');
    });
  }
});
