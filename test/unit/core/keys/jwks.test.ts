import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { checkJwksUrl, describeKey, inspectToken, isCoreError, parseJwks, readKeyFile, secretAsJwk, signToken } from '../../../../src/core';

function rsaPair(kid: string): { privateJwk: crypto.JsonWebKey; publicJwk: crypto.JsonWebKey } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateJwk: { ...privateKey.export({ format: 'jwk' }), kid }, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
}

describe('core/jwks', () => {
  describe('checkJwksUrl', () => {
    for (const ok of ['https://issuer.example/.well-known/jwks.json', 'http://localhost:8080/jwks', 'http://127.0.0.1:5556/dex/keys', 'http://[::1]/k']) {
      it(`accepts ${ok}`, () => assert.equal(checkJwksUrl(`  ${ok}  `), new URL(ok).toString()));
    }
    const bad: [string, RegExp][] = [
      ['http://issuer.example/jwks', /https:\/\//],
      ['ftp://issuer.example/jwks', /https:\/\//],
      ['file:///etc/passwd', /https:\/\//],
      ['javascript:alert(1)', /https:\/\//],
      ['https://user:pass@issuer.example/jwks', /credentials/],
      ['issuer.example/jwks', /Not a URL/],
      ['http://localhost.evil.example/jwks', /https:\/\//],
      ['http://127.0.0.1.evil.example/jwks', /https:\/\//],
    ];
    for (const [url, why] of bad) {
      it(`refuses ${url}`, () => assert.throws(() => checkJwksUrl(url), (e: unknown) => isCoreError(e, 'ERR_JWKS_URL') && why.test((e as Error).message)));
    }
    it('drops a fragment', () => assert.equal(checkJwksUrl('https://i.example/jwks#x'), 'https://i.example/jwks'));

    // Private, link-local, loopback and unspecified targets: in every spelling the URL parser accepts for them.
    const local = [
      'https://10.0.0.5/jwks',
      'https://169.254.169.254/latest/meta-data/',
      'https://[fd00::1]/jwks',
      'https://192.168.1.1/jwks',
      'https://172.16.0.1/jwks',
      'https://172.31.255.255/jwks',
      'https://100.64.0.1/jwks',
      'https://127.0.0.1/jwks',
      'https://127.1.2.3/jwks',
      'https://0x7f.1/jwks',
      'https://2130706433/jwks',
      'https://0.0.0.0/jwks',
      'https://[::1]/jwks',
      'https://[::]/jwks',
      'https://[fe80::1]/jwks',
      'https://[::ffff:127.0.0.1]/jwks',
      'https://[::ffff:10.0.0.5]/jwks',
      'https://[::ffff:a9fe:a9fe]/jwks',
      'https://[::127.0.0.1]/jwks',
      'https://[64:ff9b::10.0.0.5]/jwks',
      'https://localhost/jwks',
      'https://api.localhost/jwks',
    ];
    for (const url of local) {
      it(`refuses the local or private target ${url} for a public issuer`, () =>
        assert.throws(() => checkJwksUrl(url, 'https://issuer.example'), (e: unknown) => isCoreError(e, 'ERR_JWKS_URL') && /private|link-local|loopback|this machine|unspecified/.test((e as Error).message)));
    }
    for (const url of ['https://10.0.0.5/jwks', 'https://[fd00::1]/jwks', 'https://169.254.169.254/']) {
      it(`refuses ${url} typed as a JWKS URL of its own`, () => assert.throws(() => checkJwksUrl(url), (e: unknown) => isCoreError(e, 'ERR_JWKS_URL')));
    }
    it('a loopback issuer may lead to loopback targets (a local identity provider), never to private or link-local ones', () => {
      assert.equal(checkJwksUrl('http://127.0.0.1:9000/keys', 'http://localhost:8080/realms/dev'), 'http://127.0.0.1:9000/keys');
      assert.equal(checkJwksUrl('http://[::1]:9000/keys', 'http://127.0.0.1:8080'), 'http://[::1]:9000/keys');
      assert.throws(() => checkJwksUrl('https://10.0.0.5/keys', 'http://127.0.0.1:8080'), /private/);
      assert.throws(() => checkJwksUrl('https://169.254.169.254/', 'http://127.0.0.1:8080'), /link-local/);
    });
    for (const ok of ['https://8.8.8.8/jwks', 'https://172.32.0.1/jwks', 'https://[2606:4700::1111]/jwks', 'https://login.microsoftonline.com/common/discovery/v2.0/keys']) {
      it(`accepts the public target ${ok}`, () => assert.equal(checkJwksUrl(ok, 'https://issuer.example'), new URL(ok).toString()));
    }
  });

  describe('parseJwks', () => {
    it('reads a set of public keys and lists their kids; a token signed by one of them verifies with the set', async () => {
      const a = rsaPair('a');
      const b = rsaPair('b');
      const { kid: _noKid, ...anonymous } = rsaPair('c').publicJwk;
      const { jwks, kids, count } = parseJwks(JSON.stringify({ keys: [a.publicJwk, b.publicJwk, anonymous] }));
      assert.deepEqual(kids, ['a', 'b']);
      assert.equal(count, 3, 'a key without a kid still counts');
      const token = await signToken({ sub: 'x' }, { jwk: b.privateJwk }, { alg: 'RS256' });
      const ins = await inspectToken(token, { key: { jwks } });
      assert.equal(ins.verdict, 'verified');
    });
    const refused: [string, string, RegExp][] = [
      ['not JSON', '<html>login</html>', /not JSON/],
      ['no keys array', '{"issuer":"x"}', /no "keys" array/],
      ['no usable key', '{"keys":[{"kty":"XYZ"}]}', /no usable key/],
      ['a private key', JSON.stringify({ keys: [rsaPair('p').privateJwk] }), /private key material/],
      ['a symmetric key', JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA' }] }), /private key material.*"k"/],
      ['a private member that would be skipped (use "enc")', JSON.stringify({ keys: [rsaPair('s').publicJwk, { ...rsaPair('e').privateJwk, use: 'enc' }] }), /private key material \(member "e" has "d", "p", "q", "dp", "dq", "qi"\)/],
      ['a private member of an unknown key type', JSON.stringify({ keys: [rsaPair('s').publicJwk, { kty: 'XYZ', d: 'AAAA' }] }), /member 2 has "d"/],
      ['an ML-DSA private key (its "priv", RFC 9964)', JSON.stringify({ keys: [rsaPair('s').publicJwk, { kty: 'AKP', alg: 'ML-DSA-44', kid: 'pq', pub: 'AAAA', priv: 'AAAA' }] }), /private key material \(member "pq" has "priv"\)/],
      ['an oversized body', JSON.stringify({ keys: [], pad: 'x'.repeat(1024 * 1024) }), /over 1024 KiB/],
    ];
    for (const [name, body, why] of refused) {
      it(`refuses ${name}`, () => assert.throws(() => parseJwks(body), (e: unknown) => isCoreError(e, 'ERR_JWKS_RESPONSE') && why.test((e as Error).message)));
    }
  });
});

describe('core/keys describeKey sizes', () => {
  it('an RSA 1024 key is refused in every form, with its size in the reason', () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    for (const input of [publicKey.export({ format: 'pem', type: 'spki' }) as string, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, { jwk: publicKey.export({ format: 'jwk' }) }, { jwk: privateKey.export({ format: 'jwk' }) }]) {
      assert.throws(() => describeKey(input), /1024 bits; RS and PS algorithms need at least 2048|1024 bits.*2048/);
    }
  });
  for (const modulusLength of [2048, 3072, 4096]) {
    it(`an RSA ${modulusLength} key is ${modulusLength} bits as PEM and as JWK (public and private)`, () => {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength });
      const inputs = [
        publicKey.export({ format: 'pem', type: 'spki' }) as string,
        privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
        { jwk: publicKey.export({ format: 'jwk' }) },
        { jwk: privateKey.export({ format: 'jwk' }) },
      ];
      for (const input of inputs) assert.equal(describeKey(input)[0].bits, modulusLength, JSON.stringify(describeKey(input)[0]));
    });
  }
});

describe('core/readKeyFile: a key file holds a key, or is refused with what it holds', () => {
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = ec.publicKey.export({ format: 'jwk' });
  const cases: [string, string, RegExp | 'pem' | 'jwk' | 'jwks'][] = [
    ['a PEM block', ec.publicKey.export({ type: 'spki', format: 'pem' }) as string, 'pem'],
    ['a JWK', JSON.stringify(jwk), 'jwk'],
    ['a JWK with a comment and a trailing comma', `{ // k\n${JSON.stringify(jwk).slice(1, -1)},\n}`, 'jwk'],
    ['a JWKS', JSON.stringify({ keys: [jwk] }), 'jwks'],
    ['an OpenSSH RSA public key', 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ== me@host', /OpenSSH public key/],
    ['an OpenSSH ECDSA public key', 'ecdsa-sha2-nistp256 AAAAE2VjZHNh me@host', /OpenSSH public key/],
    ['bare base64 DER', ec.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'), /bare base64 DER/],
    ['a JSON array', JSON.stringify([jwk]), /JSON array/],
    ['{"keys": {…}}', JSON.stringify({ keys: jwk }), /"keys" is not an array/],
    ['an object without kty', '{"n": "x"}', /no "kty"/],
    ['broken JSON', '{"kty": ', /not JSON/],
    ['plain text', 'hunter2', /neither a PEM block nor a JWK/],
    ['an empty file', '\n', /empty/],
  ];
  for (const [name, text, want] of cases) {
    it(`${name}: ${typeof want === 'string' ? want : 'refused'}`, async () => {
      if (typeof want === 'string') {
        const got = await readKeyFile(text);
        assert.equal(typeof got === 'string' ? 'pem' : 'jwk' in got ? 'jwk' : 'jwks' in got ? 'jwks' : 'other', want);
        assert.ok(describeKey(got).length > 0);
      } else await assert.rejects(readKeyFile(text), (e: unknown) => isCoreError(e, 'ERR_KEY_FORMAT') && want.test((e as Error).message));
    });
  }
});

describe('core/keys secretAsJwk: an encoded secret kept as the oct JWK of its bytes', () => {
  const bytes = crypto.randomBytes(32);
  for (const [encoding, text] of [['hex', bytes.toString('hex')], ['base64', bytes.toString('base64')], ['base64url', bytes.toString('base64url')], ['base64url', bytes.toString('base64url') + '=']] as const) {
    it(`${encoding}${text.endsWith('=') ? ' (with padding)' : ''}: the same bytes`, async () => {
      const jwk = secretAsJwk(text, encoding);
      assert.equal(Buffer.from(jwk.k, 'base64url').toString('hex'), bytes.toString('hex'));
      const token = await signToken({ sub: 'x' }, { secret: bytes.toString('hex'), encoding: 'hex' });
      assert.equal((await inspectToken(token, { key: { jwk } })).verdict, 'verified');
    });
  }
  it('text is its UTF-8 bytes; bad hex and the empty secret are refused', () => {
    assert.equal(Buffer.from(secretAsJwk('abc', 'utf8').k, 'base64url').toString(), 'abc');
    assert.throws(() => secretAsJwk('xyz', 'hex'), (e: unknown) => isCoreError(e, 'ERR_KEY_FORMAT'));
    assert.throws(() => secretAsJwk('', 'utf8'), /empty/);
  });
});
