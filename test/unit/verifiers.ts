// The signature verifiers the core can be given, as one table the signature suites run through: every answer must be
// the same whichever checks the bytes.
import { KeyCache, type SignatureVerifier } from '../../src/core';
import { webCryptoVerifier } from '../../src/core/keys/verifier';
import { nodeVerifier } from '../../src/hostVerifier';

export interface VerifierRow {
  name: string;
  /** A fresh verifier (node:crypto's keeps a KeyObject per key, so one per cache, as the extension has). */
  make: () => SignatureVerifier;
}

export const VERIFIERS: readonly VerifierRow[] = [
  { name: 'Web Crypto (the default, the web build)', make: () => webCryptoVerifier },
  { name: 'node:crypto (the Node extension host)', make: nodeVerifier },
];

/**
 * A KeyCache whose signatures go through `row`'s verifier, with the number of checks it answered, and how many of
 * them at once (node:crypto answers synchronously; a Promise means Web Crypto answered).
 */
export function cacheWith(row: VerifierRow, maxStrings = 16): { cache: KeyCache; calls: () => number; sync: () => number } {
  const real = row.make();
  let n = 0;
  let sync = 0;
  const counting: SignatureVerifier = {
    verify(...args) {
      n++;
      const answer = real.verify(...args);
      if (typeof answer === 'boolean') sync++;
      return answer;
    },
  };
  return { cache: new KeyCache(maxStrings, counting), calls: () => n, sync: () => sync };
}
