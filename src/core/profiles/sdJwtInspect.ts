// An SD-JWT inspected as a whole: the issuer JWT (with the user's key), its disclosures put in place, the Key
// Binding JWT (with the holder key the issuer put in `cnf.jwk`), and SD-JWT VC's own rules.
import type { Inspection, InspectOptions } from '../token/types';
import { claimList } from '../token/claimChecks';
import { decodeToken } from '../token/decode';
import { MESSAGES } from '../token/verdicts';
import { processDisclosures, sdDigest, splitSdJwt } from './sdJwt';
import { type Disclosure } from '../token/types';
import { failed, isSdJwtVcType, notChecked, passed } from './checks';
import { subtleHash } from '../base/algorithms';
import { type Profile, type ProfileCheck } from '../token/types';
import { isFinalVerdict } from './checks';
import { relativeTime } from '../token/claims';

/** How old a KB-JWT may be (its iat), beyond the leeway: a presentation is made for one request. */
export const KB_MAX_AGE_S = 300;

type InspectJwt = (jwt: string, opts: InspectOptions) => Promise<Inspection>;

/**
 * Inspect an SD-JWT. The verdict is the issuer JWT's; a failed required check (a disclosure that is not the
 * issuer's, a bad key binding, a VC without vct) makes a verified one 'claim-mismatch', or 'invalid-signature' when
 * the KB-JWT's signature is what failed — never 'verified'.
 */
export async function inspectSdJwt(token: string, opts: InspectOptions, inspectJwt: InspectJwt): Promise<Inspection | undefined> {
  const parts = splitSdJwt(token);
  if (!parts) return undefined;
  // The expected audience is the verifier's, which a presentation names in its KB-JWT: the issuer JWT is checked
  // against it only when it has an aud of its own.
  const issuerHasAud = decodeToken(parts.issuerJwt).payload?.aud !== undefined;
  const issuer = await inspectJwt(parts.issuerJwt, issuerHasAud ? opts : { ...opts, audience: undefined });
  const base: Inspection = { ...issuer, token };
  if (issuer.kind !== 'jws' || !issuer.payload || typeof issuer.payload !== 'object') {
    return { ...base, profile: 'sd-jwt', detail: `The issuer-signed JWT before the first "~": ${issuer.detail ?? issuer.message}` };
  }
  const nowSec = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const sd = await processDisclosures(issuer.payload as Record<string, unknown>, parts.disclosures);
  const checks: ProfileCheck[] = [issuerCheck(issuer), ...sd.checks];
  const typ = typeof issuer.header?.typ === 'string' ? issuer.header.typ : undefined;
  const profile: Profile = isSdJwtVcType(typ) ? 'sd-jwt-vc' : 'sd-jwt';
  if (profile === 'sd-jwt-vc') checks.push(...vcChecks(sd.claims, typ!));
  let keyBinding: Inspection | undefined;
  if (parts.kbJwt) {
    const kb = await keyBindingChecks(parts.kbJwt, parts.presentation, issuer.payload as Record<string, unknown>, opts, nowSec, inspectJwt);
    keyBinding = kb.inspection;
    checks.push(...kb.checks);
  } else if (opts.nonce !== undefined || [opts.audience ?? []].flat().length) {
    // RFC 9901 §7.3: a verifier that asks for a nonce or names itself as the audience requires key binding.
    checks.push(failed('key binding', `You gave the verifier's ${opts.nonce !== undefined ? 'nonce' : 'audience'}, so key binding is required (RFC 9901 §7.3), but the presentation ends with "~": it has no Key Binding JWT.`));
  } else {
    checks.push(notChecked('key binding', 'The presentation ends with "~": it has no Key Binding JWT, so it does not prove who presents it.'));
  }
  const claims = claimList(sd.claims, nowSec).map((c) => (sd.disclosedNames.has(c.name) ? { ...c, disclosed: true } : c));
  const result: Inspection = {
    ...base,
    profile,
    payload: sd.claims,
    claims,
    checks,
    disclosures: sd.disclosures,
    withheld: sd.withheld,
    ...(keyBinding ? { keyBinding } : {}),
  };
  const failedChecks = checks.filter((c) => c.status === 'failed' && c.name !== 'issuer signature');
  if (!failedChecks.length || isFinalVerdict(issuer.verdict)) return result;
  const kbSignature = failedChecks.find((c) => c.name === 'key binding signature');
  const verdict = kbSignature ? 'invalid-signature' : issuer.verdict === 'verified' ? 'claim-mismatch' : issuer.verdict;
  const detail = failedChecks[0].message;
  const also = [...(issuer.verdict !== 'verified' && issuer.detail ? [issuer.detail] : []), ...failedChecks.slice(1).map((c) => c.message), ...(issuer.also ?? [])];
  return { ...result, verdict, message: MESSAGES[verdict], detail, ...(also.length ? { also } : {}) };
}

function issuerCheck(issuer: Inspection): ProfileCheck {
  if (issuer.verdict === 'verified' || issuer.verifiedWith) return passed('issuer signature', `The issuer-signed JWT verifies${issuer.verifiedWith ? ` with ${issuer.verifiedWith.description}` : ''}.`);
  if (issuer.verdict === 'unverified') return notChecked('issuer signature', issuer.detail ?? 'No key was given for the issuer-signed JWT.');
  return failed('issuer signature', issuer.detail ?? issuer.message);
}

function vcChecks(claims: Record<string, unknown>, typ: string): ProfileCheck[] {
  const out: ProfileCheck[] = [];
  if (typ === 'vc+sd-jwt') out.push(passed('typ', '"vc+sd-jwt" is the earlier media type of SD-JWT VC; current issuers use "dc+sd-jwt".'));
  out.push(typeof claims.vct === 'string' && claims.vct ? passed('vct', `The credential type is ${claims.vct}.`) : failed('vct', 'An SD-JWT VC must carry "vct", its credential type (SD-JWT VC §3.2.2.1.1), and must not make it selectively disclosable.'));
  const status = claims.status as Record<string, unknown> | undefined;
  const list = status && typeof status === 'object' ? (status.status_list as Record<string, unknown> | undefined) : undefined;
  if (list && typeof list === 'object') out.push(notChecked('status', `Revocation status is in the status list ${shown(list.uri)} at index ${shown(list.idx)}: shown, not fetched.`));
  return out;
}

async function keyBindingChecks(kbJwt: string, presentation: string, payload: Record<string, unknown>, opts: InspectOptions, nowSec: number, inspectJwt: InspectJwt): Promise<{ inspection?: Inspection; checks: ProfileCheck[] }> {
  const checks: ProfileCheck[] = [];
  const cnf = payload.cnf as Record<string, unknown> | undefined;
  const holder = cnf && typeof cnf === 'object' && cnf.jwk && typeof cnf.jwk === 'object' ? (cnf.jwk as object) : undefined;
  // The holder key comes from the issuer-signed claims, never from the KB-JWT itself; without it nothing verifies.
  const kb = await inspectJwt(kbJwt, { ...opts, key: holder ? { jwk: holder } : undefined, issuer: undefined, audience: undefined, requiredClaims: undefined });
  const inspection: Inspection = { ...kb, profile: 'kb-jwt' };
  if (!holder) checks.push(failed('key binding signature', 'The presentation has a Key Binding JWT, but the issuer-signed claims have no "cnf.jwk" holder key to check it with.'));
  else if (kb.verifiedWith) checks.push(passed('key binding signature', `The KB-JWT is signed by the holder key in cnf.jwk (${kb.verifiedWith.description}).`));
  else checks.push(failed('key binding signature', `The KB-JWT is not signed by the holder key in cnf.jwk: ${kb.detail ?? kb.message}`));
  const typ = kb.header?.typ;
  checks.push(typ === 'kb+jwt' ? passed('key binding typ', 'typ is "kb+jwt".') : failed('key binding typ', `A KB-JWT's typ must be "kb+jwt" (RFC 9901 §4.3); this one's is ${typ === undefined ? 'missing' : JSON.stringify(typ)}.`));
  const claims = (kb.payload ?? {}) as Record<string, unknown>;
  const hash = subtleHash(payload._sd_alg ?? 'sha-256');
  if (hash) {
    const expected = await sdDigest(presentation, hash);
    checks.push(claims.sd_hash === expected ? passed('sd_hash', 'sd_hash is the hash of this presentation: the KB-JWT was made for exactly these disclosures.') : failed('sd_hash', claims.sd_hash === undefined ? 'The KB-JWT has no "sd_hash" (RFC 9901 §4.3).' : 'The KB-JWT\'s sd_hash is not the hash of this presentation: it was made for other disclosures (or another token).'));
  }
  const leeway = opts.leeway ?? 0;
  const iat = claims.iat;
  if (typeof iat !== 'number') checks.push(failed('key binding iat', 'The KB-JWT has no numeric "iat" (RFC 9901 §4.3).'));
  else if (iat > nowSec + leeway) checks.push(failed('key binding iat', `The KB-JWT was made ${iat - nowSec} s in the future (leeway ${leeway} s).`));
  else if (nowSec - iat > KB_MAX_AGE_S + leeway) checks.push(failed('key binding iat', `The KB-JWT was made ${relativeTime(iat, nowSec)}; a presentation is fresh for ${KB_MAX_AGE_S / 60} minutes (plus the leeway).`));
  else checks.push(passed('key binding iat', `Made ${nowSec - iat} s ago.`));
  const audience = opts.audience === undefined ? undefined : Array.isArray(opts.audience) ? opts.audience : [opts.audience];
  if (audience) checks.push(typeof claims.aud === 'string' && audience.includes(claims.aud) ? passed('key binding aud', `aud is ${claims.aud}.`) : failed('key binding aud', `The KB-JWT is for ${claims.aud === undefined ? 'no audience' : JSON.stringify(claims.aud)}, not ${audience.join(' or ')}.`));
  else checks.push(notChecked('key binding aud', `aud is ${claims.aud === undefined ? 'missing' : JSON.stringify(claims.aud)} — set the expected audience to check it.`));
  if (opts.nonce !== undefined) checks.push(claims.nonce === opts.nonce ? passed('key binding nonce', 'nonce matches.') : failed('key binding nonce', `The KB-JWT's nonce is ${claims.nonce === undefined ? 'missing' : JSON.stringify(claims.nonce)}, not the expected one.`));
  else checks.push(notChecked('key binding nonce', `nonce is ${claims.nonce === undefined ? 'missing' : JSON.stringify(claims.nonce)} — give the expected nonce to check it.`));
  return { inspection, checks };
}

/** A claim value in a sentence: claim objects have no prototype, so never String() them. */
const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export type { Disclosure };
