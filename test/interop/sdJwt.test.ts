// Issue 12: SD-JWT and SD-JWT VC against the OpenWallet Foundation's implementation (@sd-jwt/core, @sd-jwt/sd-jwt-vc
// 0.19), both ways: what it issues and presents we verify and process; what we issue it verifies. Tampering tests,
// one per required check, fail the check they should.
import * as assert from 'node:assert/strict';
import { SDJwtInstance } from '@sd-jwt/core';
import { digest, ES256, generateSalt } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { inspectToken, signSdJwt, type Inspection } from '../../src/core';

const hasher = (data: string | ArrayBuffer, alg: string) => digest(data, alg);
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const check = (ins: Inspection, name: string) => ins.checks?.find((c) => c.name === name);
/** The processed claims as data: they are built without prototypes (a "__proto__" claim is a claim). */
const data = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('SD-JWT (RFC 9901) with @sd-jwt/core as the peer', function () {
  this.timeout(30000);
  let issuerKeys: { publicKey: JsonWebKey; privateKey: JsonWebKey };
  let holderKeys: { publicKey: JsonWebKey; privateKey: JsonWebKey };
  let sdjwt: SDJwtInstance<Record<string, unknown>>;
  const now = () => Math.floor(Date.now() / 1000);

  before(async () => {
    issuerKeys = await ES256.generateKeyPair();
    holderKeys = await ES256.generateKeyPair();
    sdjwt = new SDJwtInstance({
      signer: await ES256.getSigner(issuerKeys.privateKey),
      verifier: await ES256.getVerifier(issuerKeys.publicKey),
      signAlg: ES256.alg,
      hasher,
      hashAlg: 'sha-256',
      saltGenerator: generateSalt,
      kbSigner: await ES256.getSigner(holderKeys.privateKey),
      kbSignAlg: ES256.alg,
      kbVerifier: await ES256.getVerifier(holderKeys.publicKey),
    });
  });

  const claims = () => ({ iss: 'https://issuer.example', iat: now(), exp: now() + 3600, cnf: { jwk: holderKeys.publicKey }, given_name: 'Erika', family_name: 'Mustermann', email: 'erika@example.com', address: { street: 'Heidestraße 17', locality: 'Köln', country: 'DE' }, nationalities: ['DE', 'FR'] });
  const frame = { _sd: ['given_name', 'family_name', 'email', 'address'], address: { _sd: ['street', 'locality'] }, nationalities: { _sd: [0, 1] } };

  it('what it issues (nested and array disclosures, decoys) verifies here and is processed claim by claim', async () => {
    const token = await sdjwt.issue(claims(), { ...frame, _sd_decoy: 2 } as never);
    const ins = await inspectToken(token, { key: { jwk: issuerKeys.publicKey } });
    assert.equal(ins.verdict, 'verified', ins.detail);
    assert.equal(ins.profile, 'sd-jwt');
    const payload = ins.payload as Record<string, unknown>;
    assert.equal(payload.given_name, 'Erika');
    assert.deepEqual(data(payload.address), { street: 'Heidestraße 17', locality: 'Köln', country: 'DE' });
    assert.deepEqual(data(payload.nationalities), ['DE', 'FR']);
    assert.equal(payload._sd, undefined);
    assert.equal(payload._sd_alg, undefined);
    assert.ok(ins.disclosures!.every((d) => d.status === 'disclosed'));
    assert.deepEqual(ins.disclosures!.map((d) => d.path).sort(), ['address', 'address.locality', 'address.street', 'email', 'family_name', 'given_name', 'nationalities[0]', 'nationalities[1]']);
    assert.ok(ins.claims.find((c) => c.name === 'given_name')?.disclosed);
    assert.ok(!ins.claims.find((c) => c.name === 'iss')?.disclosed);
    assert.equal(ins.withheld, 2, 'the two decoys are counted, not guessed');
    // The peer agrees on the processed claims.
    const peer = await sdjwt.verify(token);
    assert.deepEqual(peer.payload, data(payload));
  });

  it('a presentation it makes with some claims withheld and a KB-JWT: verified, the key binding checked', async () => {
    const token = await sdjwt.issue(claims(), frame as never);
    const presented = await sdjwt.present(token, { given_name: true, address: { locality: true } } as never, { kb: { payload: { aud: 'https://verifier.example', iat: now(), nonce: 'n-0S6_WzA2Mj' } } });
    const ins = await inspectToken(presented, { key: { jwk: issuerKeys.publicKey }, audience: 'https://verifier.example', nonce: 'n-0S6_WzA2Mj' });
    assert.equal(ins.verdict, 'verified', ins.detail);
    const payload = ins.payload as Record<string, unknown>;
    assert.equal(payload.given_name, 'Erika');
    assert.equal(payload.family_name, undefined, 'withheld');
    assert.deepEqual(data(payload.address), { locality: 'Köln', country: 'DE' });
    assert.equal(ins.withheld, 5, 'family_name, email, street, and both nationalities');
    for (const name of ['key binding signature', 'key binding typ', 'sd_hash', 'key binding iat', 'key binding aud', 'key binding nonce']) assert.equal(check(ins, name)?.status, 'passed', name);
    assert.equal(ins.keyBinding?.profile, 'kb-jwt');
    // and the peer verifies the same presentation with key binding required
    await sdjwt.verify(presented, { keyBindingNonce: 'n-0S6_WzA2Mj', requireKeyBindings: true } as never);
  });

  it('what we issue (Sign as SD-JWT) the peer verifies, and presents; we verify its presentation', async () => {
    const token = await signSdJwt({ iss: 'https://issuer.example', sub: 'u-1', email: 'a@example.com', role: 'admin', cnf: { jwk: holderKeys.publicKey } }, { jwk: issuerKeys.privateKey }, { alg: 'ES256', disclosable: ['email', 'role'], lifetime: '1h' });
    assert.match(token, /^eyJ[\w-]+\.[\w-]+\.[\w-]+~[\w-]+~[\w-]+~$/);
    assert.equal(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).typ, 'example+sd-jwt', 'explicitly typed (RFC 9901 §9.11), not JWT');
    const peer = await sdjwt.verify(token);
    assert.equal((peer.payload as Record<string, unknown>).email, 'a@example.com');
    assert.equal((peer.payload as Record<string, unknown>).role, 'admin');
    const presented = await sdjwt.present(token, { role: true } as never, { kb: { payload: { aud: 'v', iat: now(), nonce: 'x' } } });
    const ins = await inspectToken(presented, { key: { jwk: issuerKeys.publicKey } });
    assert.equal(ins.verdict, 'verified', ins.detail);
    assert.equal((ins.payload as Record<string, unknown>).role, 'admin');
    assert.equal((ins.payload as Record<string, unknown>).email, undefined);
  });

  describe('tampering: each fails the check it should, and is never verified', () => {
    let token: string;
    let kbPresented: string;
    before(async () => {
      token = await sdjwt.issue(claims(), frame as never);
      kbPresented = await sdjwt.present(token, { given_name: true } as never, { kb: { payload: { aud: 'https://verifier.example', iat: now(), nonce: 'abc' } } });
    });
    const opts = () => ({ key: { jwk: issuerKeys.publicKey } });
    const expectFail = async (text: string, name: string, why: RegExp, verdict = 'claim-mismatch', extra: object = {}) => {
      const ins = await inspectToken(text, { ...opts(), ...extra });
      assert.notEqual(ins.verdict, 'verified');
      assert.equal(ins.verdict, verdict, ins.detail);
      assert.equal(check(ins, name)?.status, 'failed', JSON.stringify(ins.checks));
      assert.match(check(ins, name)!.message, why);
    };

    it('a disclosure the issuer never signed (its digest is nowhere)', async () => {
      const forged = `${b64(['salt-salt-salt', 'role', 'admin'])}`;
      await expectFail(`${token}${forged}~`, 'disclosures', /referenced nowhere/);
    });
    it('a disclosure sent twice', async () => {
      const first = token.split('~')[1];
      await expectFail(`${token}${first}~`, 'disclosures', /sent twice|used twice/);
    });
    it('a disclosure that is not a JSON array', async () => {
      await expectFail(`${token}${b64({ a: 1 })}~`, 'disclosures', /not a JSON array/);
    });
    it('an unsupported _sd_alg', async () => {
      const { SignJWT, importJWK } = await import('jose');
      const t = await new SignJWT({ _sd: [], _sd_alg: 'md5', iss: 'x' }).setProtectedHeader({ alg: 'ES256' }).sign(await importJWK(issuerKeys.privateKey, 'ES256'));
      await expectFail(`${t}~`, '_sd_alg', /"md5" is not one this tool supports/);
    });
    it('a disclosed name that collides with a plain claim, and one named _sd', async () => {
      const { SignJWT, importJWK } = await import('jose');
      const key = await importJWK(issuerKeys.privateKey, 'ES256');
      const { sdDigest } = await import('../../src/core/profiles/sdJwt');
      const dup = b64(['s1-s1-s1-s1', 'iss', 'https://evil.example']);
      const bad = b64(['s2-s2-s2-s2', '_sd', ['x']]);
      const t = await new SignJWT({ iss: 'https://issuer.example', _sd: [await sdDigest(dup, 'SHA-256'), await sdDigest(bad, 'SHA-256')] }).setProtectedHeader({ alg: 'ES256' }).sign(key);
      const ins = await inspectToken(`${t}~${dup}~${bad}~`, opts());
      assert.equal(ins.verdict, 'claim-mismatch');
      assert.equal((ins.payload as Record<string, unknown>).iss, 'https://issuer.example', 'the plain claim is kept');
      assert.match(check(ins, 'disclosures')!.message, /already a plain claim|forbids/);
      assert.deepEqual(ins.disclosures!.map((d) => d.status), ['rejected', 'rejected']);
    });
    it('a changed issuer-signed payload: invalid signature, whatever the disclosures', async () => {
      const [h, p, s] = token.split('~')[0].split('.');
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
      payload.iss = 'https://evil.example';
      const ins = await inspectToken(`${h}.${b64(payload)}.${s}~${token.split('~').slice(1).join('~')}`, opts());
      assert.equal(ins.verdict, 'invalid-signature');
    });
    it('a KB-JWT signed by another key than cnf.jwk', async () => {
      const other = await ES256.generateKeyPair();
      const thief = new SDJwtInstance({ ...{ signer: await ES256.getSigner(issuerKeys.privateKey), signAlg: 'ES256', hasher, saltGenerator: generateSalt }, kbSigner: await ES256.getSigner(other.privateKey), kbSignAlg: 'ES256' });
      const stolen = await thief.present(token, { given_name: true } as never, { kb: { payload: { aud: 'v', iat: now(), nonce: 'n' } } });
      await expectFail(stolen, 'key binding signature', /not signed by the holder key/, 'invalid-signature');
    });
    it('a KB-JWT moved onto other disclosures (sd_hash)', async () => {
      const kb = kbPresented.split('~').pop()!;
      const other = await sdjwt.present(token, { email: true } as never);
      await expectFail(`${other}${kb}`, 'sd_hash', /not the hash of this presentation/);
    });
    it('a KB-JWT whose typ is not kb+jwt', async () => {
      const { SignJWT, importJWK } = await import('jose');
      const { sdDigest } = await import('../../src/core/profiles/sdJwt');
      const presentation = kbPresented.slice(0, kbPresented.lastIndexOf('~') + 1);
      const kb = await new SignJWT({ aud: 'v', iat: now(), nonce: 'n', sd_hash: await sdDigest(presentation, 'SHA-256') }).setProtectedHeader({ alg: 'ES256', typ: 'JWT' }).sign(await importJWK(holderKeys.privateKey, 'ES256'));
      await expectFail(`${presentation}${kb}`, 'key binding typ', /must be "kb\+jwt"/);
    });
    it('a KB-JWT made an hour ago', async () => {
      const old = await sdjwt.present(token, { given_name: true } as never, { kb: { payload: { aud: 'v', iat: now() - 3600, nonce: 'n' } } });
      await expectFail(old, 'key binding iat', /made 1 hour ago;/);
    });
    it('a KB-JWT for another audience or nonce, when they are expected', async () => {
      await expectFail(kbPresented, 'key binding aud', /not https:\/\/other\.example/, 'claim-mismatch', { audience: 'https://other.example' });
      await expectFail(kbPresented, 'key binding nonce', /not the expected one/, 'claim-mismatch', { nonce: 'other' });
    });
    it('a KB-JWT without cnf.jwk in the issuer JWT', async () => {
      const noCnf = await sdjwt.issue({ iss: 'i', iat: now(), given_name: 'E' }, { _sd: ['given_name'] } as never);
      const presented = await sdjwt.present(noCnf, { given_name: true } as never, { kb: { payload: { aud: 'v', iat: now(), nonce: 'n' } } }).catch(() => undefined);
      // The peer may refuse to present without cnf; make the KB-JWT ourselves then.
      const text = presented ?? `${noCnf}${kbPresented.split('~').pop()}`;
      await expectFail(text, 'key binding signature', /no "cnf\.jwk" holder key/, 'invalid-signature');
    });
  });
});

describe('SD-JWT VC with @sd-jwt/sd-jwt-vc as the peer', function () {
  this.timeout(30000);
  it('dc+sd-jwt: vct described, the status list shown and not fetched; without vct it fails', async () => {
    const keys = await ES256.generateKeyPair();
    const vc = new SDJwtVcInstance({ signer: await ES256.getSigner(keys.privateKey), verifier: await ES256.getVerifier(keys.publicKey), signAlg: 'ES256', hasher, hashAlg: 'sha-256', saltGenerator: generateSalt });
    const iat = Math.floor(Date.now() / 1000);
    const token = await vc.issue({ iss: 'https://issuer.example', iat, vct: 'https://credentials.example/identity_credential', given_name: 'Erika', status: { status_list: { idx: 7, uri: 'https://issuer.example/statuslists/1' } } } as never, { _sd: ['given_name'] } as never);
    const ins = await inspectToken(token, { key: { jwk: keys.publicKey } });
    assert.equal(ins.header?.typ, 'dc+sd-jwt');
    assert.equal(ins.profile, 'sd-jwt-vc');
    assert.equal(ins.verdict, 'verified', ins.detail);
    assert.equal(check(ins, 'vct')?.status, 'passed');
    assert.match(check(ins, 'status')!.message, /statuslists\/1 at index 7: shown, not fetched/);
    const { SignJWT, importJWK } = await import('jose');
    // what we issue with vct is typed dc+sd-jwt, and the SD-JWT VC peer verifies it
    const ours = await signSdJwt({ iss: 'https://issuer.example', vct: 'https://credentials.example/identity_credential', given_name: 'Erika' }, { jwk: keys.privateKey }, { alg: 'ES256', disclosable: ['given_name'], lifetime: '1h' });
    assert.equal(JSON.parse(Buffer.from(ours.split('.')[0], 'base64url').toString()).typ, 'dc+sd-jwt');
    assert.equal(((await vc.verify(ours)).payload as Record<string, unknown>).given_name, 'Erika');
    const noVct = await new SignJWT({ iss: 'https://issuer.example', _sd: [] }).setProtectedHeader({ alg: 'ES256', typ: 'dc+sd-jwt' }).sign(await importJWK(keys.privateKey, 'ES256'));
    const bad = await inspectToken(`${noVct}~`, { key: { jwk: keys.publicKey } });
    assert.equal(bad.verdict, 'claim-mismatch');
    assert.equal(check(bad, 'vct')?.status, 'failed');
  });
});
