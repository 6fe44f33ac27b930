import * as assert from 'node:assert/strict';
import type { Verdict } from '../../../src/core';
import type { KeySourceKind } from '../../../src/protocol';
import { bannerLook, fixKinds } from '../../../src/webview/banner';

const KINDS: KeySourceKind[] = ['file', 'secret', 'jwks', 'issuer', 'anchors'];

describe('webview/banner: the verdict\'s look and the fixes offered', () => {
  it('only "verified" is green; a proof of possession is never green; "not verified" warns', () => {
    const verdicts: Verdict[] = ['verified', 'possession', 'invalid-signature', 'expired', 'not-yet-valid', 'claim-mismatch', 'unsigned', 'unverified', 'unsupported', 'malformed'];
    const looks = Object.fromEntries(verdicts.map((v) => [v, bannerLook({ kind: 'jws', verdict: v }).cls]));
    assert.deepEqual(looks, { verified: 'ok', possession: 'info', 'invalid-signature': 'bad', expired: 'bad', 'not-yet-valid': 'bad', 'claim-mismatch': 'bad', unsigned: 'bad', unverified: 'warn', unsupported: 'bad', malformed: 'bad' });
    assert.equal(bannerLook({ kind: 'jws', verdict: 'unsigned' }).title, 'Unsigned (alg: none)');
  });
  it('a JWE has its own icon and title, coloured by its verdict; a malformed one is just malformed', () => {
    assert.deepEqual(bannerLook({ kind: 'jwe', verdict: 'verified' }), { cls: 'ok', icon: '▣', title: 'Encrypted (JWE)' });
    assert.equal(bannerLook({ kind: 'jwe', verdict: 'unverified' }).cls, 'warn');
    assert.equal(bannerLook({ kind: 'jwe', verdict: 'expired' }).cls, 'bad');
    assert.equal(bannerLook({ kind: 'jwe', verdict: 'malformed' }).title, 'Malformed');
  });
  it('an HS token is offered a secret, never an issuer\'s keys; others the reverse; trust anchors only with x5c', () => {
    assert.deepEqual(KINDS.filter(fixKinds({ alg: 'HS256' })), ['file', 'secret', 'jwks']);
    assert.deepEqual(KINDS.filter(fixKinds({ alg: 'ES256' })), ['file', 'jwks', 'issuer']);
    assert.deepEqual(KINDS.filter(fixKinds({ alg: 'RS256', x5c: ['MII…'] })), ['file', 'jwks', 'issuer', 'anchors']);
    assert.deepEqual(KINDS.filter(fixKinds(undefined)), ['file', 'jwks', 'issuer']);
  });
});
