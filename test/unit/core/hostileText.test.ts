// Hostile text never freezes the editor: every scanner and parser the extension runs on text from a file, a paste,
// a link or a debugger finishes in one linear pass. Each input here is sized so that the quadratic code these tests
// were written against ran for minutes — stopped by the suite's mocha timeout (20 s) — while a linear pass takes a
// fraction of a second. The ratios (4× the text, about 4× the time) are measured by `npm run bench`.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findTokens, inspectToken, parsePythonEnv } from '../../../src/core';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const JWS = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: '1' })}.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk`;
const JWS2 = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: '2' })}.c2lnbmF0dXJlLXR3by1zaWduYXR1cmUtdHdvLXNpZ24`;

describe('hostile text never freezes the editor (linear scanners)', () => {
  // Before: each candidate looked for an SD-JWT's "~" from itself to the end of the text (512 KB 0.5 s, 2 MB 5 s).
  it('findTokens: 8 MB of "eyJ.a.b " (a candidate every 8 characters), then one token', () => {
    const text = 'eyJ.a.b '.repeat(1_000_000);
    assert.deepEqual(findTokens(text), []);
    assert.deepEqual(findTokens(text + JWS).map((t) => t.start), [text.length]);
  });

  // Before: 8 ms at 1 MB, 1.2 s at 8 MB — the same "~" search, once per token.
  it('findTokens: a 16 MB log with a token on every line finds each of them', () => {
    const line = `2026-12-07T10:00:00Z GET /api/items 200 Authorization: Bearer ${JWS}\n`;
    const lines = Math.ceil(16e6 / line.length);
    const found = findTokens(line.repeat(lines));
    assert.equal(found.length, lines);
    assert.equal(found[lines - 1].start, line.length * (lines - 1) + line.indexOf(JWS));
  });

  // Before: every later "eyJ" re-split and re-decoded the rest of the text (16 KB 0.2 s, 64 KB 3.5 s, 300 KB over a
  // minute, the 1 MiB cap ~15 min).
  it('inspectToken: a token followed by 300 KB of "eyJ." is malformed, at once', async () => {
    const text = `${JWS}.${'eyJ.'.repeat(75_000)}`;
    const ins = await inspectToken(text);
    assert.equal(ins.verdict, 'malformed');
    assert.match(ins.detail!, /A JWT has 3 parts/);
  });

  it('inspectToken: two tokens run together are still named so, in front of 1 MiB of "eyJ."', async () => {
    const ins = await inspectToken(`${JWS}${JWS2}.${'eyJ.'.repeat(260_000)}`);
    assert.equal(ins.verdict, 'malformed');
    assert.match(ins.detail!, new RegExp(`two tokens run together: a second one starts at position ${JWS.length + 1}`));
  });

  // Before: python-dotenv's ${VAR} expression, backtracking, took 1.5 s on 10,000 characters of "${" and 16 s on 40,000.
  it('parsePythonEnv: 120,000 characters of "${" without a "}" are the value as written', () => {
    const value = '${'.repeat(60_000);
    assert.equal(parsePythonEnv(`A=${value}\n`).A, value);
  });

  it('parsePythonEnv expands ${NAME} and ${NAME:-default} exactly as python-dotenv\'s expression does (property)', () => {
    const pattern = /\$\{([^}:]*)(?::-([^}]*))?\}/g;
    fc.assert(fc.property(fc.stringMatching(/^[${}:\-ab]{0,24}$/), (value) => {
      fc.pre(!/[#'"\s]/.test(value) && value !== '');
      const vars: Record<string, string> = { a: 'X', b: '' };
      const want = value.replace(pattern, (_m, name: string, fallback?: string) => (name in vars ? vars[name] : (fallback ?? '')));
      assert.equal(parsePythonEnv(`a=X\nb=\nv=${value}\n`).v, want, value);
    }), { numRuns: 2000 });
  });
});
