/**
 * The public API of JWT Workbench's engine. Everything else in the extension uses only this entry.
 * Pure: no `vscode`, no `node:*` — jose, Web Crypto and a few pure libraries — so it runs in mocha, the Node
 * extension host and the browser.
 */
export { SIGNING_ALGS, HMAC_MIN_BYTES, isSigningAlg, type SigningAlg, type AsymmetricAlg } from './algorithms';
export { JwtWorkbenchError, PayloadSyntaxError, isCoreError, type CoreErrorCode } from './errors';
export { generateSecret, generateKeyPair, type SecretOptions, type GeneratedKeyPair } from './secrets';
export { parseEnv, upsertEnvVar, type EnvEdit } from './dotenv';
export { parsePythonEnv, upsertPythonEnvVar, type PythonEnvEdit } from './dotenvPython';
export { parsePayload } from './payload';
export { capLeeway, MAX_LEEWAY_S } from './claimChecks';
export { signToken, withDefaultClaims, parseLifetime, type SignOptions } from './sign';
export {
  inspectToken,
  cleanTokenText,
  MAX_TOKEN_CHARS,
  type Inspection,
  type InspectOptions,
  type InspectedClaim,
  type InspectionWarning,
  type Verdict,
} from './inspect';
export { keyUsed } from './verdicts';
export { findTokens, decodeToken, tokenSpan, type FoundToken } from './findTokens';
export { describeKey, KeyCache, secretAsJwk, type KeyInput, type KeyInfo, type KeyFamily } from './keys';
export type { SignatureVerifier, VerifyRequest } from './verifier';
export { readKeyFile } from './keyFile';
export { openSshPublicKeyToJwk } from './sshKey';
export { CLAIM_DESCRIPTIONS, relativeTime } from './claims';
export { isIgnored } from './gitignore';
export { jsString, pyString } from './literals';
export { applyInsertions, djangoJwtModule, djangoSettingsModule, exemptPaths, planDjangoAuth, pythonSnippets, typescriptSnippets, type DjangoAuthPlan, type ExemptPath, type TextInsertion } from './django';
export { checkJwksUrl, hostKind, isLoopbackUrl, parseJwks, JWKS_MAX_BYTES, JWKS_MAX_REDIRECTS } from './jwks';
// Issue 14 — tokens where they show up: a debugger's string, a redirect URI, the object around the cursor, .http files.
export { unquoteDebugValue, type DebugString } from './debugValue';
export { MAX_REDIRECT_TOKENS, tokensInRedirect, type RedirectToken } from './redirect';
export { bracesAround, MAX_OBJECT_TEXT, type Span } from './objectAround';
export { authorizationTokens, refreshedClaims, type HeaderToken } from './httpRequests';
export { resignCheck, resignClaims, resignToken, type ResignCheck } from './resign';
export { resignRefusal } from './resignRefusal';
// Issue 13 — keys from where issuers publish them: discovery documents, x5c chains to trust anchors.
export { discoveryPlan, readDiscoveryDocument, DISCOVERY_MAX_BYTES, type DiscoveryPlan } from './discovery';
export { checkX5c, readTrustAnchors, type ChainCheck, type AnchorInfo } from './x5c';
export { SECRET_ENCODINGS, otherReadings, readingName, secretText, type SecretEncoding } from './secretReadings';
export { whichKeySigned, type KeyCandidate, type KeyMatch, type KeySearch } from './whichKey';
// Issue 12 — the tokens of 2026: profiles recognised, checked and explained (src/core/profiles/).
export { signSdJwt, type SdJwtSignOptions } from './profiles/sdJwtSign';
export { splitSdJwt, type Disclosure } from './profiles/sdJwt';
export type { Profile, ProfileCheck, ProfileOptions } from './profiles/types';
export { dpopPair, dpopPairAround, type DpopPair } from './profiles/dpopPair';
export { guessProfile, profileTitle } from './profiles/describe';
export { ML_DSA_ALGS, mlDsaAvailable, type MlDsaAlg } from './mlDsa';
