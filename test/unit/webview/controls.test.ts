import * as assert from 'node:assert/strict';
import { readOptions } from '../../../src/webview/controls';

const typed = { issuer: '', audience: '', leeway: '0', clock: '', nonce: '', clientId: '' };

describe('webview/controls readOptions: the verification options as typed', () => {
  it('empty boxes are the defaults, and an empty nonce or client is not sent', () => {
    assert.deepEqual(readOptions(typed), { issuer: '', audience: '', leeway: 0, at: '' });
  });
  it('a leeway that is not a non-negative number is 0', () => {
    for (const leeway of ['', '-5', 'abc', 'Infinity']) assert.equal(readOptions({ ...typed, leeway }).leeway, 0, leeway);
    assert.equal(readOptions({ ...typed, leeway: '30' }).leeway, 30);
  });
  it('a clock that is not a time is "now" (empty); a time is sent as ISO', () => {
    assert.equal(readOptions({ ...typed, clock: 'not a time' }).at, '');
    assert.equal(readOptions({ ...typed, clock: '2026-12-05T20:17:11Z' }).at, '2026-12-05T20:17:11.000Z');
  });
  it('issuer, audience, nonce and client are passed as typed', () => {
    assert.deepEqual(readOptions({ ...typed, issuer: 'https://i', audience: 'a, b', nonce: 'n-1', clientId: 'c' }), { issuer: 'https://i', audience: 'a, b', leeway: 0, at: '', nonce: 'n-1', clientId: 'c' });
  });
});
