import * as assert from 'node:assert/strict';
import { inspectToken, KeyCache, signToken } from '../../../src/core';
import { resolveKeys } from '../../../src/core/keys/resolve';
import { testKey } from './keyFixtures';

describe('core/keys KeyCache', () => {
  it('without a cache every call reads the key afresh; with one, the same text gives the same keys', () => {
    const pem = testKey('ES256').publics.spki as string;
    assert.notEqual(resolveKeys(pem)[0], resolveKeys(pem)[0]);
    const cache = new KeyCache();
    assert.equal(resolveKeys(pem, cache)[0], resolveKeys(pem, cache)[0]);
  });

  it('holds at most its size of key texts, dropping the oldest', () => {
    const cache = new KeyCache(2);
    const texts = ['a'.repeat(32), 'b'.repeat(32), 'c'.repeat(32)];
    const first = resolveKeys(texts[0], cache)[0];
    resolveKeys(texts[1], cache);
    resolveKeys(texts[2], cache);
    assert.notEqual(resolveKeys(texts[0], cache)[0], first, 'the oldest was dropped');
    assert.equal(resolveKeys(texts[2], cache)[0], resolveKeys(texts[2], cache)[0]);
  });

  it('gives the same verdicts with and without a cache, and keeps the well-known secrets’ keys in it', async () => {
    const cache = new KeyCache();
    const secret = testKey('HS256').privates.text as string;
    const token = await signToken({ sub: 'c' }, secret, { cache });
    for (const key of [secret, 'wrong-secret-wrong-secret-wrong-secret!']) {
      const a = await inspectToken(token, { key, cache });
      const b = await inspectToken(token, { key });
      assert.equal(a.verdict, b.verdict);
    }
    assert.ok(cache.wellKnown.has('HS256'), 'checked against the well-known secrets when the key did not verify');
    const jwtIo = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    for (const c of [cache, undefined]) assert.ok((await inspectToken(jwtIo, { cache: c })).warnings.some((w) => w.code === 'known-secret'));
  });
});
