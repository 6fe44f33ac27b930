import * as assert from 'node:assert/strict';
import { isIgnored } from '../../../../src/core';

describe('core/gitignore isIgnored', () => {
  const table: [string, string, boolean][] = [
    ['', '.env', false],
    ['.env', '.env', true],
    ['/.env', '.env', true],
    ['.env', 'services/.env', true],
    ['/.env', 'services/.env', false],
    ['*.env', '.env', true],
    ['.env*', '.env', true],
    ['.env.*', '.env', false],
    ['**/.env', 'a/b/.env', true],
    ['# .env', '.env', false],
    ['.env\n!.env', '.env', false],
    ['*\n!.gitignore', '.env', true],
    ['node_modules/\ndist', '.env', false],
    ['.env  \r\n', '.env', true],
  ];
  for (const [gitignore, path, expected] of table) {
    it(`${JSON.stringify(gitignore)} ${expected ? 'ignores' : 'does not ignore'} ${path}`, () => assert.equal(isIgnored(gitignore, path), expected));
  }
});

describe('core/gitignore: a repository\'s .gitignore cannot freeze the extension host', function () {
  // Generate Secret and Generate Key Pair read the folder's .gitignore (a repository's file, up to 1 MiB). Trailing
  // blanks were cut with /\s+$/, which backtracks from every blank: 150,000 blanks inside one line took ~40 s.
  it('a line of 150,000 blanks between two characters, and 1 MiB of blank-only lines: linear, and the right answer', () => {
    assert.equal(isIgnored(`x${' '.repeat(150_000)}y\n.env`, '.env'), true);
    assert.equal(isIgnored(`.env${' \t'.repeat(75_000)}`, '.env'), true);
    assert.equal(isIgnored(`${' '.repeat(1024 * 1024)}\n`, '.env'), false);
  });
});

describe('core/gitignore: wildcards match in one pass', function () {
  // `*a` thirty times then `*b` against a 60-character directory name took over 5 minutes as a regular expression
  // (it tries every way to share the name among the stars); a repository chooses both.
  it('thirty "*a" then "*b" against a directory of 60 "a": no match, at once', () => {
    assert.equal(isIgnored(`${'*a'.repeat(30)}*b`, `${'a'.repeat(60)}/.env`), false);
    assert.equal(isIgnored(`${'*a'.repeat(30)}*`, `${'a'.repeat(60)}`), true);
  });
  const more: [string, string, boolean][] = [
    ['**/.env', '.env', true],
    ['a/**/.env', 'a/.env', true],
    ['a/**/.env', 'a/b/c/.env', true],
    ['a/**', 'a/b/.env', true],
    ['/a/*.env', 'a/b/x.env', false],
    ['.en?', '.env', true],
    ['.e?v/x', '.e/v/x', false],
    ['*', 'a/b', true],
    ['a.b', 'aXb', false],
  ];
  for (const [gitignore, path, expected] of more) {
    it(`${JSON.stringify(gitignore)} ${expected ? 'ignores' : 'does not ignore'} ${path}`, () => assert.equal(isIgnored(gitignore, path), expected));
  }
});
