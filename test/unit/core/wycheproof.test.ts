import * as assert from 'node:assert/strict';
import { inspectToken } from '../../../src/core';
import { CASES, judge } from './wycheproofCases';

// Wycheproof vectors carry no exp; a fixed clock keeps any time claim out of the answer.
const NOW = new Date('2026-01-01T00:00:00Z');

describe('Project Wycheproof JOSE vectors (test/fixtures/wycheproof)', () => {
  const run = CASES.filter((c) => !c.skip);
  const skipped = CASES.filter((c) => c.skip);
  after(() => {
    const byReason = new Map<string, number>();
    for (const c of skipped) byReason.set(c.skip!, (byReason.get(c.skip!) ?? 0) + 1);
    console.log(`      wycheproof: ${run.length} cases run (${run.filter((c) => c.unsupported).length} of them RSA1_5, answered "unsupported"), ${skipped.length} skipped of ${CASES.length}`);
    for (const [reason, n] of byReason) console.log(`        skipped ${n}: ${reason}`);
  });
  for (const c of run) {
    it(`${c.id} (${c.unsupported ? 'RSA1_5: unsupported' : c.expected}): ${c.comment}`, async () => {
      const ins = await inspectToken(c.token, { key: c.key, now: NOW });
      const wrong = judge(c, ins);
      assert.equal(wrong, undefined, wrong);
    });
  }
});
