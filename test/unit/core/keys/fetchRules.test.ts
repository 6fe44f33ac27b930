// The rules every fetch follows (a JWKS URL or an issuer the user gave): which answers are a body, a 404, a failure,
// and where a redirect may lead — hop by hop, as if the user had typed each URL.
import * as assert from 'node:assert/strict';
import { declaredTooLarge, judgeHop, networkFailure, type HopAnswer, type HopContext } from '../../../../src/core/keys/fetchRules';
import { JWKS_MAX_REDIRECTS } from '../../../../src/core';

const issuer = 'https://issuer.example';
const ctx = (from = issuer, ...origins: string[]): HopContext => ({ from, allowed: new Set([new URL(from).origin, ...origins]) });
const answer = (status: number, location: string | null = null, more: Partial<HopAnswer> = {}): HopAnswer => ({ url: `${issuer}/jwks`, status, location, opaqueRedirect: false, hop: 0, ...more });

describe('core/fetchRules', () => {
  describe('answers', () => {
    for (const status of [200, 203, 299]) it(`${status} is a body`, () => assert.deepEqual(judgeHop(answer(status), ctx()), { kind: 'body' }));
    it('404 is an answer (the caller tries the next URL)', () => assert.deepEqual(judgeHop(answer(404), ctx()), { kind: 'notFound' }));
    for (const status of [100, 204 + 96, 304, 401, 403, 410, 500, 503]) {
      it(`${status} without a Location fails with its status`, () => assert.deepEqual(judgeHop(answer(status), ctx()), { kind: 'failed', status }));
    }
    it('a Location on a 2xx or 4xx answer is no redirect', () => {
      assert.deepEqual(judgeHop(answer(200, 'https://elsewhere.example/'), ctx()), { kind: 'body' });
      assert.deepEqual(judgeHop(answer(404, 'https://elsewhere.example/'), ctx()), { kind: 'notFound' });
    });
    it('an opaque redirect (the browser hides where it goes) is refused', () => assert.deepEqual(judgeHop(answer(0, null, { opaqueRedirect: true }), ctx()), { kind: 'opaqueRedirect' }));
  });

  describe('redirects', () => {
    it('a relative Location is resolved against the URL that answered, within the origin agreed to', () => {
      assert.deepEqual(judgeHop(answer(302, '/keys/v2'), ctx()), { kind: 'redirect', url: `${issuer}/keys/v2`, newOrigin: false });
      assert.deepEqual(judgeHop(answer(301, '../x', { url: `${issuer}/a/b/c` }), ctx()), { kind: 'redirect', url: `${issuer}/a/x`, newOrigin: false });
    });
    it('another origin is a redirect to ask about; an origin already agreed to is not', () => {
      assert.deepEqual(judgeHop(answer(307, 'https://cdn.example/keys'), ctx()), { kind: 'redirect', url: 'https://cdn.example/keys', newOrigin: true });
      assert.deepEqual(judgeHop(answer(308, 'https://cdn.example/keys'), ctx(issuer, 'https://cdn.example')), { kind: 'redirect', url: 'https://cdn.example/keys', newOrigin: false });
    });
    it(`stops after ${JWKS_MAX_REDIRECTS} hops`, () => {
      assert.equal(judgeHop(answer(302, '/x', { hop: JWKS_MAX_REDIRECTS - 1 }), ctx()).kind, 'redirect');
      assert.deepEqual(judgeHop(answer(302, '/x', { hop: JWKS_MAX_REDIRECTS }), ctx()), { kind: 'tooManyRedirects', max: JWKS_MAX_REDIRECTS });
    });
    const refused: [string, string, RegExp][] = [
      ['plain http elsewhere', 'http://jwks.example/keys', /Use https:\/\//],
      ['cloud metadata (link-local)', 'http://169.254.169.254/latest/meta-data/', /https|link-local/],
      ['a link-local address over https', 'https://169.254.169.254/latest/meta-data/', /link-local/],
      ['a private network address', 'https://10.0.0.7/keys', /private/],
      ['a private IPv6 (ULA) address', 'https://[fd00::1]/keys', /private/],
      ['this machine, from a public issuer', 'https://127.0.0.1/keys', /this machine|loopback|local/],
      ['credentials in the URL', 'https://user:pw@issuer.example/keys', /credentials/],
    ];
    for (const [what, location, why] of refused) {
      it(`a redirect to ${what} is refused at that hop, naming the target`, () => {
        const got = judgeHop(answer(302, location), ctx());
        assert.equal(got.kind, 'refusedTarget');
        assert.equal((got as { next: string }).next, new URL(location).toString());
        assert.match((got as { reason: string }).reason, why);
      });
    }
    it('an issuer on this machine may lead to this machine, never to a private or link-local address', () => {
      const local = 'http://127.0.0.1:8080';
      assert.deepEqual(judgeHop(answer(302, 'http://localhost:9000/keys', { url: `${local}/jwks` }), ctx(local)), { kind: 'redirect', url: 'http://localhost:9000/keys', newOrigin: true });
      assert.equal(judgeHop(answer(302, 'https://192.168.1.2/keys', { url: `${local}/jwks` }), ctx(local)).kind, 'refusedTarget');
      assert.equal(judgeHop(answer(302, 'http://169.254.169.254/', { url: `${local}/jwks` }), ctx(local)).kind, 'refusedTarget');
    });
  });

  describe('caps and network failures', () => {
    it('a declared length over the cap is refused before reading; none or within is read (and counted)', () => {
      assert.equal(declaredTooLarge('1048577', 1_048_576), true);
      assert.equal(declaredTooLarge('1048576', 1_048_576), false);
      assert.equal(declaredTooLarge(null, 1_048_576), false);
      assert.equal(declaredTooLarge('not a number', 1_048_576), false, 'a bad header is not trusted either way: the stream is counted');
    });
    it('system error codes say what to check', () => {
      assert.equal(networkFailure('ECONNREFUSED'), 'refused');
      assert.equal(networkFailure('ENOTFOUND'), 'noHost');
      assert.equal(networkFailure('EAI_AGAIN'), 'noHost');
      assert.equal(networkFailure('ECONNRESET'), 'reset');
      assert.equal(networkFailure('EPROTO'), undefined);
      assert.equal(networkFailure(undefined), undefined);
    });
  });
});
