import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { generateSecret, inspectToken, signToken, SIGNING_ALGS, type Inspection, type SigningAlg } from '../../src/core';
import { testKey } from '../unit/core/keyFixtures';

const PEER = path.resolve(__dirname, '..', '..', '..', 'test', 'interop', 'pyjwtPeer.py');
const PYTHON = process.env.INTEROP_PYTHON ?? '/usr/bin/python3';

type Request =
  | { op: 'sign'; payload: object; key: string; alg: string; headers?: object }
  | { op: 'verify'; token: string; key: string; alg: string; recipe?: boolean; issuer?: string; audience?: string; leeway?: number };
type Result = { token?: string; payload?: Record<string, unknown>; error?: string; why?: string };

function pyjwt(requests: Request[]): { version: string; results: Result[] } {
  return JSON.parse(execFileSync(PYTHON, [PEER], { input: JSON.stringify(requests), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

/** PyJWT takes PEM text for asymmetric keys and the secret text for HMAC. */
/** PyJWT 2.6 (Debian's) knows Ed25519 only as "EdDSA" (why Sign keeps EdDSA the default for Ed25519 keys), and no ML-DSA. */
const PYJWT_ALGS = SIGNING_ALGS.filter((a) => a !== 'Ed25519' && !a.startsWith('ML-DSA'));

function pemPair(alg: SigningAlg): { priv: string; pub: string } {
  const k = testKey(alg);
  if (alg.startsWith('HS')) return { priv: k.privates.text as string, pub: k.publics.text as string };
  return { priv: k.privates.pkcs8 as string, pub: k.publics.spki as string };
}

describe('interop with PyJWT (python3-jwt)', function () {
  this.timeout(60000);
  let version = '';
  before(function () {
    try {
      version = pyjwt([]).version;
    } catch (e) {
      throw new Error(`PyJWT is needed for the interop tests (apt-get install python3-jwt python3-cryptography): ${(e as Error).message}`);
    }
  });

  it('the recipe: secrets.token_hex(32) in .env, HS256 signed here, decoded by PyJWT', async () => {
    const secret = generateSecret();
    const now = Math.floor(Date.now() / 1000);
    const token = await signToken({ user: 'alice' }, secret, { issuer: 'app' });
    const [r] = pyjwt([{ op: 'verify', token, key: secret, alg: 'HS256' }]).results;
    assert.equal(r.payload?.user, 'alice');
    assert.equal(r.payload?.iss, 'app');
    assert.equal(Number(r.payload?.exp) - Number(r.payload?.iat), 86400);
    assert.ok(Math.abs(Number(r.payload?.iat) - now) < 60);
    console.log(`      (PyJWT ${version})`);
  });

  it('the recipe: PyJWT signs {user, exp, iat, iss}; the inspector verifies it with the .env secret', async () => {
    const secret = generateSecret();
    const now = Math.floor(Date.now() / 1000);
    const [r] = pyjwt([{ op: 'sign', payload: { user: 'alice', exp: now + 86400, iat: now, iss: 'app' }, key: secret, alg: 'HS256' }]).results;
    const ins = await inspectToken(r.token!, { key: secret, issuer: 'app' });
    assert.equal(ins.verdict, 'verified', ins.detail);
  });

  it('both sides agree on "Token has expired." and "Token is invalid."', async () => {
    const secret = generateSecret();
    const expired = await signToken({ user: 'a' }, secret, { now: new Date(Date.now() - 2 * 86400e3) });
    // Flip the signature's first character: the last one may only carry padding bits.
    const tampered = (await signToken({ user: 'a' }, secret)).replace(/\.(.)([^.]*)$/, (_, c: string, rest: string) => `.${c === 'A' ? 'B' : 'A'}${rest}`);
    const [e, t] = pyjwt([
      { op: 'verify', token: expired, key: secret, alg: 'HS256' },
      { op: 'verify', token: tampered, key: secret, alg: 'HS256' },
    ]).results;
    assert.equal(e.error, 'Token has expired.');
    assert.equal((await inspectToken(expired, { key: secret })).message, 'Token has expired.');
    assert.equal(t.error, 'Token is invalid.');
    assert.equal((await inspectToken(tampered, { key: secret })).message, 'Token is invalid.');
  });

  it('every algorithm, both ways: tokens signed here verify in PyJWT, tokens PyJWT signs verify here', async () => {
    const now = Math.floor(Date.now() / 1000);
    const ours: Record<string, string> = {};
    for (const alg of PYJWT_ALGS) ours[alg] = await signToken({ sub: alg, n: [1, 2] }, pemPair(alg).priv, { alg });
    const requests: Request[] = [];
    for (const alg of PYJWT_ALGS) {
      requests.push({ op: 'verify', token: ours[alg], key: pemPair(alg).pub, alg });
      requests.push({ op: 'sign', payload: { sub: alg, iat: now, exp: now + 600 }, key: pemPair(alg).priv, alg, headers: { kid: 'py' } });
    }
    const { results } = pyjwt(requests);
    for (const [i, alg] of PYJWT_ALGS.entries()) {
      const verified = results[2 * i];
      assert.equal(verified.error, undefined, `${alg}: PyJWT rejected our token (${verified.why})`);
      assert.equal(verified.payload?.sub, alg);
      const theirs = results[2 * i + 1].token!;
      const ins = await inspectToken(theirs, { key: pemPair(alg).pub });
      assert.equal(ins.verdict, 'verified', `${alg}: ${ins.detail}`);
      assert.equal(ins.header?.kid, 'py');
    }
  });
});

/** What the banner says the recipe's server answers: its words when the banner names them, else the verdict's. */
function serverAnswerInBanner(ins: Inspection): string {
  if (/answers "Token is invalid\."/.test(ins.detail ?? '')) return 'Token is invalid.';
  if (ins.verdict === 'verified') return 'accepted';
  return ins.message;
}

describe('the claim checks, PyJWT against the inspector (as verify_jwt calls jwt.decode)', function () {
  this.timeout(60000);
  // Times are a minute or more from now on both sides, so the second that passes between them changes nothing.
  const now = Math.floor(Date.now() / 1000);
  const CASES: { name: string; claims: object; issuer?: string; audience?: string; leeway?: number; server: string }[] = [
    { name: 'exp in the past', claims: { exp: now - 3600 }, server: 'Token has expired.' },
    { name: 'exp in the future', claims: { exp: now + 3600 }, server: 'accepted' },
    { name: 'nbf in the future', claims: { nbf: now + 3600, exp: now + 7200 }, server: 'Token is invalid.' },
    { name: 'iat in the future', claims: { iat: now + 3600, exp: now + 7200 }, server: 'Token is invalid.' },
    { name: 'iat in the past', claims: { iat: now - 3600, exp: now + 3600 }, server: 'accepted' },
    { name: 'aud present, no audience set', claims: { aud: 'api', exp: now + 3600 }, server: 'Token is invalid.' },
    { name: 'aud list present, no audience set', claims: { aud: ['api', 'web'], exp: now + 3600 }, server: 'Token is invalid.' },
    { name: 'aud present, the audience set', claims: { aud: 'api', exp: now + 3600 }, audience: 'api', server: 'accepted' },
    { name: 'aud present, another audience set', claims: { aud: 'api', exp: now + 3600 }, audience: 'web', server: 'Token is invalid.' },
    { name: 'iss present, no issuer set', claims: { iss: 'app', exp: now + 3600 }, server: 'accepted' },
    { name: 'iss as expected', claims: { iss: 'app', exp: now + 3600 }, issuer: 'app', server: 'accepted' },
    { name: 'iss from elsewhere', claims: { iss: 'evil', exp: now + 3600 }, issuer: 'app', server: 'Token is invalid.' },
    { name: 'expired inside the leeway', claims: { exp: now - 60 }, leeway: 300, server: 'accepted' },
    { name: 'expired beyond the leeway', claims: { exp: now - 600 }, leeway: 300, server: 'Token has expired.' },
    { name: 'iat ahead inside the leeway', claims: { iat: now + 60, exp: now + 3600 }, leeway: 300, server: 'accepted' },
    { name: 'nbf ahead inside the leeway', claims: { nbf: now + 60, exp: now + 3600 }, leeway: 300, server: 'accepted' },
    { name: 'nbf ahead beyond the leeway', claims: { nbf: now + 600, exp: now + 3600 }, leeway: 300, server: 'Token is invalid.' },
  ];

  it('each claim case: PyJWT signs, PyJWT verifies, and the banner says what PyJWT answered', async () => {
    const secret = generateSecret();
    const signed = pyjwt(CASES.map((c) => ({ op: 'sign', payload: { user: 'alice', ...c.claims }, key: secret, alg: 'HS256' }))).results;
    const answers = pyjwt(CASES.map((c, i) => ({ op: 'verify', token: signed[i].token!, key: secret, alg: 'HS256', recipe: true, issuer: c.issuer, audience: c.audience, leeway: c.leeway ?? 0 }))).results;
    const rows: string[] = [];
    for (const [i, c] of CASES.entries()) {
      const py = answers[i].error ?? 'accepted';
      assert.equal(py, c.server, `PyJWT on "${c.name}" (${answers[i].why ?? ''})`);
      const ins = await inspectToken(signed[i].token!, { key: secret, issuer: c.issuer, audience: c.audience, leeway: c.leeway });
      assert.equal(serverAnswerInBanner(ins), py, `the inspector on "${c.name}": ${ins.verdict} — ${ins.message} ${ins.detail ?? ''}`);
      rows.push(`${c.name}: ${py}`);
    }
    console.log(`      (${rows.length} cases agree)`);
  });
});
