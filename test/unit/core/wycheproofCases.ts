/**
 * Project Wycheproof's JOSE vectors (test/fixtures/wycheproof, provenance in its README) as one flat list of cases,
 * each with the key to use and what the core must answer. Shared by the Node unit suite and the same cases run in
 * Chromium (test/unit/browser), so both runtimes are held to one table.
 *
 * "Accepted" means the core found the signature valid (or decrypted the JWE): `verifiedWith` is set. A Wycheproof
 * `valid` case must be accepted; an `invalid` one must never be accepted and never read "verified". Most
 * Wycheproof payloads are the bytes "foo" — not a JWT claims set — so an accepted case may still end `malformed`
 * (RFC 7519 §7.2); that is the verdict the tool gives, with the signature reported as correct.
 */
import type { Inspection, KeyInput } from '../../../src/core';
import signature from '../../fixtures/wycheproof/json_web_signature_test.json';
import encryption from '../../fixtures/wycheproof/json_web_encryption_test.json';
import keys from '../../fixtures/wycheproof/json_web_key_test.json';
import mixed from '../../fixtures/wycheproof/json_web_crypto_test.json';

export interface WycheproofCase {
  /** e.g. "json_web_signature_test #12". */
  id: string;
  file: string;
  tcId: number;
  comment: string;
  flags: string[];
  token: string;
  key: KeyInput;
  expected: 'valid' | 'invalid';
  /** Hex of the expected plaintext of a JWE. */
  pt?: string;
  /** Why this case is not run, when it is not. */
  skip?: string;
  /**
   * RSA1_5 (RSAES-PKCS1-v1_5) key management is deliberately not implemented (RFC 8725 §3.2; jose dropped it): such
   * a case, valid or not, must come out 'unsupported' and never be accepted.
   */
  unsupported?: boolean;
}

const JSON_SERIALIZATION = 'JSON serialization: JWT Workbench reads compact tokens only (a JWT is always compact, RFC 7519 §1).';
const SHORT_HMAC = 'A short HMAC key (one byte under the hash size, RFC 7518 §3.2) stays VERIFIED with a weak-secret warning: the tool\'s deliberate choice (developers test with short secrets; PyJWT accepts them). Asserted in trust.test.ts.';
const MISLABELLED = 'Mislabelled upstream: byte-identical to the valid sig #357 (same token, same key).';
const KEY_ALG = 'The group\'s key declares another "alg" than the token uses (PS256 for a PS384 token; "ES521", no registered name, for ES512): RFC 7517 §4.4 says a key is used with its declared algorithm only, so the core refuses — as it must (the trust suite asserts that rule).';
const NOT_BASE64URL = 'Mislabelled upstream: a "?" is not base64url (RFC 7515 §2); the MAC is that of #357\'s token without it, so a conforming verifier must refuse (the core answers malformed, naming the character).';
const AMBIGUOUS_SET = 'Flagged "Ambiguous" upstream (a set RFC 7517 allows: a secret beside a public key, or two keys under one kid). The core keeps such sets: each member verifies only its own algorithms, so no member can stand in for another (the trust suite tests that rule).';

/** Skipped cases by file and tcId, each with its reason — the list is meant to be read. */
export const SKIPS: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  json_web_signature_test: { 346: KEY_ALG, 347: KEY_ALG, 350: KEY_ALG, 351: KEY_ALG, 367: MISLABELLED, 370: MISLABELLED, 372: NOT_BASE64URL, 373: NOT_BASE64URL },
  json_web_key_test: {
    1: AMBIGUOUS_SET,
    4: AMBIGUOUS_SET,
    10: SHORT_HMAC,
    11: SHORT_HMAC,
    12: SHORT_HMAC,
  },
  json_web_encryption_test: {},
  json_web_crypto_test: { 47: AMBIGUOUS_SET },
};

interface Group {
  comment?: string;
  private?: Record<string, unknown>;
  public?: Record<string, unknown>;
  tests: { tcId: number; comment: string; flags: string[]; result: string; jws?: unknown; jwe?: unknown; pt?: string }[];
}

function keyOf(jwk: Record<string, unknown>): KeyInput {
  return Array.isArray(jwk.keys) ? { jwks: jwk } : { jwk };
}

function collect(file: string, data: { testGroups: Group[] }): WycheproofCase[] {
  const out: WycheproofCase[] = [];
  for (const g of data.testGroups) {
    for (const t of g.tests) {
      const isJwe = t.jwe !== undefined;
      // A signature is verified with the public key where the group has one; a JWE is decrypted with the private key.
      const jwk = (isJwe ? g.private : (g.public ?? g.private))!;
      const token = isJwe ? t.jwe : t.jws;
      let skip = SKIPS[file]?.[t.tcId];
      if (!skip && (typeof token !== 'string' || t.flags.includes('JsonSerialization'))) skip = JSON_SERIALIZATION;
      const unsupported = isJwe && /"alg":"RSA1_5"/.test(headerText(String(token)));
      out.push({
        id: `${file} #${t.tcId}`,
        file,
        tcId: t.tcId,
        comment: `${g.comment ?? ''}: ${t.comment}`,
        flags: t.flags,
        token: typeof token === 'string' ? token : JSON.stringify(token),
        key: keyOf(jwk),
        expected: t.result === 'valid' ? 'valid' : 'invalid',
        pt: t.pt,
        skip,
        unsupported,
      });
    }
  }
  return out;
}

function headerText(token: string): string {
  try {
    return atob(token.split('.')[0].replace(/-/g, '+').replace(/_/g, '/')).replace(/\s/g, '');
  } catch {
    return '';
  }
}

export const CASES: readonly WycheproofCase[] = [
  ...collect('json_web_signature_test', signature as never),
  ...collect('json_web_encryption_test', encryption as never),
  ...collect('json_web_key_test', keys as never),
  ...collect('json_web_crypto_test', mixed as never),
];

const hex = (s: string) => Array.from(new TextEncoder().encode(s), (b) => b.toString(16).padStart(2, '0')).join('');

/** What is wrong with the core's answer to a case, or undefined when it is right. */
export function judge(c: WycheproofCase, ins: Inspection): string | undefined {
  const accepted = ins.verifiedWith !== undefined;
  if (c.unsupported) return ins.verdict === 'unsupported' && !accepted ? undefined : `RSA1_5 case not answered "unsupported": ${ins.verdict} (${ins.detail ?? ''})`;
  if (c.expected === 'invalid') {
    if (ins.verdict === 'verified') return `invalid case read "verified" (${ins.detail ?? ''})`;
    if (accepted) return `invalid case accepted: ${ins.verdict} (${ins.detail ?? ''})`;
    return undefined;
  }
  if (!accepted) return `valid case not accepted: ${ins.verdict} (${ins.detail ?? ''})`;
  if (c.pt !== undefined && ins.payloadText !== undefined && hex(ins.payloadText) !== c.pt) return `plaintext ${hex(ins.payloadText)} is not ${c.pt}`;
  if (c.pt !== undefined && ins.payloadText === undefined) return 'decrypted but no plaintext shown';
  return undefined;
}
