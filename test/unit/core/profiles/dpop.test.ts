// A token never supplies its own trust: a DPoP proof (typ dpop+jwt) checked with the key in its own header gets a
// verdict of its own that is never 'verified'; the DPoP profile applies to a top-level proof only — inside an SD-JWT,
// a JWE or a nested JWT such a token is one more JWS, verified with the user's key or refused; and a pair reads
// verified only when the access token verifies with the user's key and the proof binds to it.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { CompactEncrypt, CompactSign, SignJWT, calculateJwkThumbprint, type JWK } from 'jose';
import { inspectToken, signToken, type Inspection } from '../../../../src/core';
import { accessTokenHash } from '../../../../src/core/profiles/dpop';

const SECRET = crypto.randomBytes(32).toString('hex');
const now = () => Math.floor(Date.now() / 1000);
const check = (ins: Inspection | undefined, name: string) => ins?.checks?.find((c) => c.name === name);
const holder = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const holderJwk = holder.publicKey.export({ format: 'jwk' });

/** A token signed by the key in its own header, with claims of its author's choosing. */
async function selfKeyed(claims: Record<string, unknown>, typ = 'dpop+jwt', extraHeader: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ jti: crypto.randomUUID(), htm: 'GET', htu: 'https://api.example.com/admin', iat: now(), ...claims })
    .setProtectedHeader({ alg: 'ES256', typ, jwk: holderJwk, ...extraHeader })
    .sign(holder.privateKey);
}

/** A verdict that says, in any consumer, that the user's key verified it. */
function assertNotVerified(ins: Inspection): void {
  assert.notEqual(ins.verdict, 'verified', `${ins.message} ${ins.detail ?? ''}`);
  assert.doesNotMatch(ins.message, /^(signature )?verified|\bis valid\b/i);
}

describe('core: a token never supplies its own trust (DPoP header keys)', () => {
  it('a pasted proof signed by its own header key reads "proof of possession", naming that key — never verified, whatever the user\'s key', async () => {
    const proof = await selfKeyed({ sub: 'admin', role: 'admin' });
    for (const key of [SECRET, undefined]) {
      const ins = await inspectToken(proof, { key, issuer: 'https://as.example.com', audience: 'https://api.example.com', leeway: 7 });
      assertNotVerified(ins);
      assert.equal(ins.verdict, 'possession', ins.detail);
      assert.equal(ins.profile, 'dpop');
      assert.equal(ins.ownKey, true);
      assert.match(ins.message, /Proof of possession: signed by the key in its own header — not verified with any key of yours/);
      const thumbprint = await calculateJwkThumbprint(holderJwk as JWK);
      assert.match(ins.verifiedWith!.description, /key in the proof's own header/);
      assert.match(ins.verifiedWith!.description, new RegExp(thumbprint));
      // The expected issuer and audience are never silently set aside: the list says what became of them.
      assert.match(check(ins, 'expected issuer')!.message, /https:\/\/as\.example\.com/);
      assert.equal(check(ins, 'expected issuer')!.status, 'not-checked');
      assert.match(check(ins, 'expected audience')!.message, /https:\/\/api\.example\.com/);
      assert.match(check(ins, 'iat')!.message, /.+/);
    }
  });

  it('the same token with typ JWT is refused with the user\'s key, as before', async () => {
    const ins = await inspectToken(await selfKeyed({ role: 'admin' }, 'JWT'), { key: SECRET });
    // The user's key is a secret and the token says ES256: no key of its kind, so not verified (22.4), never by its own.
    assert.equal(ins.verdict, 'unverified');
    assert.match(ins.detail ?? '', /no signature was checked/);
    // With an ES256 key of the user's (not the header's), the signature is checked, and fails.
    const mine = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
    for (const typ of ['JWT', 'dpop+jwt']) {
      const sd = await inspectToken(`${await selfKeyed({ role: 'admin' }, typ)}~`, { key: mine });
      assert.equal(sd.verdict, 'invalid-signature', `${typ} inside an SD-JWT: ${sd.detail}`);
    }
    assert.equal((await inspectToken(await selfKeyed({ role: 'admin' }, 'JWT'), { key: mine })).verdict, 'invalid-signature');
  });

  it('a proof whose own checks fail is refused, still naming its own key', async () => {
    const ins = await inspectToken(await selfKeyed({ iat: now() - 3600 }), { key: SECRET });
    assert.equal(ins.verdict, 'claim-mismatch');
    assert.equal(ins.ownKey, true);
    assert.match(ins.verifiedWith!.description, /proof's own header/);
  });

  it('an SD-JWT whose issuer-signed JWT is dpop-typed and signed by its own header key: refused with the user\'s key, role: admin never verified', async () => {
    const issuerJwt = await selfKeyed({ sub: 'mallory', role: 'admin', _sd_alg: 'sha-256' });
    for (const sd of [`${issuerJwt}~`, `${issuerJwt}~`.replace(/~$/, '~~')]) {
      const ins = await inspectToken(sd, { key: SECRET });
      assertNotVerified(ins);
      assert.notEqual(ins.verdict, 'possession');
      assert.equal(ins.verdict, 'unverified', ins.detail);
      assert.notEqual(check(ins, 'issuer signature')?.status, 'passed');
      assert.equal(ins.verifiedWith, undefined);
    }
    // Without any key it is unverified, never the proof's own.
    const none = await inspectToken(`${issuerJwt}~`);
    assert.equal(none.verdict, 'unverified');
  });

  it('a JWE encrypted to the user\'s RSA key holding such a token: the inner token is refused with the user\'s key', async () => {
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const inner = await selfKeyed({ sub: 'mallory', role: 'admin' });
    const jwe = await new CompactEncrypt(new TextEncoder().encode(inner)).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT' }).encrypt(rsa.publicKey);
    const ins = await inspectToken(jwe, { key: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string });
    assertNotVerified(ins);
    assert.equal(ins.nested?.verdict, 'unverified', ins.nested?.detail);
    assert.match(ins.nested?.detail ?? '', /no signature was checked/);
    assert.equal(ins.verdict, 'unverified');
    assert.notEqual(ins.nested?.profile, 'dpop');
  });

  it('a nested JWT (cty JWT) whose inner token is such a token: the inner is refused with the user\'s key', async () => {
    const inner = await selfKeyed({ role: 'admin' });
    // The outer layer's payload is the inner token's text.
    const nested = await new CompactSign(new TextEncoder().encode(inner)).setProtectedHeader({ alg: 'HS256', cty: 'JWT' }).sign(new TextEncoder().encode(SECRET));
    const ins = await inspectToken(nested, { key: SECRET });
    assertNotVerified(ins);
    assert.equal(ins.nested?.verdict, 'unverified', ins.nested?.detail);
    assert.match(ins.nested?.detail ?? '', /no signature was checked/);
    assert.equal(ins.verdict, 'unverified');
  });

  it('a pair with an opaque access token is never verified: nothing was verified with a key of the user\'s', async () => {
    const at = 'Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU';
    const proof = await selfKeyed({ htm: 'GET', htu: 'https://api.example.com/admin', ath: await accessTokenHash(at) });
    const ins = await inspectToken(`GET https://api.example.com/admin\nAuthorization: DPoP ${at}\nDPoP: ${proof}`, { key: SECRET });
    assertNotVerified(ins);
    assert.equal(ins.verdict, 'possession', ins.detail);
    assert.equal(check(ins, 'ath')?.status, 'passed');
    assert.equal(check(ins, 'access token')?.status, 'not-checked');
  });

  it('a pair reads verified only when the access token verifies with the user\'s key and is bound to the proof\'s key', async () => {
    const jkt = await calculateJwkThumbprint(holderJwk as JWK);
    const pairOf = async (at: string) => `GET https://api.example.com/admin\nAuthorization: DPoP ${at}\nDPoP: ${await selfKeyed({ ath: await accessTokenHash(at) })}`;
    const bound = await signToken({ iss: 'https://as.example.com', sub: 'alice', aud: 'https://api.example.com', cnf: { jkt } }, SECRET, { lifetime: '1h' });
    const ok = await inspectToken(await pairOf(bound), { key: SECRET, issuer: 'https://as.example.com', audience: 'https://api.example.com' });
    assert.equal(ok.verdict, 'verified', ok.detail);
    assert.equal(ok.dpop?.verdict, 'possession');
    assert.equal(check(ok, 'DPoP proof')?.status, 'passed');
    // The expected issuer applies to the access token of a pair.
    const otherIssuer = await inspectToken(await pairOf(bound), { key: SECRET, issuer: 'https://evil.example' });
    assert.equal(otherIssuer.verdict, 'claim-mismatch');
    assert.match(otherIssuer.detail!, /evil\.example/);
    // An access token bound to no key: the proof binds nothing.
    const unbound = await signToken({ iss: 'https://as.example.com', sub: 'alice' }, SECRET, { lifetime: '1h' });
    const loose = await inspectToken(await pairOf(unbound), { key: SECRET });
    assertNotVerified(loose);
    assert.equal(check(loose.dpop, 'binding')?.status, 'failed');
    // An access token the user's key does not verify: the pair is not verified, whatever the proof.
    const forged = await signToken({ iss: 'https://as.example.com', sub: 'alice', cnf: { jkt } }, crypto.randomBytes(32).toString('hex'), { lifetime: '1h' });
    assertNotVerified(await inspectToken(await pairOf(forged), { key: SECRET }));
  });
});
