import * as assert from 'node:assert/strict';
import { isIgnored } from '../../../src/core';

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
