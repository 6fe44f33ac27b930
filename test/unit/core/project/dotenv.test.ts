import * as assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import fc from 'fast-check';
import { parseEnv, upsertEnvVar } from '../../../../src/core';

const SAMPLES: [string, string][] = [
  ['plain', 'A=1\nB=two words\nC = spaced \n'],
  ['comments', '# comment\nA=1 # trailing\n#B=2\nC="has # inside" # after\n'],
  ['quotes', `S='single'\nD="double\\nnewline"\nB=\`back\`\nE=""\nF=''\n`],
  ['export', 'export A=1\nexport   B="2"\n'],
  ['crlf', 'A=1\r\nB="x\r\ny"\r\nC=3\r\n'],
  ['lone cr', 'A=1\rB=2\r'],
  ['bom', '\uFEFFA=1\nB=2'],
  ['duplicates', 'A=1\nA=2\nB=x\nA=3\n'],
  ['colon form', 'A: 1\nB:2\n'],
  ['multiline other keys', 'KEY="-----BEGIN KEY-----\nabc\n-----END KEY-----"\nJWT_SECRET=s\n'],
  ['empty values', 'A=\nB= \nC=#comment\n'],
  ['dotted and dashed names', 'a.b=1\nc-d=2\n'],
  ['garbage lines', 'not a var\n=novalue\nA=1\n   \n'],
  ['escaped quotes', 'A="say \\"hi\\""\nB=\'it\\\'s\'\n'],
];

describe('core/dotenv parseEnv', () => {
  for (const [name, text] of SAMPLES) {
    it(`agrees with dotenv.parse: ${name}`, () => {
      assert.deepEqual(parseEnv(text), { ...dotenv.parse(text) });
    });
  }

  it('agrees with dotenv.parse on random .env-like text (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom('A', 'JWT_SECRET', 'export ', '=', ' ', '\n', '\r\n', '#', '"', "'", '`', '\\n', ':', 'x y', '\uFEFF', '.', '-'),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }).map((a) => a.join('')), (text) => {
      assert.deepEqual(parseEnv(text), { ...dotenv.parse(text) });
    }), { numRuns: 3000 });
  });

  it('agrees with dotenv.parse on text with runs of blank lines, spaces and unicode whitespace (property)', () => {
    const run = fc.constantFrom('\n'.repeat(20), ' \t'.repeat(10), '\r\n\r\n\r\n', '\u00a0\n', '\u2028', '\f\v\n', '\n  \n\t\n');
    const piece = fc.oneof(run, fc.constantFrom('A=1', 'B="x\ny"', 'export C=2', 'D', '=', ':', ' ', '#c', "E='q'", 'F=`b`', '"', "'"));
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }).map((a) => a.join('')), (text) => {
      assert.deepEqual(parseEnv(text), { ...dotenv.parse(text) });
    }), { numRuns: 2000 });
  });

  // Adversarial shapes at scale: results asserted here, times in `npm run bench`. Before the fix the first one ran
  // for minutes (quadratic: 80,000 newlines took ~9 s) and timed the test out.
  it('reads a key after 400,000 blank lines, and 200,000 lines of spaces', () => {
    assert.deepEqual(parseEnv('\n'.repeat(400_000) + 'A=1\n'), { A: '1' });
    assert.deepEqual(parseEnv('   \n'.repeat(200_000) + 'JWT_SECRET=s'), { JWT_SECRET: 's' });
    assert.deepEqual(parseEnv('\r\n'.repeat(200_000)), {});
  });
});

describe('core/dotenv upsertEnvVar', () => {
  const cases: { name: string; before: string; after: string; previous?: string }[] = [
    { name: 'new file', before: '', after: 'JWT_SECRET=NEW\n' },
    { name: 'appends after a final newline', before: 'A=1\n', after: 'A=1\nJWT_SECRET=NEW\n' },
    { name: 'keeps a missing final newline missing', before: 'A=1', after: 'A=1\nJWT_SECRET=NEW' },
    { name: 'appends with CRLF in a CRLF file', before: 'A=1\r\nB=2\r\n', after: 'A=1\r\nB=2\r\nJWT_SECRET=NEW\r\n' },
    { name: 'replaces only the value, keeping the comment', before: '# c\nJWT_SECRET=old # rotate\nB=2\n', after: '# c\nJWT_SECRET=NEW # rotate\nB=2\n', previous: 'old' },
    { name: 'keeps export', before: 'export JWT_SECRET=old\n', after: 'export JWT_SECRET=NEW\n', previous: 'old' },
    { name: 'keeps double quotes', before: 'JWT_SECRET="old"\n', after: 'JWT_SECRET="NEW"\n', previous: 'old' },
    { name: 'keeps single quotes', before: "JWT_SECRET='old'\n", after: "JWT_SECRET='NEW'\n", previous: 'old' },
    { name: 'keeps spaces around =', before: 'JWT_SECRET = old  \n', after: 'JWT_SECRET = NEW  \n', previous: 'old' },
    { name: 'fills an empty value', before: 'JWT_SECRET=\nB=2\n', after: 'JWT_SECRET=NEW\nB=2\n', previous: '' },
    { name: 'fills an empty quoted value', before: 'JWT_SECRET=""\n', after: 'JWT_SECRET="NEW"\n', previous: '' },
    { name: 'CRLF file, value in the middle', before: 'A=1\r\nJWT_SECRET=old\r\nB=2', after: 'A=1\r\nJWT_SECRET=NEW\r\nB=2', previous: 'old' },
    { name: 'BOM kept', before: '\uFEFFJWT_SECRET=old\n', after: '\uFEFFJWT_SECRET=NEW\n', previous: 'old' },
    { name: 'look-alike keys untouched', before: 'OLD_JWT_SECRET=a\nJWT_SECRET_KEY=b\nMY_JWT_SECRET=c\n', after: 'OLD_JWT_SECRET=a\nJWT_SECRET_KEY=b\nMY_JWT_SECRET=c\nJWT_SECRET=NEW\n' },
    { name: 'duplicates: the last one (the one dotenv uses) changes', before: 'JWT_SECRET=first\nJWT_SECRET=second\n', after: 'JWT_SECRET=first\nJWT_SECRET=NEW\n', previous: 'second' },
    { name: 'multi-line value of another key kept', before: 'KEY="a\nJWT_SECRET=fake\nb"\nJWT_SECRET=real\n', after: 'KEY="a\nJWT_SECRET=fake\nb"\nJWT_SECRET=NEW\n', previous: 'real' },
    { name: 'commented-out definition is not a definition', before: '#JWT_SECRET=old\n', after: '#JWT_SECRET=old\nJWT_SECRET=NEW\n' },
    { name: 'colon form', before: 'JWT_SECRET: old\n', after: 'JWT_SECRET: NEW\n', previous: 'old' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = upsertEnvVar(c.before, 'JWT_SECRET', 'NEW');
      assert.equal(r.text, c.after);
      assert.equal(r.previous, c.previous);
      assert.equal(c.before.slice(0, r.edit.start) + r.edit.insert + c.before.slice(r.edit.end), r.text, 'edit span describes the change');
      assert.equal(dotenv.parse(r.text).JWT_SECRET, 'NEW');
    });
  }

  it('quotes values that need it, so dotenv reads them back exactly', () => {
    for (const value of ['has space', 'has#hash', ' lead', 'multi\nline', 'say "hi"', "it's", '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----']) {
      const r = upsertEnvVar('A=1\n', 'K', value);
      assert.equal(dotenv.parse(r.text).K, value, JSON.stringify(value));
      assert.equal(dotenv.parse(r.text).A, '1');
    }
  });

  it('refuses names dotenv cannot read', () => {
    assert.throws(() => upsertEnvVar('', 'BAD NAME', 'x'), TypeError);
    assert.throws(() => upsertEnvVar('', '', 'x'), TypeError);
  });

  it('changes only the value: every other variable and every byte outside the edit stay (property)', () => {
    const line = fc.oneof(
      fc.tuple(fc.constantFrom('A', 'B', 'JWT_SECRET', 'OLD_JWT_SECRET', 'JWT_SECRET_KEY'), fc.constantFrom('=', ' = ', ': '), fc.stringMatching(/^[a-z0-9 ]{0,6}$/), fc.constantFrom('', ' # c', '"', "'"))
        .map(([k, sep, v, tail]) => (tail === '"' || tail === "'" ? `${k}${sep}${tail}${v}${tail}` : `${k}${sep}${v}${tail}`)),
      fc.constantFrom('# comment', '', 'export JWT_SECRET=x', 'garbage line'),
    );
    const file = fc.tuple(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
      .map(([lines, eol, finalEol, bom]) => (bom ? '\uFEFF' : '') + lines.join(eol) + (finalEol && lines.length ? eol : ''));
    fc.assert(fc.property(file, fc.stringMatching(/^[0-9a-f]{1,64}$/), (text, value) => {
      const before = dotenv.parse(text);
      const r = upsertEnvVar(text, 'JWT_SECRET', value);
      const after = dotenv.parse(r.text);
      assert.equal(after.JWT_SECRET, value);
      assert.deepEqual({ ...after, JWT_SECRET: undefined }, { ...before, JWT_SECRET: undefined });
      assert.equal(r.text.slice(0, r.edit.start), text.slice(0, r.edit.start));
      assert.equal(r.text.slice(r.edit.start + r.edit.insert.length), text.slice(r.edit.end));
    }), { numRuns: 2000 });
  });
});
