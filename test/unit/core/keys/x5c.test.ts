// Issue 13.2: a token's x5c verifies only through a chain to a trust anchor the user chose; each broken chain made
// with openssl fails at the link that is broken, and says which.
import * as assert from 'node:assert/strict';
import { inspectToken, readTrustAnchors, signToken, type Inspection } from '../../../../src/core';
import { makeChains, type Chains } from '../x5cChains';

describe('core/x5c: certificate chains to trust anchors (openssl-made)', function () {
  this.timeout(60000);
  let c: Chains;
  before(() => {
    c = makeChains();
  });
  after(() => c?.cleanup());

  const sign = (keyName: string, x5c: string[], extra: Record<string, unknown> = {}) => signToken({ sub: 'svc', iss: 'https://issuer.example' }, c.pem(`${keyName}.key`), { alg: 'ES256', header: { x5c, ...extra }, lifetime: '30d' });
  const inspect = (token: string, anchors = c.pem('root'), now?: Date): Promise<Inspection> => inspectToken(token, { key: { anchors }, now });

  it('a chain leaf → intermediate → anchor verifies, and says the chain', async () => {
    const ins = await inspect(await sign('leaf', c.x5c('leaf', 'inter')));
    assert.equal(ins.verdict, 'verified', ins.detail);
    assert.deepEqual(ins.chain, { anchor: 'CN=Test Root CA', path: ['CN=api.example.test', 'CN=Test Intermediate CA', 'CN=Test Root CA'] });
    assert.match(ins.detail!, /ES256 with EC P-256 public key.*certificate chain to CN=Test Root CA \(CN=api\.example\.test → CN=Test Intermediate CA → CN=Test Root CA\)/);
  });

  it('the root in x5c as well changes nothing; x5t#S256 of the leaf is checked', async () => {
    assert.equal((await inspect(await sign('leaf', c.x5c('leaf', 'inter', 'root'), { 'x5t#S256': c.x5tS256('leaf') }))).verdict, 'verified');
    const wrong = await inspect(await sign('leaf', c.x5c('leaf', 'inter'), { 'x5t#S256': c.x5tS256('inter') }));
    assert.equal(wrong.verdict, 'invalid-signature');
    assert.match(wrong.detail!, /x5t#S256" is not the SHA-256 thumbprint of the leaf/);
  });

  it('a bundle of anchors: the one that issued the chain is named', async () => {
    const ins = await inspect(await sign('leaf', c.x5c('leaf', 'inter')), c.pem('otherRoot') + c.pem('root'));
    assert.equal(ins.verdict, 'verified');
    assert.equal(ins.chain?.anchor, 'CN=Test Root CA');
  });

  const cases: { name: string; make: () => Promise<string>; anchors?: () => string; now?: Date; why: RegExp }[] = [
    { name: 'expired leaf', make: () => sign('leafShort', c.x5c('leafShort', 'inter')), now: new Date(Date.now() + 2 * 86400_000), why: /the leaf certificate CN=short-lived\.example\.test expired on \d{4}-\d\d-\d\d/ },
    { name: 'expired intermediate', make: () => sign('leafUnderShort', c.x5c('leafUnderShort', 'interShort')), now: new Date(Date.now() + 2 * 86400_000), why: /the intermediate CN=Short Intermediate CA expired on/ },
    { name: 'wrong anchor (chain without its root)', make: () => sign('leaf', c.x5c('leaf', 'inter')), anchors: () => c.pem('otherRoot'), why: /no path to a trust anchor: neither x5c nor the trust anchors hold the issuer of CN=Test Intermediate CA, CN=Test Root CA/ },
    { name: 'wrong anchor (chain with its root)', make: () => sign('leaf', c.x5c('leaf', 'inter', 'root')), anchors: () => c.pem('otherRoot'), why: /no path to a trust anchor: the chain ends at CN=Test Root CA, which is not one of the trust anchors/ },
    { name: 'missing intermediate', make: () => sign('leaf', c.x5c('leaf')), why: /neither x5c nor the trust anchors hold the issuer of CN=api\.example\.test, CN=Test Intermediate CA \(is an intermediate missing from x5c\?\)/ },
    { name: 'leaf not allowed to sign', make: () => sign('leafNoSign', c.x5c('leafNoSign', 'inter')), why: /the leaf certificate CN=no-sign\.example\.test may not sign \(its key usage lacks digitalSignature\)/ },
    { name: 'self-signed leaf', make: () => sign('selfLeaf', c.x5c('selfLeaf')), why: /the leaf certificate CN=self-signed\.example\.test is self-signed and is not issued by a trust anchor/ },
    { name: 'issuer that is not a CA', make: () => sign('leafUnderNotCa', c.x5c('leafUnderNotCa', 'notCa')), why: /the intermediate CN=Not A CA is not a CA \(basic constraints lack cA\)/ },
    { name: 'leaf key that did not sign the token', make: () => sign('leafShort', c.x5c('leaf', 'inter')), why: /certificate chain to CN=Test Root CA holds, but the signature does not match the key/ },
    { name: 'SHA-1-signed leaf', make: () => sign('leafSha1', c.x5c('leafSha1', 'inter')), why: /the leaf certificate CN=sha1\.example\.test is signed with ECDSA with SHA-1; only SHA-256 or stronger is accepted/ },
    { name: 'MD5-signed leaf', make: () => sign('leafMd5', c.x5c('leafMd5')), anchors: () => c.pem('rsaRoot'), why: /the leaf certificate CN=md5\.example\.test is signed with RSA with MD5; only SHA-256 or stronger is accepted/ },
    { name: 'unknown critical extension', make: () => sign('leafCritical', c.x5c('leafCritical', 'inter')), why: /the leaf certificate CN=critical\.example\.test has a critical extension this check does not process \(1\.3\.6\.1\.4\.1\.55555\.1\)/ },
    { name: '512-bit RSA intermediate', make: () => sign('leafUnderWeak', c.x5c('leafUnderWeak', 'weakInter')), why: /the intermediate CN=Weak RSA-512 CA has a key that cannot be trusted: .*modulus is 512 bits/ },
    { name: 'x5c in the wrong alphabet', make: () => sign('leaf', c.x5c('leaf', 'inter').map((x) => x.replace(/\+/g, '-').replace(/\//g, '_') + '-_')), why: /x5c\[\d\] is not base64|not an X\.509 certificate/ },
  ];
  for (const k of cases) {
    it(`${k.name}: not verified, and the failed link is named`, async () => {
      const ins = await inspect(await k.make(), k.anchors?.() ?? c.pem('root'), k.now);
      assert.notEqual(ins.verdict, 'verified');
      assert.equal(ins.verdict, 'invalid-signature');
      assert.match(ins.detail!, k.why);
      assert.equal(ins.chain, undefined);
    });
  }

  it('an extended key usage on the leaf is said with the chain', async () => {
    const ins = await inspect(await sign('leafEku', c.x5c('leafEku', 'inter')));
    assert.equal(ins.verdict, 'verified', ins.detail);
    assert.deepEqual(ins.chain?.extendedKeyUsage, ['serverAuth', 'clientAuth']);
    assert.match(ins.detail!, /the leaf's extended key usage: serverAuth, clientAuth/);
  });

  it('the same expired-leaf token verifies at a clock inside its validity: the inspection clock decides', async () => {
    assert.equal((await inspect(await sign('leafShort', c.x5c('leafShort', 'inter')))).verdict, 'verified');
  });

  it('a token without x5c and trust anchors as the key: not checked, and says why', async () => {
    const t = await signToken({ sub: 'x' }, c.pem('leaf.key'), { alg: 'ES256', lifetime: '1h' });
    const ins = await inspect(t);
    assert.equal(ins.verdict, 'unverified');
    assert.match(ins.detail!, /no "x5c" certificate chain/);
  });

  it('x5c is never trusted by itself: with no key, or with another key, the chain does not verify the token', async () => {
    const t = await sign('leaf', c.x5c('leaf', 'inter', 'root'));
    assert.equal((await inspectToken(t)).verdict, 'unverified');
    assert.equal((await inspectToken(t, { key: c.pem('otherRoot') })).verdict, 'invalid-signature');
  });

  it('an HMAC token with x5c is not verified by the leaf key (the algorithm comes from the key)', async () => {
    const t = await signToken({ sub: 'x' }, 'a'.repeat(32), { alg: 'HS256', header: { x5c: c.x5c('leaf', 'inter') }, lifetime: '1h' });
    const ins = await inspect(t);
    assert.equal(ins.verdict, 'unverified');
    assert.match(ins.detail!, /holds, but the token says HS256/);
  });

  it('readTrustAnchors lists the subjects of a bundle and refuses what holds no certificate', async () => {
    assert.deepEqual((await readTrustAnchors(c.pem('root') + '\n' + c.pem('otherRoot'))).subjects, ['CN=Test Root CA', 'CN=Other Root CA']);
    await assert.rejects(readTrustAnchors(c.pem('leaf.key')), /holds no PEM certificate/);
    await assert.rejects(readTrustAnchors('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), /not an X\.509 certificate/);
  });
});
