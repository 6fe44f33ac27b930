import * as assert from 'node:assert/strict';
import { inspectToken, signSdJwt, signToken } from '../../../src/core';
import { editorTexts, sdJwtPayloads } from '../../../src/webview/signEditor';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!!';

describe('webview/signEditor: what the edit boxes start from, and an SD-JWT\'s two payloads', () => {
  it('the boxes start from the token as decoded, with its algorithm when it is one we sign', () => {
    assert.deepEqual(editorTexts({ header: { alg: 'ES256', typ: 'JWT' }, payload: { sub: 'a' }, payloadText: '{"sub":"a"}' }), { header: '{\n  "alg": "ES256",\n  "typ": "JWT"\n}', payload: '{\n  "sub": "a"\n}', alg: 'ES256' });
    assert.equal(editorTexts({ header: { alg: 'none' }, payload: {} }).alg, undefined);
    assert.equal(editorTexts({ header: { alg: 'hs256' }, payload: {} }).alg, undefined, 'algorithms are case-sensitive');
  });
  it('a payload that is not claims is its text; one too deep to print is its text too', () => {
    assert.equal(editorTexts({ header: { alg: 'HS256' }, payloadText: 'plain text' }).payload, 'plain text');
    let deep: unknown = 1;
    for (let i = 0; i < 20000; i++) deep = [deep];
    assert.equal(editorTexts({ header: { alg: 'HS256' }, payload: deep, payloadText: '[[1]]' }).payload, '[[1]]');
  });
  it('an SD-JWT: the payload as signed (digests, _sd_alg) and the claims as presented (disclosures in place)', async () => {
    const token = await signSdJwt({ sub: 'u-1', given_name: 'Erika', email: 'e@example.com' }, SECRET, { disclosable: ['given_name', 'email'] });
    const presentation = token.split('~').filter((part, i) => i === 0 || !part || !Buffer.from(part, 'base64url').toString().includes('email')).join('~');
    const both = sdJwtPayloads(await inspectToken(presentation, { key: SECRET }));
    assert.ok(both);
    const signed = both.signed as Record<string, unknown>;
    assert.equal((signed._sd as unknown[]).length, 2);
    assert.equal(signed._sd_alg, 'sha-256');
    assert.equal(signed.given_name, undefined);
    assert.equal(JSON.parse(both.signedText)._sd_alg, 'sha-256');
    const presented = both.presented as Record<string, unknown>;
    assert.deepEqual([presented.sub, presented.given_name, presented.email, presented._sd, presented._sd_alg], ['u-1', 'Erika', undefined, undefined, undefined]);
  });
  it('any other token has one payload', async () => {
    assert.equal(sdJwtPayloads(await inspectToken(await signToken({ sub: 'u', _sd: ['not an SD-JWT'] }, SECRET), { key: SECRET })), undefined);
    assert.equal(sdJwtPayloads(undefined), undefined);
  });
});
