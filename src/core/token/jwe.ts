/**
 * Encrypted tokens (JWE, RFC 7516, compact form): decrypted only with a key that fits and declares itself for it.
 * A JWE encrypted to a public key proves nothing about who made it; only a shared secret (or a signed inner JWT)
 * does.
 */
import { compactDecrypt } from 'jose';
import { claimFailures, claimList, warningsFor } from './claimChecks';
import { base64UrlToBytes, utf8 } from '../base/encoding';
import type { Inspection, InspectionWarning, InspectOptions, Verdict } from './types';
import { JWE_ALGS_BY_FAMILY, decryptionRefusal, importForDecryption } from '../keys/keyImport';
import { resolveKeys } from '../keys/resolve';
import { type ResolvedKey } from '../keys/types';
import { combineLayers, isNestedJwt } from './nested';
import { MESSAGES, NOT_A_JWT_MESSAGE, malformed, notAClaimsSet, publicInfo } from './verdicts';

const KEY_MANAGEMENT = new Set(Object.values(JWE_ALGS_BY_FAMILY).flat());
const CONTENT_ENCRYPTION = new Set(['A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512', 'A128GCM', 'A192GCM', 'A256GCM']);
const PART_NAMES = ['protected header', 'encrypted key', 'initialization vector', 'ciphertext', 'authentication tag'];

let aes192: Promise<boolean> | undefined;
/** Whether this runtime's Web Crypto has 192-bit AES (Node does; Chromium does not). Asked once. */
function hasAes192(): Promise<boolean> {
  aes192 ??= crypto.subtle.importKey('raw', new Uint8Array(24), 'AES-GCM', false, ['decrypt']).then(() => true, () => false);
  return aes192;
}

function unsupportedAlgorithm(alg: string, enc: string): string | undefined {
  if (alg === 'RSA1_5') return 'Its key management algorithm RSA1_5 (RSAES-PKCS1-v1_5) is deliberately not implemented: it is open to padding-oracle attacks (RFC 8725 §3.2). Issuers should use RSA-OAEP-256.';
  if (!KEY_MANAGEMENT.has(alg)) return `Its key management algorithm "${alg}" is not one this tool decrypts.`;
  if (!CONTENT_ENCRYPTION.has(enc)) return `Its content encryption "${enc}" is not one this tool decrypts (A128/192/256GCM, A128CBC-HS256, A192CBC-HS384, A256CBC-HS512).`;
  return undefined;
}

type Result = (verdict: Verdict, message: string, detail?: string, extra?: Partial<Inspection>) => Inspection;

export async function inspectJwe(token: string, parts: string[], header: Record<string, unknown>, base: Partial<Inspection>, opts: InspectOptions, inner?: (text: string) => Promise<Inspection>): Promise<Inspection> {
  const nowSec = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const warnings = warningsFor(header, undefined, opts, nowSec);
  const result: Result = (verdict, message, detail, extra = {}) => ({ ...base, kind: 'jwe', verdict, message, ...(detail ? { detail } : {}), warnings, claims: [], ...extra });
  const alg = header.alg;
  const enc = header.enc;
  if (typeof alg !== 'string' || typeof enc !== 'string') return malformed(base, 'An encrypted token (JWE) needs "alg" and "enc" in its header (RFC 7516 §4.1).');
  const refused = await refusal(parts, alg, enc, base, result);
  if (refused) return refused;
  if (!opts.key) return result('unverified', 'Encrypted token (JWE): its claims cannot be read without the decryption key.', `Encrypted with ${alg} / ${enc}.`);
  let keys: ResolvedKey[];
  try {
    keys = resolveKeys(opts.key, opts.cache);
  } catch (e) {
    return result('unverified', 'Encrypted token (JWE): not decrypted.', `The key cannot be used: ${(e as Error).message}`);
  }
  const refusals: string[] = [];
  const fitting = keys.filter((k) => {
    const why = decryptionRefusal(k, alg, enc);
    if (why) refusals.push(why);
    return !why;
  });
  for (const key of fitting) {
    const plaintext = await decrypt(token, key, alg, enc);
    if (!plaintext) continue; // the next key
    const text = utf8.decodeLenient(plaintext);
    const how = `${alg} / ${enc} with ${key.description}.`;
    // Anyone with the public key can encrypt to it: only a shared secret also proves who made the token.
    const authenticated = key.family === 'oct';
    if (isNestedJwt(header) && inner) {
      const outer = result(authenticated ? 'verified' : 'unverified', authenticated ? 'Decrypted and authenticated.' : 'Decrypted.', how, { payloadText: text, verifiedWith: publicInfo(key) });
      return combineLayers(outer, await inner(text), true);
    }
    return claimsVerdict(text, { how, authenticated, verifiedWith: publicInfo(key) }, header, opts, nowSec, warnings, result);
  }
  if (fitting.length) return result('invalid-signature', 'Token is invalid.', `It cannot be decrypted with the key given (${alg} / ${enc}).`);
  return result('invalid-signature', 'Token is invalid.', `No key given may decrypt it: ${[...new Set(refusals)].join('; ')}.`);
}

/** Why the JWE is refused before any key is tried (a part not base64url, an algorithm not decrypted here), or undefined. */
async function refusal(parts: string[], alg: string, enc: string, base: Partial<Inspection>, result: Result): Promise<Inspection | undefined> {
  for (let i = 1; i < 5; i++) {
    try {
      base64UrlToBytes(parts[i]);
    } catch {
      return malformed(base, `The ${PART_NAMES[i]} is not valid base64url (RFC 7516 §2: one spelling per token).`);
    }
  }
  const unsupported = unsupportedAlgorithm(alg, enc);
  if (unsupported) return result('unsupported', MESSAGES.unsupported, unsupported);
  if (/192/.test(alg + enc) && !(await hasAes192())) {
    return result('unsupported', MESSAGES.unsupported, `It uses 192-bit AES (${alg} / ${enc}), which this runtime's Web Crypto does not have (browsers lack AES-192). VS Code on the desktop can decrypt it.`);
  }
  return undefined;
}

/** The plaintext, or undefined when this key does not decrypt the token. */
async function decrypt(token: string, key: ResolvedKey, alg: string, enc: string): Promise<Uint8Array | undefined> {
  try {
    const cryptoKey = await importForDecryption(key, alg);
    return (await compactDecrypt(token, cryptoKey, { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] })).plaintext;
  } catch {
    return undefined;
  }
}

/** The verdict of a decrypted plaintext that should be a claims set: authenticated (a shared secret) or not. */
function claimsVerdict(text: string, by: { how: string; authenticated: boolean; verifiedWith: Inspection['verifiedWith'] }, header: Record<string, unknown>, opts: InspectOptions, nowSec: number, warnings: InspectionWarning[], result: Result): Inspection {
  const { how, authenticated, verifiedWith } = by;
  let parsed = true;
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    parsed = false;
  }
  const notClaims = notAClaimsSet(text, payload, parsed);
  if (notClaims) {
    return result('malformed', NOT_A_JWT_MESSAGE, `It decrypted (${how.replace(/\.$/, '')}), but the plaintext is not a JWT claims set (RFC 7519 §7.2): ${notClaims}. It is shown as text.`, { payloadText: text, verifiedWith });
  }
  const claimsSet = payload as Record<string, unknown>;
  warnings.push(...warningsFor(header, claimsSet, opts, nowSec).filter((w) => !warnings.some((x) => x.code === w.code)));
  const [failure, ...more] = claimFailures(claimsSet, opts, nowSec);
  const extra = { payload: claimsSet, payloadText: text, claims: claimList(claimsSet, nowSec), verifiedWith, ...(more.length ? { also: more.map((f) => f.detail) } : {}) };
  // Anyone can encrypt to a public key: its claims are unchecked data, so their failures never make a verdict that
  // (like 'expired') every reader takes to mean that the user's key vouched for the token.
  if (!authenticated) return result('unverified', 'Decrypted. Encryption to a public key does not prove who made the token.', `${how} Sign it (nested JWT) to prove its origin.${failure ? ` ${failure.detail}` : ''}`, extra);
  if (failure) return result(failure.verdict, MESSAGES[failure.verdict], failure.detail, extra);
  return result('verified', 'Decrypted and authenticated.', how, extra);
}
