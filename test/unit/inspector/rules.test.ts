// The inspector's rules that need no editor: what an inspection is asked, what Copy and Insert may act on, how the
// Which-key answer is shown (labels and one-time handles, never a source id), and what an edit in the panel changes.
import * as assert from 'node:assert/strict';
import { inspectToken, KeyCache, signToken } from '../../../src/core';
import type { State } from '../../../src/inspector/state';
import type { KeySearchState } from '../../../src/inspector/keyActions';
import { copyText, inspectChange, inspectOptions, keySearchView, tokenOnDisplay } from '../../../src/inspector/rules';
import { DEFAULT_VERIFY_OPTIONS, type InspectorView } from '../../../src/protocol';

const SECRET = 'a'.repeat(64);
const viewOf = async (text: string): Promise<InspectorView> => ({
  inspection: await inspectToken(text, { key: { secret: SECRET, encoding: 'utf8' } }),
  origin: 'pasted',
  keySources: [],
  selectedKeySource: 'none',
  options: DEFAULT_VERIFY_OPTIONS,
  canReplace: false,
});
const state = (over: Partial<State> = {}): State => ({ origin: 'selection', keySource: 'env:0:JWT_SECRET', options: DEFAULT_VERIFY_OPTIONS, signedHere: false, ...over });

describe('inspector rules', () => {
  it('inspectOptions: trimmed issuer (else the key\'s issuer), comma-separated audience, the clock, nonce and client', () => {
    const cache = new KeyCache();
    const o = inspectOptions({ issuer: '  ', audience: ' api , ,web ', leeway: 30, at: '2026-01-02T03:04:05Z', nonce: ' n-1 ', clientId: '' }, 'k', cache, 'https://issuer.example');
    assert.equal(o.issuer, 'https://issuer.example');
    assert.deepEqual(o.audience, ['api', 'web']);
    assert.equal(o.leeway, 30);
    assert.equal(o.now?.toISOString(), '2026-01-02T03:04:05.000Z');
    assert.equal(o.nonce, 'n-1');
    assert.equal(o.clientId, undefined);
    assert.equal(o.cache, cache);
    const mine = inspectOptions({ ...DEFAULT_VERIFY_OPTIONS, issuer: ' https://mine ' }, undefined, cache, 'https://issuer.example');
    assert.equal(mine.issuer, 'https://mine', 'the issuer the user set wins over the key\'s');
    assert.equal(mine.audience, undefined);
    assert.equal(mine.now, undefined);
  });

  it('tokenOnDisplay: only a token-shaped text that parsed; never text the webview "pasted"', async () => {
    const token = await signToken({ sub: 'u' }, SECRET);
    assert.equal(tokenOnDisplay(await viewOf(token))?.token, token);
    assert.equal(tokenOnDisplay(await viewOf('not a token, but anything: rm -rf ~')), undefined);
    assert.equal(tokenOnDisplay(await viewOf(`Bearer ${token}`))?.token, token, 'the cleaned token, without the prefix');
    assert.equal(tokenOnDisplay(undefined), undefined);
  });

  it('copyText: the token, the Authorization line, the decoded header and payload', async () => {
    const token = await signToken({ sub: 'u', n: 1 }, SECRET, { alg: 'HS256' });
    const shown = tokenOnDisplay(await viewOf(token))!;
    assert.equal(copyText('token', shown), token);
    assert.equal(copyText('bearer', shown), `Authorization: Bearer ${token}`);
    assert.equal(JSON.parse(copyText('header', shown)).alg, 'HS256');
    assert.deepEqual(JSON.parse(copyText('payload', shown)), shown.inspection.payload);
  });

  it('keySearchView: labels and handles for the token asked about only; "in use" needs the source and its reading', () => {
    const search: KeySearchState = {
      token: 't1',
      found: [
        { handle: 'h1', id: 'env:0:JWT_SECRET', label: '.env JWT_SECRET' },
        { handle: 'h2', id: 'secret:staging', label: 'SecretStorage: staging', reading: 'base64' },
      ],
      summary: { tried: 2, skipped: 1, ms: 3 },
    };
    assert.equal(keySearchView(search, 't2', 'env:0:JWT_SECRET', undefined), undefined, 'another token: no answer shown');
    assert.equal(keySearchView(undefined, 't1', 'env:0:JWT_SECRET', undefined), undefined);
    const view = keySearchView(search, 't1', 'env:0:JWT_SECRET', 'utf8')!;
    assert.deepEqual(view.matches.map((m) => [m.handle, m.label, m.inUse]), [['h1', '.env JWT_SECRET', true], ['h2', 'SecretStorage: staging', false]]);
    assert.ok(!JSON.stringify(view).includes('secret:staging'), 'no source id in what the webview gets');
    assert.equal(keySearchView(search, 't1', 'secret:staging', 'utf8')!.matches[1].inUse, false, 'read another way: not the key in use');
    assert.equal(keySearchView(search, 't1', 'secret:staging', 'base64')!.matches[1].inUse, true);
    assert.equal(view.tried, 2);
  });

  it('inspectChange: a new token is "pasted" and loses the key choice; signed-here stays only while nothing changes', () => {
    const options = { ...DEFAULT_VERIFY_OPTIONS, leeway: 5 };
    const signed = state({ token: 't', origin: 'signed', signedHere: true, keyChosen: 'it fits' });
    const same = inspectChange({ type: 'inspect', token: 't', keySource: signed.keySource, options }, signed, signed.keySource);
    assert.deepEqual([same.origin, same.signedHere, same.keyChosen, same.options], ['signed', true, 'it fits', options]);
    const otherKey = inspectChange({ type: 'inspect', token: 't', keySource: 'none', options }, signed, 'none');
    assert.deepEqual([otherKey.signedHere, otherKey.keyChosen, otherKey.keySource], [false, undefined, 'none']);
    const typed = inspectChange({ type: 'inspect', token: 't', keySource: signed.keySource, options, secret: { text: 's', encoding: 'utf8' } }, signed, signed.keySource);
    assert.deepEqual([typed.signedHere, typed.panelSecret], [false, { text: 's', encoding: 'utf8' }]);
    const pasted = inspectChange({ type: 'inspect', token: 'u', keySource: signed.keySource, options }, signed, signed.keySource);
    assert.deepEqual([pasted.origin, pasted.signedHere, pasted.keyChosen, pasted.panelSecret], ['pasted', false, undefined, undefined]);
  });
});
