// Issue 12: DPoP proofs (RFC 9449) made by panva's `dpop`, JWT access tokens (RFC 9068) and DPoP pairs cross-checked
// with `oauth4webapi`'s validateJwtAccessToken on the same tokens, ID tokens against its code-flow checks, and the
// RFC 9449 examples at their own time. One tampering test per required check.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as dpop from 'dpop';
import { SignJWT, exportJWK, calculateJwkThumbprint, type JWK } from 'jose';
import * as oauth from 'oauth4webapi';
import { inspectToken, signToken, type Inspection } from '../../src/core';
const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures');

const check = (ins: Inspection, name: string) => ins.checks?.find((c) => c.name === name);
const now = () => Math.floor(Date.now() / 1000);

describe('DPoP proofs and pairs (RFC 9449)', function () {
  this.timeout(30000);
  const as = { issuer: 'https://as.example.com', jwks_uri: 'https://as.example.com/jwks' };
  const asKey = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const asPrivate = asKey.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const asJwks = { keys: [{ ...asKey.publicKey.export({ format: 'jwk' }), kid: 'as-1', alg: 'ES256', use: 'sig' }] };
  const peerOptions = { [oauth.customFetch]: async () => new Response(JSON.stringify(asJwks), { headers: { 'content-type': 'application/json' } }) };
  const accessToken = async (jkt: string | undefined, claims: Record<string, unknown> = {}) =>
    signToken({ iss: as.issuer, sub: 'alice', aud: 'https://api.example.com', client_id: 's6BhdRkqt3', jti: crypto.randomUUID(), scope: 'read write', ...(jkt ? { cnf: { jkt } } : {}), ...claims }, asPrivate, { alg: 'ES256', header: { typ: 'at+jwt', kid: 'as-1' }, lifetime: '1h' });

  for (const alg of ['ES256', 'Ed25519', 'RS256'] as const) {
    it(`a proof dpop makes with ${alg} holds for its own header key — proof of possession, never verified; its thumbprint is said`, async () => {
      const keys = await dpop.generateKeyPair(alg, { extractable: true });
      const proof = await dpop.generateProof(keys, 'https://api.example.com/items?page=2', 'GET');
      const ins = await inspectToken(proof, { htm: 'GET', htu: 'https://api.example.com/items' });
      assert.equal(ins.profile, 'dpop');
      assert.equal(ins.verdict, 'possession', ins.detail);
      assert.equal(ins.ownKey, true);
      for (const c of ins.checks!) assert.notEqual(c.status, 'failed', `${c.name}: ${c.message}`);
      const thumbprint = await calculateJwkThumbprint((await exportJWK(keys.publicKey)) as JWK);
      assert.match(check(ins, 'proof signature')!.message, new RegExp(thumbprint));
      assert.match(ins.verifiedWith!.description, new RegExp(`proof's own header.*${thumbprint}`));
      assert.equal(check(ins, 'htu')?.status, 'passed', 'query and fragment are ignored (RFC 9449 §4.3)');
      assert.match(ins.detail!, /the sender holds this key, not who they are/);
      assert.ok(!ins.warnings.some((w) => w.code === 'no-exp'), 'a proof has no exp by design');
    });
  }

  it('a DPoP pair: oauth4webapi accepts the request, and so do we (access token with our key, proof with its own)', async () => {
    const keys = await dpop.generateKeyPair('ES256', { extractable: true });
    const jkt = await dpop.calculateThumbprint(keys.publicKey);
    const at = await accessToken(jkt);
    const proof = await dpop.generateProof(keys, 'https://api.example.com/orders', 'POST', undefined, at);
    const request = new Request('https://api.example.com/orders', { method: 'POST', headers: { authorization: `DPoP ${at}`, dpop: proof } });
    await oauth.validateJwtAccessToken(as, request, 'https://api.example.com', peerOptions);
    const ins = await inspectToken(`POST https://api.example.com/orders\nAuthorization: DPoP ${at}\nDPoP: ${proof}`, { key: JSON.stringify(asJwks), audience: 'https://api.example.com' });
    assert.equal(ins.verdict, 'verified', ins.detail);
    assert.equal(ins.profile, 'at+jwt');
    assert.equal(check(ins, 'DPoP proof')?.status, 'passed');
    for (const name of ['ath', 'binding', 'htm', 'htu', 'iat', 'jti']) assert.equal(check(ins.dpop!, name)?.status, 'passed', name);
    assert.equal(ins.pair, `POST https://api.example.com/orders\nAuthorization: DPoP ${at}\nDPoP: ${proof}`);
    // Pasted as two tokens, proof first: the same pair.
    const pasted = await inspectToken(`${proof}\n${at}`, { key: JSON.stringify(asJwks) });
    assert.equal(pasted.dpop?.profile, 'dpop');
    assert.equal(check(pasted.dpop!, 'ath')?.status, 'passed');
  });

  describe('tampering: each is refused by oauth4webapi and fails the check it should here', () => {
    let keys: dpop.KeyPair;
    let jkt: string;
    before(async () => {
      keys = await dpop.generateKeyPair('ES256', { extractable: true });
      jkt = await dpop.calculateThumbprint(keys.publicKey);
    });
    const both = async (at: string, proof: string, method: string, url: string, name: string, why: RegExp) => {
      await assert.rejects(oauth.validateJwtAccessToken(as, new Request(url, { method, headers: { authorization: `DPoP ${at}`, dpop: proof } }), 'https://api.example.com', peerOptions));
      const ins = await inspectToken(`${method} ${url}\nAuthorization: DPoP ${at}\nDPoP: ${proof}`, { key: JSON.stringify(asJwks) });
      assert.notEqual(ins.verdict, 'verified');
      assert.equal(check(ins.dpop!, name)?.status, 'failed', JSON.stringify(ins.dpop?.checks));
      assert.match(check(ins.dpop!, name)!.message, why);
      assert.equal(check(ins, 'DPoP proof')?.status, 'failed');
    };
    it('another URL (htu)', async () => {
      const at = await accessToken(jkt);
      await both(at, await dpop.generateProof(keys, 'https://api.example.com/other', 'GET', undefined, at), 'GET', 'https://api.example.com/orders', 'htu', /not https:\/\/api\.example\.com\/orders/);
    });
    it('another method (htm)', async () => {
      const at = await accessToken(jkt);
      await both(at, await dpop.generateProof(keys, 'https://api.example.com/orders', 'GET', undefined, at), 'DELETE', 'https://api.example.com/orders', 'htm', /for GET requests, not DELETE/);
    });
    it('another access token (ath)', async () => {
      const at = await accessToken(jkt);
      await both(at, await dpop.generateProof(keys, 'https://api.example.com/orders', 'GET', undefined, await accessToken(jkt)), 'GET', 'https://api.example.com/orders', 'ath', /made for another one/);
    });
    it('no ath at all', async () => {
      const at = await accessToken(jkt);
      await both(at, await dpop.generateProof(keys, 'https://api.example.com/orders', 'GET'), 'GET', 'https://api.example.com/orders', 'ath', /no "ath"/);
    });
    it('a token bound to another key (cnf.jkt)', async () => {
      const other = await dpop.generateKeyPair('ES256');
      const at = await accessToken(await dpop.calculateThumbprint(other.publicKey));
      await both(at, await dpop.generateProof(keys, 'https://api.example.com/orders', 'GET', undefined, at), 'GET', 'https://api.example.com/orders', 'binding', /bound to the key with thumbprint/);
    });
    it('a proof made an hour ago (iat)', async () => {
      const at = await accessToken(jkt);
      // dpop always stamps the current time; an old proof is made with the same key by hand.
      const { accessTokenHash } = await import('../../src/core/profiles/dpop');
      const old = await new SignJWT({ jti: crypto.randomUUID(), htm: 'GET', htu: 'https://api.example.com/orders', iat: now() - 3600, ath: await accessTokenHash(at) })
        .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: (await exportJWK(keys.publicKey)) as JWK })
        .sign(keys.privateKey);
      await both(at, old, 'GET', 'https://api.example.com/orders', 'iat', /60 minutes ago/);
    });
  });

  const craft = async (header: Record<string, unknown>, payload: Record<string, unknown>) => {
    const k = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', ...header }).sign(k.privateKey);
  };
  it('a header jwk with private members is refused (and its leak said); a symmetric one too; none at all too', async () => {
    const k = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const leaked = await new SignJWT({ jti: 'x', htm: 'GET', htu: 'https://a.example/', iat: now() }).setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: k.privateKey.export({ format: 'jwk' }) }).sign(k.privateKey);
    const ins = await inspectToken(leaked);
    assert.notEqual(ins.verdict, 'verified');
    assert.match(check(ins, 'proof key')!.message, /holds private key material \(d\)/);
    const sym = await inspectToken(await craft({ jwk: { kty: 'oct', k: 'AAAA' } }, { jti: 'x', htm: 'GET', htu: 'https://a.example/', iat: now() }));
    assert.match(check(sym, 'proof key')!.message, /private key material \(k\)|must be asymmetric/);
    const none = await inspectToken(await craft({}, { jti: 'x', htm: 'GET', htu: 'https://a.example/', iat: now() }));
    assert.notEqual(none.verdict, 'verified');
    assert.match(check(none, 'proof key')!.message, /carry its public key/);
  });
  it('a proof signed by another key than its header jwk is an invalid signature; a missing jti fails', async () => {
    const other = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forged = await craft({ jwk: other.publicKey.export({ format: 'jwk' }) }, { jti: 'x', htm: 'GET', htu: 'https://a.example/', iat: now() });
    assert.equal((await inspectToken(forged)).verdict, 'invalid-signature');
    const keys = await dpop.generateKeyPair('ES256');
    const noJti = await dpop.generateProof(keys, 'https://a.example/', 'GET', undefined, undefined, { jti: null as never });
    const ins = await inspectToken(noJti);
    if (ins.payload && (ins.payload as Record<string, unknown>).jti === null) assert.equal(check(ins, 'jti')?.status, 'failed');
  });
  it('the server\'s nonce is checked when given', async () => {
    const keys = await dpop.generateKeyPair('ES256');
    const proof = await dpop.generateProof(keys, 'https://a.example/', 'GET', 'server-nonce-1');
    assert.equal(check(await inspectToken(proof, { dpopNonce: 'server-nonce-1' }), 'nonce')?.status, 'passed');
    const stale = await inspectToken(proof, { dpopNonce: 'server-nonce-2' });
    assert.equal(stale.verdict, 'claim-mismatch');
    assert.equal(check(stale, 'nonce')?.status, 'failed');
  });

  it('RFC 9449 Figure 2 holds at its own time, for POST https://server.example.com/token (proof of possession)', async () => {
    const proof = fs.readFileSync(path.join(FIXTURES, 'rfc9449', 'figure2-proof.txt'), 'utf8').trim();
    const ins = await inspectToken(proof, { now: new Date(1562262616 * 1000), htm: 'POST', htu: 'https://server.example.com/token' });
    assert.equal(ins.verdict, 'possession', ins.detail);
    for (const c of ins.checks!) assert.notEqual(c.status, 'failed', `${c.name}: ${c.message}`);
    assert.equal(ins.profile, 'dpop');
    // …and years later, it is a replay.
    assert.equal(check(await inspectToken(proof), 'iat')?.status, 'failed');
  });

  it('RFC 9449 Figure 13 (an opaque access token and its proof, as a request): the proof and its ath hold at its time — possession, not verified', async () => {
    const request = fs.readFileSync(path.join(FIXTURES, 'rfc9449', 'figure13.http'), 'utf8');
    const ins = await inspectToken(request, { now: new Date(1562262618 * 1000) });
    assert.equal(ins.profile, 'dpop');
    assert.equal(ins.verdict, 'possession', ins.detail);
    for (const c of ins.checks!) assert.notEqual(c.status, 'failed', `${c.name}: ${c.message}`);
    for (const name of ['ath', 'htm', 'htu']) assert.equal(check(ins, name)?.status, 'passed', name);
    assert.equal(check(ins, 'access token')?.status, 'not-checked');
    assert.match(ins.pair!, /^GET https:\/\/resource\.example\.org\/protectedresource\nAuthorization: DPoP Kz~8mXK1/);
  });
});

describe('JWT access tokens (RFC 9068) and ID tokens, with oauth4webapi', function () {
  this.timeout(30000);
  const as = { issuer: 'https://as.example.com', jwks_uri: 'https://as.example.com/jwks' };
  const key = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const priv = key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const jwks = { keys: [{ ...key.publicKey.export({ format: 'jwk' }), kid: 'k', alg: 'ES256' }] };
  const peerOptions = { [oauth.customFetch]: async () => new Response(JSON.stringify(jwks), { headers: { 'content-type': 'application/json' } }) };
  const at = (claims: Record<string, unknown>) => signToken({ iss: as.issuer, sub: 'alice', aud: 'https://api.example.com', client_id: 'c1', jti: 'j1', ...claims }, priv, { alg: 'ES256', header: { typ: 'at+jwt', kid: 'k' }, lifetime: '1h' });
  const bearer = (token: string) => new Request('https://api.example.com/', { headers: { authorization: `Bearer ${token}` } });

  it('an at+jwt both accept; its scope is described', async () => {
    const token = await at({ scope: 'read:orders write:orders', roles: ['admin'] });
    await oauth.validateJwtAccessToken(as, bearer(token), 'https://api.example.com', peerOptions);
    const ins = await inspectToken(token, { key: JSON.stringify(jwks), audience: 'https://api.example.com', clientId: 'c1' });
    assert.equal(ins.profile, 'at+jwt');
    assert.equal(ins.verdict, 'verified', ins.detail);
    assert.match(check(ins, 'authorization')!.message, /scope read:orders write:orders; roles: admin/);
  });
  for (const missing of ['sub', 'client_id', 'jti', 'iat']) {
    it(`without ${missing}: oauth4webapi refuses it, and the required-claims check fails here`, async () => {
      const token = await signToken(Object.fromEntries(Object.entries({ iss: as.issuer, sub: 'alice', aud: 'https://api.example.com', client_id: 'c1', jti: 'j1', iat: now(), exp: now() + 600 }).filter(([k]) => k !== missing)), priv, { alg: 'ES256', header: { typ: 'at+jwt', kid: 'k' }, addDefaults: false });
      await assert.rejects(oauth.validateJwtAccessToken(as, bearer(token), 'https://api.example.com', peerOptions));
      const ins = await inspectToken(token, { key: JSON.stringify(jwks) });
      assert.equal(ins.verdict, 'claim-mismatch');
      assert.match(check(ins, 'required claims')!.message, new RegExp(`"${missing}"`));
    });
  }
  it('a token typed JWT is not taken for an access token by either', async () => {
    const token = await signToken({ iss: as.issuer, sub: 'a', aud: 'https://api.example.com', client_id: 'c1', jti: 'j' }, priv, { alg: 'ES256', header: { kid: 'k' } });
    await assert.rejects(oauth.validateJwtAccessToken(as, bearer(token), 'https://api.example.com', peerOptions));
    assert.notEqual((await inspectToken(token, { key: JSON.stringify(jwks) })).profile, 'at+jwt');
  });
  it('another client: client_id fails when the client is given', async () => {
    const ins = await inspectToken(await at({}), { key: JSON.stringify(jwks), clientId: 'other' });
    assert.equal(ins.verdict, 'claim-mismatch');
    assert.equal(check(ins, 'client_id')?.status, 'failed');
  });

  describe('ID tokens (OpenID Connect Core §3.1.3.7)', () => {
    const client = { client_id: 'c1', id_token_signed_response_alg: 'ES256' };
    const idToken = (claims: Record<string, unknown>) => signToken({ iss: as.issuer, sub: 'alice', aud: 'c1', nonce: 'n-0S6_WzA2Mj', ...claims }, priv, { alg: 'ES256', header: { kid: 'k' }, lifetime: '1h' });
    const tokenResponse = async (id: string, accessToken = 'opaque-at') => new Response(JSON.stringify({ access_token: accessToken, token_type: 'bearer', id_token: id }), { headers: { 'content-type': 'application/json' } });
    const peer = async (id: string, nonce = 'n-0S6_WzA2Mj') => oauth.processAuthorizationCodeResponse(as, client, await tokenResponse(id), { expectedNonce: nonce, ...peerOptions });

    it('one both accept: recognised by its nonce, aud and nonce checked, at_hash of the access token checked', async () => {
      const { halfHash } = await import('../../src/core/profiles/idToken');
      const token = await idToken({ at_hash: await halfHash('opaque-at', 'ES256') });
      await peer(token);
      const ins = await inspectToken(token, { key: JSON.stringify(jwks), clientId: 'c1', nonce: 'n-0S6_WzA2Mj', accessToken: 'opaque-at' });
      assert.equal(ins.profile, 'id-token');
      assert.equal(ins.verdict, 'verified', ins.detail);
      for (const name of ['aud', 'nonce', 'at_hash']) assert.equal(check(ins, name)?.status, 'passed', name);
    });
    it('another nonce: both refuse it', async () => {
      const token = await idToken({});
      await assert.rejects(peer(token, 'other'));
      const ins = await inspectToken(token, { key: JSON.stringify(jwks), nonce: 'other' });
      assert.equal(ins.verdict, 'claim-mismatch');
      assert.equal(check(ins, 'nonce')?.status, 'failed');
    });
    it('for another client: both refuse it', async () => {
      const token = await idToken({ aud: 'c2' });
      await assert.rejects(peer(token));
      assert.equal(check(await inspectToken(token, { key: JSON.stringify(jwks), clientId: 'c1' }), 'aud')?.status, 'failed');
    });
    it('several audiences and no azp: azp fails here; oauth4webapi refuses any untrusted extra audience (stricter than OpenID Connect Core §3.1.3.7, which allows them with azp)', async () => {
      const token = await idToken({ aud: ['c1', 'c2'] });
      const ins = await inspectToken(token, { key: JSON.stringify(jwks), clientId: 'c1' });
      assert.equal(check(ins, 'azp')?.status, 'failed');
      await assert.rejects(peer(token), /additional untrusted audiences/);
    });
    it('an at_hash of another access token fails', async () => {
      const token = await idToken({ at_hash: 'AAAAAAAAAAAAAAAAAAAAAA' });
      assert.equal(check(await inspectToken(token, { key: JSON.stringify(jwks), accessToken: 'opaque-at' }), 'at_hash')?.status, 'failed');
    });
  });
});
