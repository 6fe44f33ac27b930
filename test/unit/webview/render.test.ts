import * as assert from 'node:assert/strict';
import type { Inspection } from '../../../src/core';
import { actionStates } from '../../../src/webview/render';

const ins = (i: Partial<Inspection>) => ({ kind: 'jws', verdict: 'verified', message: '', warnings: [], claims: [], token: 'a.b.c', parts: ['a', 'b', 'c'], header: { alg: 'HS256' }, payloadText: '{}', ...i }) as Inspection;

describe('webview/render actionStates: only a token-shaped text can be copied or inserted', () => {
  it('a token: everything, and Replace only when its editor is still open', () => {
    assert.deepEqual(actionStates({ inspection: ins({}), canReplace: false }), { token: true, header: true, payload: true, replace: false, encrypt: true });
    assert.equal(actionStates({ inspection: ins({}), canReplace: true }).replace, true);
  });
  it('no token: nothing', () => {
    assert.deepEqual(actionStates({ inspection: undefined, canReplace: true }), { token: false, header: false, payload: false, replace: false, encrypt: false });
  });
  it('a malformed text of three or five parts is still a token to copy; of four, it is not', () => {
    assert.equal(actionStates({ inspection: ins({ kind: 'malformed', parts: ['a', 'b', 'c'] }), canReplace: true }).token, true);
    assert.equal(actionStates({ inspection: ins({ kind: 'malformed', parts: ['a', 'b', 'c', 'd'] }), canReplace: true }).token, false);
    assert.equal(actionStates({ inspection: ins({ kind: 'malformed', parts: undefined }), canReplace: true }).token, false);
  });
  it('only a signed JWS can be encrypted (nested): not a JWE, not an unsigned token, not a malformed text', () => {
    assert.equal(actionStates({ inspection: ins({ kind: 'jwe', parts: ['a', 'b', 'c', 'd', 'e'] }), canReplace: false }).encrypt, false);
    assert.equal(actionStates({ inspection: ins({ verdict: 'unsigned' }), canReplace: false }).encrypt, false);
    assert.equal(actionStates({ inspection: ins({ kind: 'malformed' }), canReplace: false }).encrypt, false);
    assert.equal(actionStates({ inspection: ins({ verdict: 'invalid-signature' }), canReplace: false }).encrypt, true);
  });
  it('a header or payload that could not be decoded cannot be copied', () => {
    assert.deepEqual(actionStates({ inspection: ins({ header: undefined, payloadText: undefined }), canReplace: false }), { token: true, header: false, payload: false, replace: false, encrypt: true });
  });
});
