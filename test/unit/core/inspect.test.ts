import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import fc from 'fast-check';
import { CompactEncrypt, importJWK, importSPKI } from 'jose';
import { inspectToken, signToken, type Inspection } from '../../../src/core';
import { testKey } from './keyFixtures';

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const NOW = new Date('2026-01-01T00:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const SECRET = 'f'.repeat(64);
const hs = (payload: object, secret = SECRET, header: object = { alg: 'HS256', typ: 'JWT' }) => {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
};

describe('core/inspect standard vectors', () => {
  // RFC 7515 appendix A.1 (also RFC 7519 §3.1): HS256 with a JWK oct key.
  const A1 = 'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const A1_KEY = { jwk: { kty: 'oct', k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow' } };

  it('RFC 7515 A.1 verifies before its exp and has expired after it', async () => {
    const before = await inspectToken(A1, { key: A1_KEY, now: new Date(1300819000 * 1000) });
    assert.equal(before.verdict, 'verified');
    assert.deepEqual(before.payload, { iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
    const after = await inspectToken(A1, { key: A1_KEY, now: NOW });
    assert.equal(after.verdict, 'expired');
    assert.equal(after.message, 'Token has expired.');
  });

  it('RFC 7520 §4.4 (HS256, a non-JSON payload): the signature is correct, but it is not a JWT — malformed, "Token is invalid."', async () => {
    const payload = 'It\u2019s a dangerous business, Frodo, going out your door. You step onto the road, and if you don\'t keep your feet, there\u2019s no knowing where you might be swept off to.';
    const token = `eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9.${b64(payload)}.s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0`;
    const ins = await inspectToken(token, { key: { jwk: { kty: 'oct', kid: '018c0ae5-4d9b-471b-bfd6-eef314bc7037', k: 'hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg' } } });
    assert.equal(ins.verdict, 'malformed');
    assert.equal(ins.message, 'Token is invalid.');
    assert.equal(ins.payloadText, payload);
    assert.equal(ins.payload, undefined);
    assert.match(ins.detail!, /not a JWT claims set.*The signature is correct/);
    assert.equal(ins.verifiedWith?.kid, '018c0ae5-4d9b-471b-bfd6-eef314bc7037');
  });

  // RFC 7520 §4.1–4.3: RS256, PS384 and ES512 over the same payload, with the cookbook's published public keys.
  const RFC7520_PAYLOAD = 'SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4';
  const RFC7520_RSA = { kty: 'RSA', kid: 'bilbo.baggins@hobbiton.example', use: 'sig', e: 'AQAB', n: 'n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw' };
  const RFC7520_EC = { kty: 'EC', kid: 'bilbo.baggins@hobbiton.example', use: 'sig', crv: 'P-521', x: 'AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt', y: 'AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1' };
  const RFC7520_CASES: { section: string; alg: string; header: string; signature: string; jwk: object }[] = [
    { section: '4.1', alg: 'RS256', header: 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9', signature: 'MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84wnB-BDkoBwA78185hX-Es4JIwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8wW1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluPxUAhb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_fcIe8u9ipH84ogoree7vjbU5y18kDquDg', jwk: RFC7520_RSA },
    { section: '4.2', alg: 'PS384', header: 'eyJhbGciOiJQUzM4NCIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9', signature: 'cu22eBqkYDKgIlTpzDXGvaFfz6WGoz7fUDcfT0kkOy42miAh2qyBzk1xEsnk2IpN6-tPid6VrklHkqsGqDqHCdP6O8TTB5dDDItllVo6_1OLPpcbUrhiUSMxbbXUvdvWXzg-UD8biiReQFlfz28zGWVsdiNAUf8ZnyPEgVFn442ZdNqiVJRmBqrYRXe8P_ijQ7p8Vdz0TTrxUeT3lm8d9shnr2lfJT8ImUjvAA2Xez2Mlp8cBE5awDzT0qI0n6uiP1aCN_2_jLAeQTlqRHtfa64QQSUmFAAjVKPbByi7xho0uTOcbH510a6GYmJUAfmWjwZ6oD4ifKo8DYM-X72Eaw', jwk: RFC7520_RSA },
    { section: '4.3', alg: 'ES512', header: 'eyJhbGciOiJFUzUxMiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9', signature: 'AE_R_YZCChjn4791jSQCrdPZCNYqHXCTZH0-JZGYNlaAjP2kqaluUIIUnC9qvbu9Plon7KRTzoNEuT4Va2cmL1eJAQy3mtPBu_u_sDDyYjnAMDxXPn7XrT0lw-kvAD890jl8e2puQens_IEKBpHABlsbEPX6sFY8OcGDqoRuBomu9xQ2', jwk: RFC7520_EC },
  ];
  for (const c of RFC7520_CASES) {
    it(`RFC 7520 §${c.section} (${c.alg}): the signature verifies with the published public key (a text payload: not a JWT); one changed payload byte does not`, async () => {
      const token = `${c.header}.${RFC7520_PAYLOAD}.${c.signature}`;
      const ins = await inspectToken(token, { key: { jwk: c.jwk } });
      assert.equal(ins.verdict, 'malformed', ins.detail);
      assert.match(ins.detail!, /The signature is correct/);
      assert.ok(ins.verifiedWith);
      assert.equal(ins.header?.alg, c.alg);
      assert.match(ins.payloadText!, /^It\u2019s a dangerous business, Frodo/);
      const tampered = await inspectToken(`${c.header}.${RFC7520_PAYLOAD.replace('SXTi', 'SXTj')}.${c.signature}`, { key: { jwk: c.jwk } });
      assert.equal(tampered.verifiedWith, undefined);
      assert.match(tampered.detail!, /signature does not match/);
    });
  }

  it('RFC 8037 A.4 (Ed25519): the signature verifies with the published public key (a text payload: not a JWT)', async () => {
    const token = 'eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg';
    const ins = await inspectToken(token, { key: { jwk: { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' } } });
    assert.equal(ins.verdict, 'malformed');
    assert.match(ins.detail!, /The signature is correct/);
    assert.equal(ins.payloadText, 'Example of Ed25519 signing');
    const tampered = await inspectToken(token.replace('RXhhbXBsZS', 'RXhhbXBsZT'), { key: { jwk: { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' } } });
    assert.equal(tampered.verifiedWith, undefined);
    assert.match(tampered.detail!, /signature does not match/);
  });

  it('RFC 8037 A.4: signing with the published private key gives the published signature', async () => {
    const jwk = { kty: 'OKP', crv: 'Ed25519', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
    const { CompactSign } = await import('jose');
    const key = await importJWK(jwk, 'EdDSA');
    const ours = await new CompactSign(new TextEncoder().encode('Example of Ed25519 signing')).setProtectedHeader({ alg: 'EdDSA' }).sign(key);
    assert.equal(ours.split('.')[2], 'hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg');
  });
});

describe('core/inspect verdicts', () => {
  const cases: { name: string; token: () => Promise<string> | string; opts?: object; verdict: Inspection['verdict']; message?: RegExp | string; detail?: RegExp }[] = [
    { name: 'valid HS256', token: () => signToken({ user: 'a' }, SECRET, { now: NOW }), opts: { key: SECRET, now: NOW }, verdict: 'verified', message: 'Signature verified.' },
    { name: 'expired', token: () => signToken({ user: 'a' }, SECRET, { now: new Date(NOW.getTime() - 3 * 86400e3) }), opts: { key: SECRET, now: NOW }, verdict: 'expired', message: 'Token has expired.', detail: /2 days ago/ },
    { name: 'expired but inside the leeway', token: () => hs({ exp: NOW_S - 30 }), opts: { key: SECRET, now: NOW, leeway: 60 }, verdict: 'verified' },
    { name: 'not yet valid', token: () => hs({ nbf: NOW_S + 3600 }), opts: { key: SECRET, now: NOW }, verdict: 'not-yet-valid', detail: /in 1 hour/ },
    { name: 'nbf inside the leeway', token: () => hs({ nbf: NOW_S + 30 }), opts: { key: SECRET, now: NOW, leeway: 60 }, verdict: 'verified' },
    { name: 'wrong secret', token: () => hs({ a: 1 }), opts: { key: 'g'.repeat(64), now: NOW }, verdict: 'invalid-signature', message: 'Token is invalid.' },
    { name: 'issuer mismatch', token: () => hs({ iss: 'evil' }), opts: { key: SECRET, now: NOW, issuer: 'app' }, verdict: 'claim-mismatch', message: 'Token is invalid.', detail: /"evil"; expected "app"/ },
    { name: 'issuer match', token: () => hs({ iss: 'app' }), opts: { key: SECRET, now: NOW, issuer: 'app' }, verdict: 'verified' },
    { name: 'audience mismatch', token: () => hs({ aud: ['x', 'y'] }), opts: { key: SECRET, now: NOW, audience: 'api' }, verdict: 'claim-mismatch', detail: /audience/ },
    { name: 'audience in an array', token: () => hs({ aud: ['x', 'api'] }), opts: { key: SECRET, now: NOW, audience: ['api', 'web'] }, verdict: 'verified' },
    { name: 'required claim missing', token: () => hs({ a: 1 }), opts: { key: SECRET, now: NOW, requiredClaims: ['sub'] }, verdict: 'claim-mismatch', detail: /"sub" is missing/ },
    { name: 'exp that is not a number', token: () => hs({ exp: 'tomorrow' }), opts: { key: SECRET, now: NOW }, verdict: 'claim-mismatch', detail: /NumericDate/ },
    { name: 'no key', token: () => hs({ a: 1 }), opts: { now: NOW }, verdict: 'unverified', message: /Not verified/ },
    { name: 'alg none', token: () => `${b64({ alg: 'none' })}.${b64({ admin: true })}.`, opts: { key: SECRET }, verdict: 'unsigned' },
    { name: 'alg None', token: () => `${b64({ alg: 'None' })}.${b64({ admin: true })}.`, opts: { key: SECRET }, verdict: 'unsigned' },
    { name: 'alg NONE with a signature', token: () => `${b64({ alg: 'NONE' })}.${b64({ admin: true })}.c2ln`, opts: { key: SECRET }, verdict: 'unsigned' },
    { name: 'alg nOnE without a key', token: () => `${b64({ alg: 'nOnE' })}.${b64({ admin: true })}.`, verdict: 'unsigned' },
    { name: 'unknown alg', token: () => `${b64({ alg: 'HS1' })}.${b64({})}.c2ln`, opts: { key: SECRET }, verdict: 'unsupported' },
    { name: 'lower-case hs256 is not HS256', token: () => hs({}, SECRET, { alg: 'hs256' }), opts: { key: SECRET }, verdict: 'unsupported' },
    { name: 'unknown crit extension', token: () => hs({}, SECRET, { alg: 'HS256', crit: ['exp'], exp: 1 }), opts: { key: SECRET }, verdict: 'unsupported', detail: /7515 §4.1.11/ },
    { name: 'secret key given for an RS256 token', token: async () => signToken({}, testKey('RS256').privates.pkcs8 as string), opts: { key: SECRET }, verdict: 'unverified', detail: /never from the token/ },
    { name: 'allow-list narrowed by algorithms', token: () => hs({}), opts: { key: SECRET, algorithms: ['HS512'] }, verdict: 'unverified' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const ins = await inspectToken(await c.token(), c.opts);
      assert.equal(ins.verdict, c.verdict, ins.detail);
      if (typeof c.message === 'string') assert.equal(ins.message, c.message);
      else if (c.message) assert.match(ins.message, c.message);
      if (c.detail) assert.match(ins.detail ?? '', c.detail);
      assert.doesNotThrow(() => structuredClone(ins), 'plain, cloneable data');
    });
  }

  it('HS256 forged with the RSA public key as the HMAC secret fails', async () => {
    const spki = testKey('RS256').publics.spki as string;
    const forged = hs({ admin: true }, spki);
    const ins = await inspectToken(forged, { key: spki });
    assert.equal(ins.verdict, 'unverified', 'no HMAC secret was given: nothing was checked, and it never verifies');
    assert.equal(ins.message, 'Not verified: no HS256 key.');
    assert.match(ins.detail!, /RSA public key/);
    // and the same with the key given as a JWK or a certificate-free SPKI object
    assert.equal((await inspectToken(forged, { key: testKey('RS256').publics.jwk })).verdict, 'unverified');
    assert.ok(await importSPKI(spki, 'RS256'));
  });

  it('picks the JWKS key by kid', async () => {
    const k = testKey('ES256');
    const token = await signToken({}, k.privates.pkcs8, { header: { kid: 'k1' } });
    const ins = await inspectToken(token, { key: k.publics.jwks });
    assert.equal(ins.verdict, 'verified');
    assert.equal(ins.verifiedWith?.kid, 'k1');
  });

  it('an unverified token that is expired says so in a warning', async () => {
    const ins = await inspectToken(hs({ exp: NOW_S - 10 }), { now: NOW });
    assert.equal(ins.verdict, 'unverified');
    assert.ok(ins.warnings.some((w) => w.code === 'unverified-expired'));
  });
});

describe('core/inspect warnings and claims', () => {
  const codes = async (token: string, opts: object = {}) => (await inspectToken(token, { now: NOW, ...opts })).warnings.map((w) => w.code);

  it('no exp', async () => assert.ok((await codes(hs({ a: 1 }))).includes('no-exp')));
  it('a lifetime longer than the bound', async () => {
    assert.ok((await codes(hs({ iat: NOW_S, exp: NOW_S + 90 * 86400 }))).includes('long-lifetime'));
    assert.ok(!(await codes(hs({ iat: NOW_S, exp: NOW_S + 86400 }))).includes('long-lifetime'));
    assert.ok((await codes(hs({ iat: NOW_S, exp: NOW_S + 7200 }), { maxLifetime: 3600 })).includes('long-lifetime'));
  });
  it('iat in the future', async () => assert.ok((await codes(hs({ iat: NOW_S + 3600, exp: NOW_S + 7200 }))).includes('iat-future')));
  for (const h of ['jku', 'x5u', 'jwk', 'x5c']) {
    it(`a "${h}" header is flagged, never fetched`, async () => assert.ok((await codes(hs({ exp: NOW_S + 1 }, SECRET, { alg: 'HS256', [h]: h === 'jwk' ? { kty: 'oct' } : 'https://evil.example/k' }))).includes(`header-${h}`)));
  }
  it('kid that looks like a path', async () => assert.ok((await codes(hs({}, SECRET, { alg: 'HS256', kid: '../../dev/null' }))).includes('kid-path')));
  it('kid that looks like SQL', async () => assert.ok((await codes(hs({}, SECRET, { alg: 'HS256', kid: "x' UNION SELECT 'key" }))).includes('kid-sql')));
  it('sensitive-looking claims', async () => assert.ok((await codes(hs({ password: 'hunter2', exp: NOW_S + 1 }))).includes('sensitive-claim')));
  it('a secret shorter than the hash', async () => assert.ok((await codes(hs({}, 'short'), { key: 'short' })).includes('weak-secret')));
  it('a secret from the list of well-known secrets, even without a key', async () => {
    const token = hs({ sub: '1234567890' }, 'your-256-bit-secret');
    assert.ok((await codes(token)).includes('known-secret'));
    assert.ok((await codes(token, { key: 'your-256-bit-secret' })).includes('weak-secret'));
  });
  it('a strong secret raises no secret warning', async () => {
    const c = await codes(hs({ exp: NOW_S + 60 }), { key: SECRET });
    assert.deepEqual(c, []);
  });

  it('describes registered and OpenID Connect claims, with times and relative phrases from the clock', async () => {
    const ins = await inspectToken(hs({ sub: 'u1', iat: NOW_S - 7200, exp: NOW_S + 23 * 3600, nonce: 'n', custom: 1 }), { now: NOW });
    const by = Object.fromEntries(ins.claims.map((c) => [c.name, c]));
    assert.match(by.sub.description!, /Subject/);
    assert.match(by.nonce.description!, /Nonce/);
    assert.equal(by.custom.description, undefined);
    assert.equal(by.exp.time, new Date((NOW_S + 23 * 3600) * 1000).toISOString());
    assert.equal(by.exp.relative, 'in 23 hours');
    assert.equal(by.iat.relative, '2 hours ago');
  });
});

describe('core/inspect pasted text and malformed tokens', () => {
  const token = hs({ user: 'a' });
  for (const [name, text] of [
    ['Bearer prefix', `Bearer ${token}`],
    ['Authorization header', `Authorization: Bearer ${token}`],
    ['double quotes and a comma', `"${token}",`],
    ['single quotes', `'${token}'`],
    ['line breaks inside', token.replace(/(.{40})/g, '$1\n  ')],
    ['URL encoding', encodeURIComponent(token).replace(/\./g, '%2E')],
    ['a BOM', `\uFEFF${token}`],
  ]) {
    it(`strips ${name}`, async () => {
      const ins = await inspectToken(text, { key: SECRET });
      assert.equal(ins.verdict, 'verified');
      assert.equal(ins.token, token);
    });
  }

  const malformed: [string, string, RegExp][] = [
    ['empty', '   ', /empty/],
    ['two parts', 'eyJhbGciOiJIUzI1NiJ9.e30', /3 parts.*this has 2/],
    ['four parts', 'a.b.c.d', /this has 4/],
    ['a bad character, with its position', 'eyJhbGciOiJIUzI1NiJ9.e3$0.c2ln', /"\$".*position 24/],
    ['a direction override', `eyJhbGciOiJIUzI1NiJ9.e30\u202E.c2ln`, /U\+202E/],
    ['header not JSON', `${b64('not json')}.e30.c2ln`, /header cannot be read as JSON/],
    ['header an array', `${b64([1])}.e30.c2ln`, /not an object/],
    ['header without alg', `${b64({ typ: 'JWT' })}.e30.c2ln`, /no "alg"/],
    ['header not UTF-8', `${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')}.e30.c2ln`, /UTF-8/],
    ['payload not base64url', `${b64({ alg: 'HS256' })}.a.c2ln`, /payload is not valid base64url/],
  ];
  for (const [name, text, detail] of malformed) {
    it(`malformed: ${name}`, async () => {
      const ins = await inspectToken(text, { key: SECRET });
      assert.equal(ins.verdict, 'malformed');
      assert.equal(ins.message, 'Token is malformed.');
      assert.match(ins.detail!, detail);
    });
  }

  it('a payload that is not UTF-8 is shown as text, not a crash', async () => {
    const t = `${b64({ alg: 'HS256' })}.${Buffer.from([0xc3, 0x28, 0x41]).toString('base64url')}.c2ln`;
    const ins = await inspectToken(t);
    assert.equal(ins.kind, 'jws');
    assert.ok(ins.payloadText!.includes('\uFFFD'));
  });

  it('a payload nested 100,000 deep gets a verdict and raw text, never a crash', async () => {
    const deep = '{"a":'.repeat(100000) + '1' + '}'.repeat(100000);
    const t = `${b64({ alg: 'HS256' })}.${b64(deep)}.c2ln`;
    const ins = await inspectToken(t, { key: SECRET });
    assert.equal(ins.verdict, 'malformed');
    assert.match(ins.detail!, /nested/);
    assert.equal(ins.payload, undefined);
    assert.equal(ins.payloadText, deep);
    assert.doesNotThrow(() => structuredClone(ins));
    assert.doesNotThrow(() => JSON.stringify(ins));
  });

  it('a 0.9 MiB token gets a verdict; text over 1 MiB is refused unread, saying its size', async () => {
    const big = hs({ blob: 'x'.repeat(700 * 1024), exp: NOW_S + 60 });
    assert.ok(big.length > 900 * 1024 && big.length < 1024 * 1024);
    assert.equal((await inspectToken(big, { key: SECRET, now: NOW })).verdict, 'verified');
    const huge = await inspectToken(hs({ blob: 'x'.repeat(1200 * 1024) }), { key: SECRET, now: NOW });
    assert.equal(huge.verdict, 'malformed');
    assert.match(huge.detail!, /1\.6 MiB; a token is read up to 1\.0 MiB/);
  });

  it('Unicode direction overrides inside claims are flagged', async () => {
    const ins = await inspectToken(hs({ name: 'admin\u202Egnp.exe' }));
    assert.ok(ins.warnings.some((w) => w.code === 'bidi-text'));
  });

  it('never throws, whatever the text (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.array(fc.base64String(), { maxLength: 6 }).map((a) => a.join('.')), fc.constant(null as unknown as string)), async (text) => {
      const ins = await inspectToken(text, { key: SECRET });
      assert.equal(typeof ins.verdict, 'string');
      assert.notEqual(ins.verdict, 'verified');
      structuredClone(ins);
    }), { numRuns: 500 });
  });
});

describe('core/inspect JWE', () => {
  const enc = async (payload: object, alg: string, key: Parameters<CompactEncrypt['encrypt']>[0], encAlg = 'A256GCM') =>
    new CompactEncrypt(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg, enc: encAlg }).encrypt(key);

  it('shows the header of a JWE without a key, and says it is encrypted', async () => {
    const token = await enc({ sub: 'x' }, 'dir', crypto.randomBytes(32));
    const ins = await inspectToken(token);
    assert.equal(ins.kind, 'jwe');
    assert.equal(ins.verdict, 'unverified');
    assert.deepEqual(ins.header, { alg: 'dir', enc: 'A256GCM' });
    assert.equal(ins.payload, undefined);
  });

  it('decrypts dir and A128KW with a shared secret', async () => {
    const secret = crypto.randomBytes(32);
    const ins = await inspectToken(await enc({ sub: 'x', exp: NOW_S + 60 }, 'dir', secret), { key: { secret: secret.toString('hex'), encoding: 'hex' }, now: NOW });
    assert.equal(ins.verdict, 'verified');
    assert.deepEqual(ins.payload, { sub: 'x', exp: NOW_S + 60 });
    const kek = crypto.randomBytes(16);
    const ins2 = await inspectToken(await enc({ sub: 'y' }, 'A128KW', kek), { key: { secret: kek.toString('base64url'), encoding: 'base64url' } });
    assert.deepEqual(ins2.payload, { sub: 'y' });
  });

  it('decrypts RSA-OAEP-256 and ECDH-ES with the private key, but does not call it authenticated', async () => {
    for (const [kind, alg] of [['rsa', 'RSA-OAEP-256'], ['ec', 'ECDH-ES']] as const) {
      const { publicKey, privateKey } = kind === 'rsa' ? crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }) : crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const token = await enc({ sub: kind }, alg, publicKey);
      const ins = await inspectToken(token, { key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string });
      assert.deepEqual(ins.payload, { sub: kind });
      assert.equal(ins.verdict, 'unverified');
      assert.match(ins.message, /Decrypted/);
    }
  });

  it('a wrong key does not decrypt', async () => {
    const ins = await inspectToken(await enc({ sub: 'x' }, 'dir', crypto.randomBytes(32)), { key: { secret: crypto.randomBytes(32).toString('hex'), encoding: 'hex' } });
    assert.equal(ins.verdict, 'invalid-signature');
    assert.equal(ins.payload, undefined);
  });
});
