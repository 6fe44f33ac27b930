/**
 * The public API of JWT Workbench's engine. Everything else in the extension uses only this entry.
 * Pure: no `vscode`, no `node:*` — jose, Web Crypto and a few pure libraries — so it runs in mocha, the Node
 * extension host and the browser.
 */
export { SIGNING_ALGS, HMAC_MIN_BYTES, isSigningAlg, type SigningAlg, type AsymmetricAlg } from './base/algorithms';
export { JwtWorkbenchError, PayloadSyntaxError, isCoreError, type CoreErrorCode } from './base/errors';
export { generateSecret, generateKeyPair, type SecretOptions, type GeneratedKeyPair } from './keys/generate';
export { parseEnv, upsertEnvVar, type EnvEdit } from './project/dotenv';
export { parsePythonEnv, upsertPythonEnvVar, type PythonEnvEdit } from './project/dotenvPython';
export { parsePayload } from './text/payload';
export { capLeeway, MAX_LEEWAY_S } from './token/claimChecks';
export { signToken, withDefaultClaims, parseLifetime, type SignOptions } from './token/sign';
export { encryptToken, recipientsOf, type EncryptOptions, type Recipient } from './token/encrypt';
export { CONTENT_ENCRYPTION_ALGS, KEY_MANAGEMENT_ALGS, defaultPair, encryptionChoices, runtimeHasAes192, type ContentEncryptionAlg, type EncryptionChoice, type KeyManagementAlg } from './token/encryptAlgorithms';
export { inspectToken, cleanTokenText, MAX_TOKEN_CHARS } from './inspect';
export { type Inspection, type InspectOptions, type InspectedClaim, type InspectionWarning, type Verdict } from './token/types';
export { keyUsed } from './token/verdicts';
export { findTokens, tokenSpan, type FoundToken } from './text/findTokens';
export { decodeToken } from './token/decode';
export { describeKey } from './keys/resolve';
export { KeyCache } from './keys/cache';
export { secretAsJwk } from './keys/secret';
export { type KeyInput, type KeyInfo, type KeyFamily } from './keys/types';
export { readKeyFile } from './keys/keyFile';
export { openSshPublicKeyToJwk } from './keys/sshKey';
export { CLAIM_DESCRIPTIONS, relativeTime } from './token/claims';
export { isIgnored } from './project/gitignore';
export { jsString, pyString } from './project/literals';
export { applyInsertions, djangoJwtModule, djangoSettingsModule, exemptPaths, planDjangoAuth, type DjangoAuthPlan, type ExemptPath, type TextInsertion } from './project/django';
export { pythonSnippets, typescriptSnippets } from './project/snippets';
export { checkJwksUrl, hostKind, isLoopbackUrl, parseJwks, JWKS_MAX_BYTES, JWKS_MAX_REDIRECTS } from './keys/jwks';
// Tokens where they show up: a debugger's string, a redirect URI, the object around the cursor, .http files.
export { unquoteDebugValue, type DebugString } from './text/debugValue';
export { MAX_REDIRECT_TOKENS, tokensInRedirect, type RedirectToken } from './text/redirect';
export { bracesAround, MAX_OBJECT_TEXT, type Span } from './text/objectAround';
export { authorizationTokens, refreshedClaims, type HeaderToken } from './text/httpRequests';
export { resignCheck, resignClaims, resignToken, type ResignCheck } from './token/resign';
export { resignRefusal } from './token/resignRefusal';
// Keys from where issuers publish them: discovery documents, x5c chains to trust anchors.
export { discoveryPlan, readDiscoveryDocument, DISCOVERY_MAX_BYTES, type DiscoveryPlan } from './keys/discovery';
export { checkX5c, readTrustAnchors, type ChainCheck, type AnchorInfo } from './keys/x5c';
export { SECRET_ENCODINGS, type SecretEncoding } from './keys/types';
export { otherReadings, readingName, secretText } from './keys/secret';
export { whichKeySigned, type KeyCandidate, type KeyMatch, type KeySearch } from './token/whichKey';
// The tokens of 2026: profiles recognised, checked and explained (src/core/profiles/).
export { signSdJwt, NEVER_DISCLOSABLE, type SdJwtSignOptions } from './profiles/sdJwtSign';
export { splitSdJwt } from './profiles/sdJwt';
export { type Disclosure } from './token/types';
export type { Profile, ProfileCheck, ProfileOptions } from './token/types';
export type { SignatureVerifier, VerifyRequest } from './keys/verifier';
export { dpopPair, dpopPairAround, type DpopPair } from './profiles/dpopPair';
export { guessProfile, profileTitle } from './profiles/describe';
export { ML_DSA_ALGS, mlDsaAvailable, type MlDsaAlg } from './keys/mlDsa';
