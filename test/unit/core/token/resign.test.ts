// Re-signing (the .http lens's engine): only under the plain JWS rules, with the key that verified, for a capped
// lifetime; a token that brings its own key is never re-signed.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { decodeToken, inspectToken, refreshedClaims, resignCheck, resignClaims, resignRefusal, resignToken, signToken } from '../../../../src/core';

const SECRET = 'r'.repeat(64);
const ec = () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
const pub = ({ d: _d, ...rest }: Record<string, unknown>) => rest;
const now = () => Math.floor(Date.now() / 1000);

describe('core/resign', () => {
  it('refuses headers that bring a key, a key location, a chain or a DPoP typ (any case), and extensions', () => {
    for (const h of [{ jwk: {} }, { jku: 'https://x' }, { x5c: [] }, { x5u: 'https://x' }, { typ: 'dpop+jwt' }, { typ: 'DPoP+JWT' }, { crit: ['b64'], b64: false }]) assert.ok(resignRefusal({ alg: 'ES256', ...h }), JSON.stringify(h));
    assert.ok(resignRefusal({ alg: 'none' }));
    assert.equal(resignRefusal({ alg: 'HS256', typ: 'JWT', kid: 'dev' }), undefined);
  });

  it('a self-keyed DPoP proof is not verified by its own header key here: no key of mine verifies it', async () => {
    const attacker = ec();
    const t = now();
    const proof = await signToken({ sub: 'admin', iat: t - 7200, exp: t - 3600 }, { jwk: attacker }, { alg: 'ES256', header: { typ: 'dpop+jwt', jwk: pub(attacker) } });
    const mine = { jwks: { keys: [{ ...ec(), kid: 'a' }] } };
    assert.equal((await resignCheck(proof, mine)).verifies, false);
    await assert.rejects(resignToken(proof, mine, { sub: 'admin', exp: t + 60 }), /Not re-signed: its header carries "jwk"/);
  });

  it('signs with the member that verified, whatever its position in the set; the header stays as it was', async () => {
    const a = { ...ec(), kid: 'a' };
    const b = { ...ec(), kid: 'b' };
    const t = now();
    const { kid: _k, ...bNoKid } = b;
    const token = await signToken({ sub: 'bob', iat: t - 7200, exp: t - 3600 }, { jwk: bNoKid }, { alg: 'ES256' });
    const set = { jwks: { keys: [a, b] } };
    assert.deepEqual(await resignCheck(token, set), { verifies: true, canSign: true, description: 'EC P-256 private JWK' });
    const fresh = await resignToken(token, set, resignClaims(token, t, 86400)!);
    assert.deepEqual(decodeToken(fresh).header, decodeToken(token).header);
    assert.equal((await inspectToken(fresh, { key: { jwk: pub(b) } })).verdict, 'verified');
    assert.deepEqual(await resignCheck(token, { jwk: pub(b) }), { verifies: true, canSign: false, description: 'EC P-256 public JWK' });
  });

  it('caps the lifetime at the setting; nbf keeps its offset within it', async () => {
    assert.deepEqual(refreshedClaims({ iat: 0, nbf: 10, exp: 10 * 365 * 86400 }, 1000, 3600), { iat: 1000, nbf: 1010, exp: 4600 });
    assert.deepEqual(refreshedClaims({ iat: 0, nbf: 7200, exp: 10 * 365 * 86400 }, 1000, 3600), { iat: 1000, nbf: 4600, exp: 4600 });
    const t = now();
    const token = await signToken({ sub: 'x', iat: t - 20 * 365 * 86400, exp: t - 60 }, SECRET);
    const claims = resignClaims(token, t, 3600)!;
    assert.equal((claims.exp as number) - (claims.iat as number), 3600);
  });
});
