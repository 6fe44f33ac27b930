// The signature verifiers the core can be given, as one table the signature suites run through: every answer must be
// the same whichever checks the bytes.
import { KeyCache, type SignatureVerifier } from '../../src/core';
import { webCryptoVerifier } from '../../src/core/verifier';
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

/** A KeyCache whose signatures go through `row`'s verifier, with the number of checks it answered. */
export function cacheWith(row: VerifierRow, maxStrings = 16): { cache: KeyCache; calls: () => number } {
  const real = row.make();
  let n = 0;
  const counting: SignatureVerifier = {
    verify(...args) {
      n++;
      return real.verify(...args);
    },
  };
  return { cache: new KeyCache(maxStrings, counting), calls: () => n };
}
