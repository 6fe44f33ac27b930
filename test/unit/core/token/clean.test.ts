import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { cleanTokenText } from '../../../../src/core';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

describe('core/cleanTokenText', () => {
  it('recovers the token from any wrapping of quotes, prefixes, separators and line breaks (property)', () => {
    const quote = fc.constantFrom('"', "'", '`');
    const wrap = fc.array(fc.oneof(quote.map((q) => [q, q] as const), fc.constantFrom(['Bearer ', ''] as const, ['Authorization: Bearer ', ''] as const, ['', ','] as const, ['', ';;'] as const, ['  ', '\n'] as const)), { maxLength: 8 });
    fc.assert(fc.property(wrap, fc.boolean(), (layers, wrapLines) => {
      let text = wrapLines ? TOKEN.replace(/(.{10})/g, '$1\n    ') : TOKEN;
      for (const [before, after] of layers) text = before + text + after;
      assert.equal(cleanTokenText(text).token, TOKEN, JSON.stringify(text));
    }), { numRuns: 2000 });
  });

  it('keeps a space inside a one-line token (it is not base64url: the inspector reports it)', () => {
    assert.equal(cleanTokenText('eyJ.abc def.sig').token, 'eyJ.abc def.sig');
    assert.deepEqual(cleanTokenText('eyJ.abc\n   def.sig'), { token: 'eyJ.abcdef.sig', cleaned: ['line breaks'] });
  });

  // Adversarial shapes at scale (the protocol allows 4 MB): results here, times in `npm run bench`. Before the fix
  // 99,000 ";" then "x" took 4 s (a backtracking /[,;]+$/) and nested quotes 1.3 s; these sizes timed the test out.
  it('2 MB of ";" then "x", 1 MB of nested quotes, 2 MB of spaces: linear, and the right answer', () => {
    assert.equal(cleanTokenText(';'.repeat(2_000_000) + 'x').token.length, 2_000_001);
    assert.equal(cleanTokenText(';'.repeat(2_000_000)).token, '');
    assert.equal(cleanTokenText('"'.repeat(500_000) + TOKEN + '"'.repeat(500_000)).token, TOKEN);
    assert.equal(cleanTokenText(' '.repeat(1_000_000) + TOKEN + ' '.repeat(1_000_000)).token, TOKEN);
    assert.equal(cleanTokenText('a' + ' '.repeat(2_000_000) + 'b').token.length, 2_000_002);
  });
});
