import * as assert from 'node:assert/strict';
import { DEFAULT_VERIFY_OPTIONS, isFromWebview, isPersistedState, isToWebview } from '../../src/protocol';

describe('protocol', () => {
  const view = { origin: 'selection', keySources: [{ id: 'none', label: 'No key' }], selectedKeySource: 'none', options: DEFAULT_VERIFY_OPTIONS, canReplace: false };

  it('accepts well-formed messages both ways', () => {
    assert.ok(isToWebview({ type: 'view', view }));
    assert.ok(isToWebview({ type: 'notice', level: 'info', text: 'Copied.' }));
    assert.ok(isToWebview({ type: 'notice', level: 'info', text: 'Token kopiert.', copied: true }));
    assert.ok(isToWebview({ type: 'revealed', keySource: 'env:0:JWT_SECRET', text: 's' }));
    assert.ok(isToWebview({ type: 'view', view: { ...view, keyDescription: 'HMAC secret (32 bytes)', keyIsSecret: true } }));
    for (const m of [
      { type: 'ready' },
      { type: 'inspect', token: 'a.b.c', keySource: 'none', options: DEFAULT_VERIFY_OPTIONS },
      { type: 'sign', header: '{}', payload: '{}', alg: 'ES256', keySource: 'env:0:JWT_SECRET' },
      { type: 'copy', what: 'bearer' },
      { type: 'insert', mode: 'replace' },
      { type: 'addKeySource', kind: 'secret' },
      { type: 'addKeySource', kind: 'jwks' },
      { type: 'reveal', keySource: 'env:0:JWT_SECRET' },
      { type: 'pasteClipboard' },
      { type: 'encrypt' },
      { type: 'useKey', handle: '3f2b8c1e-6d0a-4e1b-9c55-2f7a1d9e0b44' },
    ]) assert.ok(isFromWebview(m), JSON.stringify(m));
  });

  const bad: [string, unknown][] = [
    ['not an object', 'ready'],
    ['an unknown type', { type: 'eval', code: 'x' }],
    ['a sign with alg none', { type: 'sign', header: '{}', payload: '{}', alg: 'none', keySource: 'x' }],
    ['a copy of something else', { type: 'copy', what: 'secret' }],
    ['a reveal without a source', { type: 'reveal' }],
    ['a useKey naming a key source instead of the handle its answer carried', { type: 'useKey', keySource: 'env:0:STRIPE_SECRET_KEY@.env.production' }],
    ['a useKey with an oversized handle', { type: 'useKey', handle: 'h'.repeat(65) }],
    ['an unknown key source kind', { type: 'addKeySource', kind: 'url' }],
    ['an inspect with a bad clock', { type: 'inspect', token: 't', keySource: 'x', options: { ...DEFAULT_VERIFY_OPTIONS, at: 'yesterday-ish' } }],
    ['an inspect with a negative leeway', { type: 'inspect', token: 't', keySource: 'x', options: { ...DEFAULT_VERIFY_OPTIONS, leeway: -1 } }],
    ['a 5 MB token', { type: 'inspect', token: 'a'.repeat(5 * 1024 * 1024), keySource: 'x', options: DEFAULT_VERIFY_OPTIONS }],
  ];
  for (const [name, m] of bad) it(`refuses from the webview: ${name}`, () => assert.equal(isFromWebview(m), false));

  it('refuses malformed views', () => {
    assert.equal(isToWebview({ type: 'view', view: { ...view, keySources: [{ id: 1 }] } }), false);
    assert.equal(isToWebview({ type: 'view', view: { ...view, inspection: { verdict: 1 } } }), false);
    assert.equal(isToWebview({ type: 'notice', level: 'warn', text: 'x' }), false);
    assert.equal(isToWebview({ type: 'notice', level: 'info', text: 'x', copied: 'yes' }), false);
    assert.equal(isToWebview({ type: 'revealed', keySource: 'x' }), false);
    assert.equal(isToWebview({ type: 'view', view: { ...view, keyIsSecret: 'yes' } }), false);
  });

  it('persisted state holds a token, options and a key source id — nothing else is accepted', () => {
    assert.ok(isPersistedState({ token: 'a.b.c', options: DEFAULT_VERIFY_OPTIONS, keySource: 'env:0:JWT_SECRET' }));
    assert.equal(isPersistedState({ token: 5 }), false);
  });
});
