// Issue 13.1, 13.3, 13.4 (pure parts): discovery URLs and documents, a secret's other readings, which key signed.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import { discoveryPlan, inspectToken, isCoreError, otherReadings, readDiscoveryDocument, whichKeySigned, type KeyCandidate } from '../../../src/core';

describe('core/discovery', () => {
  const plans: [string, string[]][] = [
    ['https://accounts.example.com', ['https://accounts.example.com/.well-known/openid-configuration', 'https://accounts.example.com/.well-known/oauth-authorization-server']],
    ['https://login.example.com/tenant-1/v2.0', ['https://login.example.com/tenant-1/v2.0/.well-known/openid-configuration', 'https://login.example.com/.well-known/oauth-authorization-server/tenant-1/v2.0']],
    ['https://auth.example.com/realms/dev/', ['https://auth.example.com/realms/dev/.well-known/openid-configuration', 'https://auth.example.com/.well-known/oauth-authorization-server/realms/dev']],
    ['http://127.0.0.1:5556/dex', ['http://127.0.0.1:5556/dex/.well-known/openid-configuration', 'http://127.0.0.1:5556/.well-known/oauth-authorization-server/dex']],
  ];
  for (const [iss, urls] of plans) {
    it(`${iss}: OpenID Connect Discovery §4 first, then RFC 8414 §3.1`, () => assert.deepEqual(discoveryPlan(iss), { issuer: iss, urls }));
  }
  const refused: [unknown, RegExp][] = [
    [undefined, /no "iss"/],
    ['my-django-app', /not a URL/],
    ['http://issuer.example', /https:\/\//],
    ['https://issuer.example/?tenant=1', /no query or fragment/],
    ['https://issuer.example/#x', /no query or fragment/],
    ['https://u:p@issuer.example', /credentials/],
    ['file:///etc', /https:\/\//],
  ];
  for (const [iss, why] of refused) {
    it(`refuses to discover ${String(iss)}`, () => assert.throws(() => discoveryPlan(iss), (e: unknown) => isCoreError(e, 'ERR_DISCOVERY') && why.test((e as Error).message)));
  }

  const doc = (o: object) => JSON.stringify(o);
  it('a document whose issuer is the token\'s iss, exactly, gives its jwks_uri', () => {
    assert.deepEqual(readDiscoveryDocument(doc({ issuer: 'https://a.example', jwks_uri: 'https://a.example/keys' }), 'https://a.example', 'u'), { jwksUri: 'https://a.example/keys' });
  });
  const bad: [string, RegExp][] = [
    [doc({ issuer: 'https://a.example/', jwks_uri: 'https://a.example/keys' }), /issuer "https:\/\/a\.example\/", not "https:\/\/a\.example".*identical/],
    [doc({ issuer: 'https://evil.example', jwks_uri: 'https://evil.example/keys' }), /issuer "https:\/\/evil\.example"/],
    [doc({ jwks_uri: 'https://a.example/keys' }), /no "issuer"/],
    [doc({ issuer: 'https://a.example' }), /no "jwks_uri"/],
    [doc({ issuer: 'https://a.example', jwks_uri: 'http://a.example/keys' }), /jwks_uri "http:\/\/a\.example\/keys", which is refused: Use https/],
    ['<html>', /not JSON/],
    ['[1]', /not an object/],
    ['{"issuer":"' + 'x'.repeat(300 * 1024) + '"}', /over 256 KiB/],
  ];
  for (const [text, why] of bad) {
    it(`refuses a document: ${why.source.slice(0, 50)}`, () => assert.throws(() => readDiscoveryDocument(text, 'https://a.example', 'u'), (e: unknown) => isCoreError(e, 'ERR_DISCOVERY') && why.test((e as Error).message)));
  }
});

describe('core: a secret read as text, hex, base64 or base64url (issue 13.3)', () => {
  const raw = crypto.randomBytes(32);
  const b64 = raw.toString('base64');
  const hex = raw.toString('hex');

  it('otherReadings lists only the encodings the text is written in', () => {
    assert.deepEqual(otherReadings(hex, 'utf8'), ['hex', 'base64', 'base64url']);
    assert.deepEqual(otherReadings('my secret!', 'utf8'), []);
    assert.deepEqual(otherReadings('ab+/', 'utf8'), ['hex', 'base64'].filter((e) => e !== 'hex'));
    assert.deepEqual(otherReadings(b64, 'base64'), ['utf8', ...(/^[A-Za-z0-9_-]+=*$/.test(b64) ? ['base64url'] : [])]);
  });

  it('a token jsonwebtoken signed with the base64-decoded secret: not verified with the text, and the reading that verifies is named', async () => {
    const token = jwt.sign({ sub: 'u' }, raw, { algorithm: 'HS256', expiresIn: 60 });
    const ins = await inspectToken(token, { key: b64 });
    assert.equal(ins.verdict, 'invalid-signature');
    assert.equal(ins.secretReading?.encoding, 'base64');
    assert.match(ins.detail!, /This token was signed with the base64-decoded secret\. Read the secret as base64 to verify it\./);
    const right = await inspectToken(token, { key: { secret: b64, encoding: 'base64' } });
    assert.equal(right.verdict, 'verified');
    assert.equal(right.secretReading, undefined);
  });

  it('PyJWT\'s recipe (hex text used as UTF-8) stays the default; a token signed with bytes.fromhex(secret) says hex', async () => {
    const asText = jwt.sign({ sub: 'u' }, hex, { algorithm: 'HS256', expiresIn: 60 });
    assert.equal((await inspectToken(asText, { key: hex })).verdict, 'verified');
    const asBytes = jwt.sign({ sub: 'u' }, raw, { algorithm: 'HS256', expiresIn: 60 });
    const ins = await inspectToken(asBytes, { key: hex });
    assert.equal(ins.secretReading?.encoding, 'hex');
    assert.equal((await inspectToken(asBytes, { key: { secret: hex, encoding: 'hex' } })).verdict, 'verified');
  });

  it('the other way: a source read as base64 whose token was signed with the text says "as text"', async () => {
    const token = jwt.sign({ sub: 'u' }, b64, { algorithm: 'HS256', expiresIn: 60 });
    const ins = await inspectToken(token, { key: { secret: b64, encoding: 'base64' } });
    assert.equal(ins.verdict, 'invalid-signature');
    assert.equal(ins.secretReading?.encoding, 'utf8');
    assert.match(ins.detail!, /signed with the secret as text/);
  });

  it('a wrong secret names no reading; a PEM or JWK key is never re-read', async () => {
    const token = jwt.sign({ sub: 'u' }, raw, { algorithm: 'HS256' });
    assert.equal((await inspectToken(token, { key: crypto.randomBytes(32).toString('base64') })).secretReading, undefined);
    assert.equal((await inspectToken(token, { key: { jwk: { kty: 'oct', k: crypto.randomBytes(32).toString('base64url') } } })).secretReading, undefined);
  });
});

describe('core/whichKey: which of my keys signed this (issue 13.4)', () => {
  const secrets = Array.from({ length: 40 }, (_, i) => ({ id: `env:${i}`, label: `.env.${i} JWT_SECRET`, key: crypto.randomBytes(32).toString('hex') }));
  const rsa = Array.from({ length: 5 }, (_, i) => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    return { id: `file:${i}`, label: `key file rsa-${i}.pem`, key: publicKey.export({ type: 'spki', format: 'pem' }).toString(), priv: privateKey };
  });
  const ec = Array.from({ length: 5 }, (_, i) => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return { id: `jwks:${i}`, label: `JWKS ${i}`, key: JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: `k${i}` }] }), priv: privateKey };
  });
  const all: KeyCandidate[] = [...secrets, ...rsa.map(({ priv: _p, ...c }) => c), ...ec.map(({ priv: _p, ...c }) => c)];

  it('finds the staging secret among 50 keys, only trying the keys that fit the algorithm', async () => {
    const token = jwt.sign({ sub: 'u', env: 'staging' }, secrets[27].key, { algorithm: 'HS256', expiresIn: -10 });
    const r = await whichKeySigned(token, all);
    assert.deepEqual(r.matches, [{ id: 'env:27', label: '.env.27 JWT_SECRET' }], 'an expired token was still signed by that key');
    assert.equal(r.tried, 40);
    assert.equal(r.skipped, 10);
  });

  it('an RS256 and an ES256 token each find their public key, whatever the kid says', async () => {
    const rs = jwt.sign({ sub: 'u' }, rsa[3].priv, { algorithm: 'RS256', keyid: 'not-this' });
    assert.deepEqual((await whichKeySigned(rs, all)).matches.map((m) => m.id), ['file:3']);
    const es = jwt.sign({ sub: 'u' }, ec[1].priv, { algorithm: 'ES256' });
    assert.deepEqual((await whichKeySigned(es, all)).matches.map((m) => m.id), ['jwks:1']);
  });

  it('a key that signed with the decoded secret is found and the reading said', async () => {
    const token = jwt.sign({ sub: 'u' }, Buffer.from(secrets[5].key, 'hex'), { algorithm: 'HS256' });
    assert.deepEqual((await whichKeySigned(token, all)).matches, [{ id: 'env:5', label: '.env.5 JWT_SECRET', reading: 'hex' }]);
  });

  it('nothing matches: an empty list, and unsigned or encrypted tokens say why nothing was tried', async () => {
    assert.deepEqual((await whichKeySigned(jwt.sign({ a: 1 }, 'another-secret-another-secret-12'), all)).matches, []);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
    assert.match((await whichKeySigned(unsigned, all)).why!, /not signed/);
    assert.match((await whichKeySigned('a.b.c.d.e', all)).why!, /encrypted/);
  });
});
