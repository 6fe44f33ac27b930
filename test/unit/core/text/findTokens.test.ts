import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findTokens } from '../../../../src/core';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const JWS = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: '1' })}.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk`;
const UNSIGNED = `${b64({ alg: 'none' })}.${b64({ sub: '1' })}.`;
const JWE = `${b64({ alg: 'dir', enc: 'A256GCM' })}..aXY.Y2lwaGVy.dGFn`;

describe('core/findTokens', () => {
  const contexts: [string, string, string][] = [
    ['a JSON string', `{"access_token": "${JWS}", "x": 1}`, JWS],
    ['an Authorization header', `Authorization: Bearer ${JWS}\n`, JWS],
    ['a curl command', `curl -H 'Authorization: Bearer ${JWS}' https://api.example/`, JWS],
    ['a URL query', `https://app.example/cb?token=${JWS}&next=/`, JWS],
    ['a URL fragment', `https://app.example/#access_token=${JWS}&token_type=bearer`, JWS],
    ['a cookie line', `Cookie: session=${JWS}; theme=dark`, JWS],
    ['code', `const token = '${JWS}';`, JWS],
    ['the end of a sentence', `The token is ${JWS}.`, JWS],
    ['an unsigned token', `x ${UNSIGNED} y`, UNSIGNED],
    ['a JWE', `enc: ${JWE}\n`, JWE],
  ];
  for (const [name, text, token] of contexts) {
    it(`finds the exact range in ${name}`, () => {
      const found = findTokens(text);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0].token, token);
      assert.equal(text.slice(found[0].start, found[0].end), token);
      assert.equal(found[0].kind, token === JWE ? 'jwe' : 'jws');
    });
  }

  it('finds every token in a log, in order', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `2026-01-01T00:00:${String(i).padStart(2, '0')} GET /api auth=${i % 2 ? JWS : JWE}`);
    const found = findTokens(lines.join('\n'));
    assert.equal(found.length, 50);
    assert.ok(found.every((f, i) => i === 0 || f.start > found[i - 1].end));
  });

  const notTokens: [string, string][] = [
    ['eyJ that is not a JOSE header', 'eyJhIjoxfQ.eyJhIjoxfQ.sig'],
    ['a two-part string', `${b64({ alg: 'HS256' })}.${b64({})}`],
    ['a JWS header with five parts', `${b64({ alg: 'HS256' })}.a.b.c.d`],
    ['a long base64 run with no dots', 'eyJ' + 'A'.repeat(100000)],
    ['many eyJ in a row', 'eyJ'.repeat(30000)],
    ['dots only', '.'.repeat(100000)],
  ];
  for (const [name, text] of notTokens) it(`ignores ${name}`, () => assert.deepEqual(findTokens(text), []));

  it('every range it returns holds a token that starts with eyJ (property)', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(JWS, JWE, UNSIGNED, ' ', '.', '\n', '"', 'eyJ', 'Bearer '), fc.string({ maxLength: 5 })), { maxLength: 30 }), (pieces) => {
      const text = pieces.join('');
      for (const f of findTokens(text)) {
        assert.equal(text.slice(f.start, f.end), f.token);
        assert.ok(f.token.startsWith('eyJ'));
      }
      assert.ok(findTokens(text).length <= pieces.length);
    }), { numRuns: 1000 });
  });

  it('finds every token among adversarial shapes — runs of "eyJ", dots, spaces, base64 (property)', () => {
    const noise = fc.constantFrom('aeyJ ', 'eyJ', '.', '..', ' ', 'A'.repeat(50), 'eyJ.eyJ.', '-_', '\n');
    fc.assert(fc.property(fc.array(fc.tuple(fc.array(noise, { maxLength: 8 }), fc.boolean()), { maxLength: 12 }), (chunks) => {
      let text = '';
      const want: number[] = [];
      for (const [pieces, withToken] of chunks) {
        text += pieces.join('') + ' ';
        if (withToken) {
          want.push(text.length);
          text += JWS + ' ';
        }
      }
      assert.deepEqual(findTokens(text).map((f) => f.start), want);
    }), { numRuns: 1000 });
  });

  // Results here, times in `npm run bench`. Before the fix "aeyJ " repeated took 0.9 s at 1 MB and 38 s at 4 MB.
  it('finds nothing in 4 MB of "aeyJ " and the one token after it', () => {
    const text = 'aeyJ '.repeat(800_000);
    assert.deepEqual(findTokens(text), []);
    assert.equal(findTokens(text + JWS)[0]?.start, text.length);
  });

  it('scales linearly: 10x the text finds 10x the tokens', () => {
    const chunk = `line with ${JWS} and noise eyJ ${'A'.repeat(200)}\n`;
    assert.equal(findTokens(chunk.repeat(1000)).length, 1000);
    assert.equal(findTokens(chunk.repeat(10000)).length, 10000);
  });
});
