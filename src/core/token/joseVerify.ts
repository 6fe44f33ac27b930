/**
 * jose's own check of a compact JWS, for what the direct path (directVerify.ts) declines: ML-DSA, a key jose hands
 * back as bytes, a header the direct path is not sure of. Imported on first use: a first hover or verify does not
 * need it.
 */
import { compactVerify, type CryptoKey } from 'jose';
import type { SigningAlg } from '../base/algorithms';

export async function joseVerifies(token: string, alg: SigningAlg, key: CryptoKey | Uint8Array): Promise<boolean> {
  try {
    await compactVerify(token, key, { algorithms: [alg] });
    return true;
  } catch {
    return false;
  }
}
