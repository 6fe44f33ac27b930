// The leeway is capped (a repository's settings or a forged webview message cannot make a years-old token valid),
// and when the leeway alone made a token valid the verdict's detail says so.
import * as assert from 'node:assert/strict';
import { capLeeway, inspectToken, MAX_LEEWAY_S, signToken } from '../../../src/core';

const SECRET = 'k'.repeat(64);
const now = () => Math.floor(Date.now() / 1000);

describe('core: the leeway', () => {
  it('is capped at 300 s; a negative or non-number leeway is none', () => {
    assert.equal(MAX_LEEWAY_S, 300);
    assert.deepEqual([capLeeway(5 * 365 * 86400), capLeeway(300), capLeeway(30), capLeeway(-5), capLeeway(Number.NaN), capLeeway(Infinity), capLeeway('60' as never)], [300, 300, 30, 0, 0, 300, 0]);
  });

  it('of years does not make a token that expired two years ago valid', async () => {
    const t = now();
    const token = await signToken({ iat: t - 3 * 365 * 86400, exp: t - 2 * 365 * 86400 }, SECRET);
    assert.equal((await inspectToken(token, { key: SECRET, leeway: 5 * 365 * 86400 })).verdict, 'expired');
  });

  it('that decided the verdict is named: expired 100 s ago, valid only within the leeway', async () => {
    const t = now();
    const late = await inspectToken(await signToken({ iat: t - 3600, exp: t - 100 }, SECRET), { key: SECRET, leeway: 300 });
    assert.equal(late.verdict, 'verified');
    assert.match(late.detail ?? '', /valid only because of the 300 s leeway: it expired/);
    const early = await inspectToken(await signToken({ iat: t, nbf: t + 100, exp: t + 3600 }, SECRET), { key: SECRET, leeway: 300 });
    assert.equal(early.verdict, 'verified');
    assert.match(early.detail ?? '', /valid only because of the 300 s leeway: it becomes valid/);
    const fine = await inspectToken(await signToken({ iat: t, exp: t + 3600 }, SECRET), { key: SECRET, leeway: 300 });
    assert.equal(fine.verdict, 'verified');
    assert.doesNotMatch(fine.detail ?? '', /leeway/);
  });
});
