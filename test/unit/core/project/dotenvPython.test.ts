// parsePythonEnv against python-dotenv itself (Debian python3-dotenv 0.21, the reader a Django project's
// load_dotenv() uses), as dotenv.test.ts holds parseEnv to Node's dotenv.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as dotenv from 'dotenv';
import fc from 'fast-check';
import { parseEnv, parsePythonEnv, upsertPythonEnvVar } from '../../../../src/core';
import { FIXTURES } from '../keyFixtures';

const PEER = path.join(FIXTURES, '..', 'unit', 'core', 'project', 'pythonDotenvPeer.py');

function pythonDotenv(texts: string[]): Record<string, string | null>[] {
  const r = spawnSync('/usr/bin/python3', [PEER], { input: JSON.stringify(texts), env: { PATH: '/usr/bin:/bin' }, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`python-dotenv peer failed: ${r.stderr}`);
  return JSON.parse(r.stdout.toString());
}

const SAMPLES: [string, string][] = [
  ['plain', 'A=1\nB=two words\nC = spaced \n'],
  ['comments', '# comment\nA=1 # trailing\n#B=2\nC="has # inside" # after\nD=x#not-a-comment\n'],
  ['quotes', `S='single'\nD="double\\nnewline"\nB=\`back\`\nE=""\nF=''\n`],
  ['escapes in double quotes', 'A="tab\\there"\nB="bell\\a"\nC="back\\\\slash"\nD=\'it\\\'s\'\n'],
  ['export', 'export A=1\nexport   B="2"\n'],
  ['crlf and lone cr', 'A=1\r\nB="x\r\ny"\r\nC=3\rD=4\r'],
  ['a BOM before the first key', '\uFEFFJWT_SECRET=abc\nB=2'],
  ['the colon form', 'JWT_SECRET: value\nB:2\n'],
  ['backticks', 'JWT_SECRET=`abc`\n'],
  ['duplicates', 'A=1\nA=2\nB=x\nA=3\n'],
  ['keys without =', 'A\nB=\nC = \n'],
  ['interpolation', 'A=1\nB=${A}-x\nC=${MISSING:-dflt}\nD=${A:-no}\nE=\'${A}\'\nF\nG=${F:-f}\n'],
  ['a quoted key', "'A B'=1\n"],
  ['garbage lines', 'not a var\n=novalue\nA=1\n   \n"unterminated\nB=2\n'],
  ['unicode whitespace', 'A=1\u00a0\nB=\u3000x\n\u2028C=3\n\u001cD=4\n'],
];

describe('core/dotenvPython parsePythonEnv', () => {
  const expected = pythonDotenv(SAMPLES.map(([, t]) => t));
  SAMPLES.forEach(([name, text], i) => {
    it(`agrees with python-dotenv: ${name}`, () => assert.deepEqual(parsePythonEnv(text), expected[i]));
  });

  it('agrees with python-dotenv on random .env-like text (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom('A', 'JWT_SECRET', 'export ', '=', ' ', '\n', '\r\n', '\r', '#', '"', "'", '`', '\\n', '\\t', '\\', ':', 'x y', '\uFEFF', '.', '-', '${A}', '${B:-d}', '\u00a0', '\t'),
      fc.string({ maxLength: 4 }),
    );
    const texts = fc.sample(fc.array(piece, { maxLength: 30 }).map((a) => a.join('')), { numRuns: 3000, seed: 20261201 });
    const want = pythonDotenv(texts);
    texts.forEach((t, i) => assert.deepEqual(parsePythonEnv(t), want[i], JSON.stringify(t)));
  });

  it('where the two readers disagree on what people write (the cases the inspector warns about)', () => {
    for (const [text, node, python] of [
      ['JWT_SECRET=`abc`', 'abc', '`abc`'],
      ['JWT_SECRET: abc', 'abc', undefined],
      ['\uFEFFJWT_SECRET=abc', 'abc', undefined],
      ['JWT_SECRET="a\\tb"', 'a\\tb', 'a\tb'],
    ] as const) {
      assert.equal(parseEnv(text).JWT_SECRET, node, text);
      assert.equal({ ...dotenv.parse(text) }.JWT_SECRET, node, text);
      assert.equal(parsePythonEnv(text).JWT_SECRET ?? undefined, python, text);
    }
  });

  it('is linear: 400,000 blank lines, 200,000 comment lines', () => {
    assert.deepEqual(parsePythonEnv('\n'.repeat(400_000) + 'A=1'), { A: '1' });
    assert.deepEqual(parsePythonEnv('# c\n'.repeat(200_000) + 'A=1'), { A: '1' });
  });
});

describe('core/dotenvPython upsertPythonEnvVar', () => {
  const SECRET = 'ab'.repeat(32);
  const CASES: [string, string, boolean][] = [
    ['in place', 'A=1\nJWT_SECRET=old # note\nB=2\n', false],
    ['new variable', 'A=1\n', false],
    ['the colon form', 'A=1\nJWT_SECRET: old\nB=2\n', true],
    ['backticks', 'JWT_SECRET=`old`\r\nB=2\r\n', true],
    ['a BOM before it', '\uFEFFJWT_SECRET=old\nB=2', true],
    ['a BOM and nothing else', '\uFEFF', true],
    ['a BOM before another key', '\uFEFFA=1\nJWT_SECRET: old', true],
  ];
  it('python-dotenv itself reads the value written, and every other variable as before', () => {
    const written = CASES.map(([, text]) => upsertPythonEnvVar(text, 'JWT_SECRET', SECRET));
    const read = pythonDotenv(written.map((w) => w.text));
    const before = pythonDotenv(CASES.map(([, text]) => text));
    CASES.forEach(([name, text, rewritten], i) => {
      assert.equal(read[i].JWT_SECRET, SECRET, `${name}: ${JSON.stringify(written[i].text)}`);
      assert.equal(parseEnv(written[i].text).JWT_SECRET, SECRET, name);
      assert.equal(written[i].rewritten, rewritten, name);
      for (const k of Object.keys(before[i]).filter((k) => !k.includes('JWT_SECRET') && !k.startsWith('\uFEFF'))) assert.equal(read[i][k], before[i][k], `${name}: ${k}`);
      const { start, end, insert } = written[i].edit;
      assert.equal(text.slice(0, start) + insert + text.slice(end), written[i].text, `${name}: the edit is the change`);
    });
  });
  it('refuses, saying why, when a later line undoes it', () => {
    assert.throws(() => upsertPythonEnvVar('JWT_SECRET=a\nJWT_SECRET\n', 'JWT_SECRET', SECRET), /a later line of \.env sets JWT_SECRET again/);
  });
});
