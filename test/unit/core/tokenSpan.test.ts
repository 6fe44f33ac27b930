import * as assert from 'node:assert/strict';
import { tokenSpan } from '../../../src/core';

const T = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';

describe('core/tokenSpan: what Replace selection replaces', () => {
  const cases: [string, string, string][] = [
    ['a Python string literal keeps its double quotes', `"${T}"`, T],
    ['and its single quotes', `'${T}'`, T],
    ['a JS template literal', `\`${T}\``, T],
    ['a Bearer prefix stays', `Bearer ${T}`, T],
    ['a bare token is all of it', T, T],
    ['an edited literal that holds no token: inside its quotes', '"not a token"', 'not a token'],
    ['plain text that holds no token: all of it', 'nothing', 'nothing'],
  ];
  for (const [name, text, replaced] of cases) {
    it(name, () => {
      const { start, end } = tokenSpan(text);
      assert.equal(text.slice(start, end), replaced);
    });
  }
});
