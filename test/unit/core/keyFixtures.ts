// Keys for the tests, made with node:crypto in every encoding users paste: PKCS#8, PKCS#1, SEC1, SPKI, JWK.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SigningAlg } from '../../../src/core';

/** The repository root: the nearest folder above this (bundled) test file that holds package.json. */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
}

export const REPO_ROOT = repoRoot();
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');

export interface TestKey {
  alg: SigningAlg;
  /** Every private encoding of the same key, by name. */
  privates: Record<string, string | { jwk: object }>;
  publics: Record<string, string | { jwk: object } | { jwks: object }>;
}

const cache = new Map<string, TestKey>();

export function testKey(alg: SigningAlg): TestKey {
  const hit = cache.get(alg);
  if (hit) return hit;
  let key: TestKey;
  if (alg.startsWith('HS')) {
    const secret = crypto.randomBytes(64).toString('hex');
    const jwk = { kty: 'oct', k: Buffer.from(secret).toString('base64url') };
    key = { alg, privates: { text: secret, jwk: { jwk } }, publics: { text: secret, jwk: { jwk } } };
  } else {
    const pair =
      alg.startsWith('RS') || alg.startsWith('PS') ? crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
      : alg === 'EdDSA' || alg === 'Ed25519' ? crypto.generateKeyPairSync('ed25519')
      : crypto.generateKeyPairSync('ec', { namedCurve: { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' }[alg as 'ES256'] });
    const { privateKey, publicKey } = pair;
    const privJwk = privateKey.export({ format: 'jwk' });
    const pubJwk = publicKey.export({ format: 'jwk' });
    const privates: TestKey['privates'] = {
      pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      jwk: { jwk: privJwk },
      'jwk text': JSON.stringify(privJwk),
    };
    const publics: TestKey['publics'] = {
      spki: publicKey.export({ type: 'spki', format: 'pem' }) as string,
      jwk: { jwk: pubJwk },
      jwks: { jwks: { keys: [{ ...pubJwk, kid: 'other', n: undefined }, { ...pubJwk, kid: 'k1' }].filter((k) => k.kty) } },
      'private pkcs8 (verifying with a private key)': privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    };
    if (alg.startsWith('RS') || alg.startsWith('PS')) {
      privates.pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
      publics.pkcs1 = publicKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    }
    if (alg.startsWith('ES')) privates.sec1 = privateKey.export({ type: 'sec1', format: 'pem' }) as string;
    key = { alg, privates, publics };
  }
  cache.set(alg, key);
  return key;
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}
