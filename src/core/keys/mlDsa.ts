// ML-DSA (FIPS 204) for JOSE (RFC 9964): `ML-DSA-44/65/87`, keys of kty "AKP" ({alg, pub, priv}) or PEM with the
// NIST OIDs. Only where the runtime's Web Crypto has it (Node ≥ 24.7 does; Node 20 and most browsers do not): there
// the algorithms sign and verify like any other, elsewhere they say so — never a crash.
import { JwtWorkbenchError } from '../base/errors';
import type { KeyInfo } from './types';

export const ML_DSA_ALGS = ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'] as const;
export type MlDsaAlg = (typeof ML_DSA_ALGS)[number];

/** id-ml-dsa-44/65/87 (NIST CSOR, 2.16.840.1.101.3.4.3.17–19). */
export const ML_DSA_BY_OID: Readonly<Record<string, MlDsaAlg>> = {
  '2.16.840.1.101.3.4.3.17': 'ML-DSA-44',
  '2.16.840.1.101.3.4.3.18': 'ML-DSA-65',
  '2.16.840.1.101.3.4.3.19': 'ML-DSA-87',
};

export const isMlDsa = (alg: unknown): alg is MlDsaAlg => typeof alg === 'string' && (ML_DSA_ALGS as readonly string[]).includes(alg);

const available = new Map<string, Promise<boolean>>();

/** Whether this runtime's Web Crypto can use `alg` (asked once: a throwaway key is generated). */
export function mlDsaAvailable(alg: MlDsaAlg): Promise<boolean> {
  let hit = available.get(alg);
  if (!hit) {
    hit = crypto.subtle.generateKey({ name: alg } as AlgorithmIdentifier, false, ['sign', 'verify']).then(
      () => true,
      () => false,
    );
    available.set(alg, hit);
  }
  return hit;
}

/** The sentence for a runtime without ML-DSA. */
export const noMlDsa = (alg: string) => `This VS Code's runtime has no ${alg}: its Web Crypto does not offer ML-DSA (Node.js 24.7 and later do), so ${alg} tokens can be decoded here but not verified or signed.`;

export async function assertMlDsa(alg: string): Promise<void> {
  if (isMlDsa(alg) && !(await mlDsaAvailable(alg))) throw new JwtWorkbenchError('ERR_ALG_UNSUPPORTED', noMlDsa(alg));
}

/** What an AKP JWK or an ML-DSA PEM is (the material stays with the caller). */
export function mlDsaInfo(alg: MlDsaAlg, isPrivate: boolean, noun: 'key' | 'JWK', kid?: string): KeyInfo {
  return { family: 'AKP', isPrivate, kid, algorithms: [alg], description: `${alg} ${isPrivate ? 'private' : 'public'} ${noun}` };
}

/** Check an AKP JWK's members (RFC 9964 §2): its alg names the parameter set, pub is required, priv makes it private. */
export function readAkpJwk(jwk: Record<string, unknown>): { alg: MlDsaAlg; isPrivate: boolean } {
  if (!isMlDsa(jwk.alg)) throw new JwtWorkbenchError('ERR_KEY_FORMAT', `An "AKP" JWK must name its algorithm in "alg" (ML-DSA-44, ML-DSA-65 or ML-DSA-87); this one says ${JSON.stringify(jwk.alg)}.`);
  if (typeof jwk.pub !== 'string' || !/^[A-Za-z0-9_-]+$/.test(jwk.pub)) throw new JwtWorkbenchError('ERR_KEY_FORMAT', 'The AKP JWK has no base64url "pub".');
  if (jwk.priv !== undefined && (typeof jwk.priv !== 'string' || !/^[A-Za-z0-9_-]+$/.test(jwk.priv))) throw new JwtWorkbenchError('ERR_KEY_FORMAT', 'The AKP JWK\'s "priv" is not base64url.');
  return { alg: jwk.alg, isPrivate: typeof jwk.priv === 'string' };
}
