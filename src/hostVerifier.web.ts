/** The web build's stand-in for hostVerifier.ts (esbuild.mjs swaps it in): no node:crypto here, so the core's default, Web Crypto, checks signatures. */
import type { SignatureVerifier } from './core/keys/verifier';

export const hostVerifier = (): SignatureVerifier | undefined => undefined;
