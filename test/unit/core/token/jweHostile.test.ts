// A JWE encrypted to the user's public key is something anyone can make: whatever its author nests inside, the
// verdict never reads "verified" unless an inner signature verifies with the user's key — an HMAC "signed" with the
// user's key text, an inner token with its own key in the header, an unsigned one, a JWE inside a JWE.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { CompactEncrypt, CompactSign, importSPKI } from 'jose';
import { inspectToken, type Inspection } from '../../../../src/core';

const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIV = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const PUB = publicKey.export({ type: 'spki', format: 'pem' }) as string;
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const claims = { sub: 'admin', exp: Math.floor(Date.now() / 1000) + 600 };

async function toUser(plaintext: string, cty?: string): Promise<string> {
  return new CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', ...(cty ? { cty } : {}) }).encrypt(await importSPKI(PUB, 'RSA-OAEP-256'));
}
const hs256 = (secret: string) => {
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
};
async function ownKey(): Promise<string> {
  const own = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg: 'ES256', jwk: own.publicKey.export({ format: 'jwk' }) as never }).sign(own.privateKey);
}

const never = (ins: Inspection, what: string) => {
  assert.notEqual(ins.verdict, 'verified', `${what}: ${ins.message} — ${ins.detail}`);
  assert.doesNotMatch(`${ins.message} ${ins.detail ?? ''}`, /signature verified|authenticated/i, what);
};

describe('a JWE to the user\'s public key, with whatever its author nests inside', () => {
  const inner: [string, () => Promise<string> | string][] = [
    ['an HS256 token keyed with the private key PEM text', () => hs256(PRIV)],
    ['an HS256 token keyed with the public key PEM text', () => hs256(PUB)],
    ['an unsigned token (alg none)', () => `${b64({ alg: 'none' })}.${b64(claims)}.`],
    ['a token signed by the key in its own header', ownKey],
    ['a JWE to the same public key holding a claims set', () => toUser(JSON.stringify(claims))],
    ['a JWE to the same public key holding an unsigned token', async () => toUser(`${b64({ alg: 'none' })}.${b64(claims)}.`, 'JWT')],
  ];
  for (const [what, make] of inner) {
    for (const cty of ['JWT', undefined]) {
      it(`${what}, ${cty ? 'cty "JWT"' : 'no cty'}: never "verified", with the private key as the key`, async () => {
        const jwe = await toUser(await make(), cty);
        never(await inspectToken(jwe, { key: PRIV }), what);
      });
    }
  }
  it('a claims set (no inner token) is "unverified" and says encryption to a public key proves nothing', async () => {
    const ins = await inspectToken(await toUser(JSON.stringify(claims)), { key: PRIV });
    assert.equal(ins.verdict, 'unverified');
    assert.match(ins.message, /does not prove who made the token/);
  });
});
