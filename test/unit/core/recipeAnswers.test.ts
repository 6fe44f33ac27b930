// The inspector's verdicts in the recipe's words: what PyJWT, as the recipe's verify_jwt calls it, would answer.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { inspectToken } from '../../../src/core';

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const NOW = new Date('2026-01-01T00:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const SECRET = 'f'.repeat(64);
const hs = (payload: object) => {
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${input}.${crypto.createHmac('sha256', SECRET).update(input).digest('base64url')}`;
};

describe('core/inspect answers as the recipe\'s server would', () => {
  it('iat in the future: not yet valid, with the reason and the recipe\'s "Token is invalid."', async () => {
    const ins = await inspectToken(hs({ user: 'a', iat: NOW_S + 3600, exp: NOW_S + 7200 }), { key: SECRET, now: NOW });
    assert.equal(ins.verdict, 'not-yet-valid');
    assert.match(ins.detail!, /"iat".*in the future|issued.*in 1 hour/i);
    assert.match(ins.detail!, /"Token is invalid\."/);
  });

  it('nbf in the future also says the recipe\'s answer', async () => {
    const ins = await inspectToken(hs({ nbf: NOW_S + 3600, exp: NOW_S + 7200 }), { key: SECRET, now: NOW });
    assert.equal(ins.verdict, 'not-yet-valid');
    assert.match(ins.detail!, /"Token is invalid\."/);
  });

  it('the Clock option decided it: the banner says so', async () => {
    const ins = await inspectToken(hs({ iat: NOW_S + 60, exp: NOW_S + 7200 }), { key: SECRET, now: NOW });
    assert.match(ins.detail!, /Clock.*2026-01-01/);
    const expired = await inspectToken(hs({ exp: NOW_S - 60 }), { key: SECRET, now: NOW });
    assert.match(expired.detail!, /Clock/);
  });

  it('the leeway decided it: the banner says so, both ways', async () => {
    const inside = await inspectToken(hs({ iat: NOW_S + 30, exp: NOW_S + 7200 }), { key: SECRET, now: NOW, leeway: 60 });
    assert.equal(inside.verdict, 'verified');
    assert.match(inside.detail!, /leeway of 60 s/);
    const expiredInside = await inspectToken(hs({ exp: NOW_S - 30 }), { key: SECRET, now: NOW, leeway: 60 });
    assert.equal(expiredInside.verdict, 'verified');
    assert.match(expiredInside.detail!, /leeway of 60 s/);
    const plain = await inspectToken(hs({ iat: NOW_S - 30, exp: NOW_S + 7200 }), { key: SECRET, now: NOW, leeway: 60 });
    assert.doesNotMatch(plain.detail!, /leeway/, 'a leeway that changed nothing is not mentioned');
  });

  it('aud present, no audience set: still verified here, and the banner says the server answers "Token is invalid." (Invalid audience)', async () => {
    const ins = await inspectToken(hs({ aud: 'api', exp: NOW_S + 60 }), { key: SECRET, now: NOW });
    assert.equal(ins.verdict, 'verified');
    assert.match(ins.detail!, /"aud".*"Token is invalid\."|"Token is invalid\.".*"aud"/);
    assert.match(ins.detail!, /Invalid audience/);
    assert.equal((await inspectToken(hs({ aud: 'api', exp: NOW_S + 60 }), { key: SECRET, now: NOW, audience: 'api' })).detail!.includes('Invalid audience'), false);
  });
});

describe('core/inspect: garbage and alg none in the recipe\'s words', () => {
  it('base64url characters that do not decode to a JSON header say so, not "not valid base64url"', async () => {
    const ins = await inspectToken('this-is-not.a-token.at-all');
    assert.equal(ins.verdict, 'malformed');
    assert.doesNotMatch(ins.detail!, /not valid base64url/);
    assert.match(ins.detail!, /does not decode to a JSON/);
  });

  it('a header with a wrong character still names it', async () => {
    assert.match((await inspectToken('eyJ!.e30.x')).detail!, /Character "!"/);
  });

  it('alg none leads with "Token is invalid." then the reason', async () => {
    const ins = await inspectToken(`${b64({ alg: 'none' })}.${b64({ admin: true })}.`, { key: SECRET });
    assert.equal(ins.verdict, 'unsigned');
    assert.equal(ins.message, 'Token is invalid.');
    assert.match(ins.detail!, /^It is unsigned \(alg: none\)/);
  });
});
