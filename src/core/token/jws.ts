// A signed token (JWS, RFC 7515) inspected: its header's demands, its payload as a claims set, its signature checked
// with the user's key (started early, so the Web Crypto job runs while the claims are worked through), and the verdict.
import { isSigningAlg, type SigningAlg } from '../base/algorithms';
import { base64UrlToBytes } from '../base/encoding';
import { readingName } from '../keys/secret';
import { claimFailures, claimList, verdictNotes, warningsFor } from './claimChecks';
import { decodeJsonPart } from './decode';
import { combineLayers, isNestedJwt } from './nested';
import { checkSignature, signatureSentence, verifyingReading, type SignatureCheck } from './signature';
import type { Inspection, InspectionWarning, InspectOptions, Verdict } from './types';
import { MESSAGES, NOT_A_JWT_MESSAGE, malformed, notAClaimsSet, publicInfo } from './verdicts';
import { weakSecretWarning, wellKnownSecretWarning } from './wellKnownSecrets';

const NOT_A_JWT = 'is not a JWT claims set (RFC 7519 §7.2: a JWT\'s payload is one JSON object)';

/** Why a JWS's "crit" refuses it (RFC 7515 §4.1.11), or undefined when it is absent or names only "b64". */
function critProblem(crit: unknown): { verdict: Verdict; detail: string } | undefined {
  if (crit === undefined) return undefined;
  if (!Array.isArray(crit) || crit.length === 0 || crit.some((c) => typeof c !== 'string')) return { verdict: 'malformed', detail: '"crit" must be a non-empty list of header names (RFC 7515 §4.1.11).' };
  const unknown = (crit as string[]).filter((c) => c !== 'b64');
  if (unknown.length) return { verdict: 'unsupported', detail: `The token requires the header extension(s) ${unknown.map((c) => `"${c}"`).join(', ')}, which this tool does not understand; RFC 7515 §4.1.11 says it must then be rejected.` };
  return undefined;
}

/** The payload of a JWS: a claims object, or why it is not one (with its text for display). */
interface Payload {
  payload?: Record<string, unknown>;
  payloadText?: string;
  /** Why this is not a JWT claims set, when it is not. */
  notClaims?: string;
  /** The payload part itself is broken (not base64url): malformed before anything else. */
  error?: string;
}

function readPayload(part: string): Payload {
  const decoded = decodeJsonPart(part, 'payload');
  if (decoded.text === undefined) return { error: decoded.error };
  const why = decoded.error?.includes('UTF-8') ? 'it is not valid UTF-8' : notAClaimsSet(decoded.text, decoded.value, decoded.ok);
  if (why) return { payloadText: decoded.text, notClaims: why };
  return { payload: decoded.value as Record<string, unknown>, payloadText: decoded.text };
}

/** Why the token is refused before its signature is checked (no alg, an unencoded or undecodable part), or undefined. */
function refusal(parts: string[], header: Record<string, unknown>, base: Partial<Inspection>, read: Payload): Inspection | undefined {
  if (typeof header.alg !== 'string') return malformed(base, 'The header has no "alg" (RFC 7515 §4.1.1).');
  if (header.b64 !== undefined && header.b64 !== true) {
    return { ...base, kind: 'jws', verdict: 'unsupported', message: MESSAGES.unsupported, detail: 'The header says "b64": false (RFC 7797, an unencoded payload): what was signed is the payload text itself, and no JWT uses that form, so it is neither decoded as claims nor verified here.', warnings: [], claims: [] };
  }
  if (read.error) return malformed(base, read.error);
  try {
    base64UrlToBytes(parts[2]);
  } catch {
    return malformed(base, 'The signature is not valid base64url (RFC 7515 §2): every token has one spelling, and this one has stray bits or characters.');
  }
  return undefined;
}

type Result = (verdict: Verdict, detail?: string, extra?: Partial<Inspection>) => Inspection;

/** What a checked signature says, in the words of the verdict's detail: the algorithm, the key, the chain it built. */
function withKey(alg: string, sig: SignatureCheck & { ok: true }): string {
  const chain = sig.chain ? ` — certificate chain to ${sig.chain.anchor} (${sig.chain.path.join(' → ')})${sig.chain.extendedKeyUsage ? `; the leaf's extended key usage: ${sig.chain.extendedKeyUsage.join(', ')}` : ''}` : '';
  return `${alg} with ${sig.key.description}${chain}.`;
}

/**
 * Decode, check and explain a JWS whose header was read. `inner` inspects a nested JWT's payload (absent past the
 * nesting limit). The signature check starts before the claims are worked through and is awaited on every path.
 */
export async function inspectJws(token: string, parts: string[], header: Record<string, unknown>, base: Partial<Inspection>, opts: InspectOptions, inner?: (text: string) => Promise<Inspection>): Promise<Inspection> {
  const nowSec = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const read = readPayload(parts[1]);
  const refused = refusal(parts, header, base, read);
  if (refused) return refused;
  const alg = header.alg as string;
  const critRefusal = critProblem(header.crit);
  const checking = alg.toLowerCase() !== 'none' && isSigningAlg(alg) && !critRefusal ? checkSignature(token, alg, header, opts) : undefined;
  // Should the claim work below throw, the outer catch says so; the started check must not become an unhandled rejection.
  checking?.catch(() => undefined);
  const nested = isNestedJwt(header) && inner !== undefined;
  const { payload, payloadText } = read;
  const claims = payload ? claimList(payload, nowSec) : [];
  const warnings = warningsFor(header, nested ? {} : payload, opts, nowSec).filter((w) => !(nested && w.code === 'no-exp'));
  const result: Result = (verdict, detail, extra = {}) => ({ ...base, kind: 'jws', payload, payloadText, verdict, message: MESSAGES[verdict], ...(detail ? { detail } : {}), warnings, claims, ...extra });

  if (alg.toLowerCase() === 'none') return result('unsigned', `It is unsigned (alg: none) and can never be trusted: anyone can make it.${parts[2] ? ' It also carries a signature, which alg "none" tells verifiers to ignore.' : ''}`);
  if (!isSigningAlg(alg)) return result('unsupported', `The algorithm "${alg}" is not one this tool verifies (HS, RS, PS 256/384/512, ES256/384/512, EdDSA, Ed25519, ML-DSA-44/65/87).`);
  if (critRefusal) return result(critRefusal.verdict, critRefusal.detail);
  const check = await checking!;
  await secretWarnings(check, token, alg, opts, warnings);
  if (nested) {
    const outer = check.ok ? result('verified', withKey(alg, check), { verifiedWith: publicInfo(check.key), ...(check.chain ? { chain: check.chain } : {}) }) : result(check.verdict, check.detail);
    return combineLayers(outer, await inner(payloadText ?? ''), check.ok);
  }
  if (read.notClaims) {
    const verifiedWith = check.ok ? publicInfo(check.key) : undefined;
    return { ...result('malformed', `The payload ${NOT_A_JWT}: ${read.notClaims}; it is shown as text. ${signatureSentence(check)}`, verifiedWith ? { verifiedWith } : {}), message: NOT_A_JWT_MESSAGE };
  }
  return claimsVerdict(token, alg, check, payload!, opts, nowSec, warnings, result);
}

/** The secret's own warnings: a well-known secret that signed it (when the key did not verify), a weak secret that did. */
async function secretWarnings(check: SignatureCheck, token: string, alg: SigningAlg, opts: InspectOptions, warnings: InspectionWarning[]): Promise<void> {
  if (!check.ok && alg.startsWith('HS')) {
    // Checked only when the given key did not verify the token (or there is none): a key that does verify it is
    // itself checked against the same list by weakSecretWarning, and the fast path stays fast.
    const known = await wellKnownSecretWarning(token, alg, opts.cache);
    if (known) warnings.push(known);
  }
  if (check.ok) {
    const weak = weakSecretWarning(check.key, alg);
    if (weak) warnings.push(weak);
  }
}

/** The verdict of a JWT claims set once its signature was checked: the signature first, then the claims. */
async function claimsVerdict(token: string, alg: SigningAlg, check: SignatureCheck, payload: Record<string, unknown>, opts: InspectOptions, nowSec: number, warnings: InspectionWarning[], result: Result): Promise<Inspection> {
  const failures = claimFailures(payload, opts, nowSec);
  const also = (list: { detail: string }[]) => (list.length ? { also: list.map((f) => f.detail) } : {});
  if (!check.ok) {
    const reading = check.mismatch && alg.startsWith('HS') ? await verifyingReading(token, alg, opts) : undefined;
    if (reading) {
      const message = `This token was signed with ${readingName(reading)}.`;
      return result(check.verdict, `${check.detail} ${message} Read the secret as ${reading === 'utf8' ? 'text' : reading} to verify it.`, { secretReading: { encoding: reading, message }, ...also(failures) });
    }
    if (failures.length && check.verdict === 'unverified') warnings.push({ code: `unverified-${failures[0].verdict}`, message: `Even unverified, it would fail: ${failures[0].detail}` });
    return result(check.verdict, check.detail, { ...(check.verdict === 'invalid-signature' ? also(failures) : {}), ...(check.message ? { message: check.message } : {}) });
  }
  const verified = { verifiedWith: publicInfo(check.key), ...(check.chain ? { chain: check.chain } : {}) };
  const notes = verdictNotes(payload, opts, nowSec, failures);
  const noted = (detail: string) => [detail, ...notes].join(' ');
  if (failures.length) return result(failures[0].verdict, noted(failures[0].detail), { ...verified, ...also(failures.slice(1)) });
  return result('verified', noted(withKey(alg, check)), verified);
}
