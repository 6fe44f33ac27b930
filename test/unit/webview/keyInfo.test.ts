import * as assert from 'node:assert/strict';
import type { InspectorView } from '../../../src/protocol';
import { revealState } from '../../../src/webview/keyInfo';

const view = (v: Partial<InspectorView>): InspectorView => ({ origin: 'pasted', keySources: [], selectedKeySource: 'env:0:JWT_SECRET', options: { issuer: '', audience: '', leeway: 0, at: '' }, canReplace: false, ...v });

describe('webview/keyInfo revealState: what can be revealed, and when a revealed key is hidden again', () => {
  it('a secret source can be revealed; a public key, or no key, cannot', () => {
    assert.equal(revealState(view({ keyDescription: 'JWT_SECRET in .env', keyIsSecret: true }), undefined).secret, true);
    assert.equal(revealState(view({ keyDescription: 'issuer.jwk.json', keyIsSecret: false }), undefined).secret, false);
    assert.equal(revealState(view({ keyIsSecret: true }), undefined).secret, false);
  });
  it('while a secret typed in the panel is in use, nothing is revealed (it is in its own box)', () => {
    assert.deepEqual(revealState(view({ keyDescription: 'typed', keyIsSecret: true, panelSecret: true }), 'env:0:JWT_SECRET'), { secret: false, hide: true });
  });
  it('a revealed key is hidden when another source is chosen, and kept while it stays chosen', () => {
    const secret = view({ keyDescription: 'JWT_SECRET in .env', keyIsSecret: true });
    assert.equal(revealState(secret, 'env:0:JWT_SECRET').hide, false);
    assert.equal(revealState(secret, 'secret:other').hide, true);
    assert.equal(revealState(secret, undefined).hide, false);
  });
});
