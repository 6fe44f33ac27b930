// SD-JWT (RFC 9901): `<issuer-signed JWT>~<disclosure>~…~[<KB-JWT>]`. The issuer JWT is verified like any JWS with
// the user's key; each disclosure's digest (the `_sd_alg` hash of its encoded text) must appear exactly once in the
// claims — in an `_sd` array (an object property) or as `{"...": digest}` (an array element) — and the disclosed
// values are put in place, recursively. Digests that no disclosure matches are withheld claims (or decoys): counted,
// never guessed.
import { base64UrlToBytes, bytesToBase64Url, utf8 } from '../base/encoding';
import { MAX_PAYLOAD_DEPTH, depthExceeds } from '../token/claimChecks';
import { failed, notChecked, passed } from './checks';
import { subtleHash, type HashName } from '../base/algorithms';
import { type ProfileCheck } from '../token/types';
import type { Disclosure } from '../token/types';

/** At most this many disclosures are read: real presentations have a few dozen. */
export const MAX_DISCLOSURES = 1000;
const MAX_DEPTH = 64;
const B64URL = /^[A-Za-z0-9_-]+$/;

/** The pieces of an SD-JWT in the compact `~` form. */
export interface SdJwtParts {
  issuerJwt: string;
  disclosures: string[];
  /** The Key Binding JWT, when the presentation ends with one rather than with `~`. */
  kbJwt?: string;
  /** Everything up to and including the last `~`: what a KB-JWT's sd_hash is computed over. */
  presentation: string;
}

/** Split an SD-JWT; undefined when the text has no `~` or its first piece is not a three-part JWS. */
export function splitSdJwt(token: string): SdJwtParts | undefined {
  const last = token.lastIndexOf('~');
  if (last < 0) return undefined;
  const pieces = token.split('~');
  const issuerJwt = pieces[0];
  if (issuerJwt.split('.').length !== 3) return undefined;
  const tail = pieces[pieces.length - 1];
  return { issuerJwt, disclosures: pieces.slice(1, -1), ...(tail ? { kbJwt: tail } : {}), presentation: token.slice(0, last + 1) };
}

/** base64url of the hash of a text's ASCII (UTF-8) bytes, as RFC 9901 §4.2.3 and §4.3.1 compute digests. */
export async function sdDigest(text: string, hash: HashName): Promise<string> {
  return bytesToBase64Url(new Uint8Array(await crypto.subtle.digest(hash, utf8.encode(text))));
}

export interface SdProcessing {
  /** The claims with every disclosed value in place, `_sd` and `_sd_alg` removed. */
  claims: Record<string, unknown>;
  disclosures: Disclosure[];
  /** Digests no disclosure matched (withheld claims, or decoys): counted only. */
  withheld: number;
  checks: ProfileCheck[];
  /** Top-level claim names that came from a disclosure. */
  disclosedNames: Set<string>;
}

interface Decoded {
  encoded: string;
  entry: Disclosure;
  salt?: unknown;
  used: boolean;
}

function decode(encoded: string): { ok: true; array: unknown[]; text: string } | { ok: false; problem: string } {
  if (!B64URL.test(encoded)) return { ok: false, problem: 'it is not base64url' };
  let text: string;
  try {
    text = utf8.decodeStrict(base64UrlToBytes(encoded));
  } catch {
    return { ok: false, problem: 'it is not base64url-encoded UTF-8' };
  }
  let array: unknown;
  try {
    array = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'it is not JSON' };
  }
  if (!Array.isArray(array) || (array.length !== 2 && array.length !== 3)) return { ok: false, problem: 'it is not a JSON array of [salt, name, value] or [salt, value] (RFC 9901 §4.2)' };
  if (typeof array[0] !== 'string') return { ok: false, problem: 'its salt is not a string' };
  if (array.length === 3 && typeof array[1] !== 'string') return { ok: false, problem: 'its claim name is not a string' };
  // As deep as a payload may be, and no deeper: a value nested thousands deep could not even be shown.
  if (depthExceeds(array, MAX_PAYLOAD_DEPTH)) return { ok: false, problem: `its value is nested more than ${MAX_PAYLOAD_DEPTH} levels deep (the limit of a payload)` };
  return { ok: true, array, text };
}

/**
 * Process the issuer-signed claims with the disclosures (RFC 9901 §7.1 step 4): put each disclosed value where its
 * digest is, recursively; reject a disclosure referenced nowhere or twice, one of the wrong shape for where it is
 * referenced, a disclosed name that is `_sd` or `...` or collides with a plain claim, and an unsupported `_sd_alg`.
 */
export async function processDisclosures(payload: Record<string, unknown>, encoded: string[]): Promise<SdProcessing> {
  const checks: ProfileCheck[] = [];
  const alg = payload._sd_alg ?? 'sha-256';
  const hash = subtleHash(alg);
  if (!hash) {
    checks.push(failed('_sd_alg', `The digest algorithm "${String(alg)}" is not one this tool supports (sha-256, sha-384, sha-512): the disclosures cannot be matched.`));
    const { _sd: _a, _sd_alg: _b, ...rest } = payload;
    return { claims: rest, disclosures: [], withheld: 0, checks, disclosedNames: new Set() };
  }
  checks.push(passed('_sd_alg', `Digests are ${alg}${payload._sd_alg === undefined ? ' (the default)' : ''}.`));
  if (encoded.length > MAX_DISCLOSURES) {
    checks.push(failed('disclosures', `The presentation has ${encoded.length} disclosures; at most ${MAX_DISCLOSURES} are read.`));
    return { claims: {}, disclosures: [], withheld: 0, checks, disclosedNames: new Set() };
  }
  const { disclosures, byDigest, duplicateText } = await readDisclosures(encoded, hash);
  if (duplicateText) checks.push(failed('disclosures', 'The same disclosure is sent twice.'));
  const walk = new DisclosureWalk(byDigest);
  const claims = walk.value(payload, '', 0) as Record<string, unknown>;
  checks.push(...summaryChecks(disclosures, walk.problems, walk.withheld));
  return { claims, disclosures, withheld: walk.withheld, checks, disclosedNames: walk.disclosedNames };
}

/** Every disclosure decoded and hashed, by its digest (a malformed one is listed, never matched). */
async function readDisclosures(encoded: string[], hash: HashName): Promise<{ disclosures: Disclosure[]; byDigest: Map<string, Decoded>; duplicateText: boolean }> {
  const disclosures: Disclosure[] = [];
  const byDigest = new Map<string, Decoded>();
  let duplicateText = false;
  for (const e of encoded) {
    const digest = await sdDigest(e, hash);
    const d = decode(e);
    const entry: Disclosure = d.ok
      ? { digest, ...(d.array.length === 3 ? { name: d.array[1] as string, value: d.array[2] } : { value: d.array[1] }), decoded: d.text, status: 'unreferenced', problem: 'its digest is in none of the claims' }
      : { digest, status: 'malformed', problem: d.problem };
    disclosures.push(entry);
    if (byDigest.has(digest)) duplicateText = true;
    if (d.ok) byDigest.set(digest, { encoded: e, entry, salt: d.array[0], used: false });
  }
  return { disclosures, byDigest, duplicateText };
}

/** The disclosures check (the first problem, and how many more) and the withheld digests, as the profile shows them. */
function summaryChecks(disclosures: Disclosure[], problems: string[], withheld: number): ProfileCheck[] {
  const unreferenced = disclosures.filter((d) => d.status === 'unreferenced').length;
  const malformed = disclosures.filter((d) => d.status === 'malformed');
  if (malformed.length) problems.push(`${malformed.length === 1 ? 'a disclosure' : `${malformed.length} disclosures`} cannot be read: ${malformed[0].problem}`);
  if (unreferenced) problems.push(`${unreferenced === 1 ? 'a disclosure is' : `${unreferenced} disclosures are`} referenced nowhere in the claims (its digest is in no "_sd" and no {"...": …}): it was not issued with this token`);
  const shown = disclosures.filter((d) => d.status === 'disclosed').length;
  return [
    problems.length
      ? failed('disclosures', `${problems[0].charAt(0).toUpperCase()}${problems[0].slice(1)}.${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`)
      : passed('disclosures', `${shown === 1 ? '1 claim is' : `${shown} claims are`} disclosed, each matching a digest the issuer signed.`),
    withheld ? notChecked('withheld', `${withheld === 1 ? '1 digest has' : `${withheld} digests have`} no disclosure here: claims withheld (or decoys) — never guessed.`) : passed('withheld', 'Every digest has its disclosure.'),
  ];
}

/**
 * One walk over the issuer-signed claims, putting each disclosed value where its digest is (RFC 9901 §7.1 step 4):
 * `_sd` digests in objects, `{"...": digest}` elements in arrays. Records the problems, the digests with no
 * disclosure (withheld) and the top-level names that were disclosed. Linear in the claims and disclosures.
 */
class DisclosureWalk {
  readonly problems: string[] = [];
  readonly disclosedNames = new Set<string>();
  withheld = 0;
  private readonly seen = new Set<string>();

  constructor(private readonly byDigest: Map<string, Decoded>) {}

  value(value: unknown, path: string, depth: number): unknown {
    if (depth > MAX_DEPTH) {
      this.problems.push(`the claims are nested more than ${MAX_DEPTH} levels deep`);
      return value;
    }
    if (Array.isArray(value)) return this.array(value, path, depth);
    if (!value || typeof value !== 'object') return value;
    return this.object(value as Record<string, unknown>, path, depth);
  }

  /** The disclosure a digest names, once: a digest used twice is a problem; one with no disclosure is withheld. */
  private take(ref: string, where: string): Decoded | undefined {
    if (this.seen.has(ref)) this.problems.push(`${where}: the digest ${ref.slice(0, 12)}… is used twice`);
    this.seen.add(ref);
    const hit = this.byDigest.get(ref);
    if (!hit) this.withheld++;
    return hit;
  }

  private place(hit: Decoded, at: string, depth: number): unknown {
    hit.used = true;
    Object.assign(hit.entry, { status: 'disclosed', path: at, problem: undefined });
    return this.value(hit.entry.value, at, depth + 1);
  }

  private reject(hit: Decoded, why: string): void {
    hit.used = true;
    Object.assign(hit.entry, { status: 'rejected', problem: why });
    this.problems.push(`a disclosure is refused: ${why}`);
  }

  private array(value: unknown[], path: string, depth: number): unknown[] {
    const out: unknown[] = [];
    for (const item of value) {
      const ref = item && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length === 1 && '...' in item ? (item as Record<string, unknown>)['...'] : undefined;
      if (ref === undefined) {
        out.push(this.value(item, `${path}[${out.length}]`, depth + 1));
        continue;
      }
      if (typeof ref !== 'string') {
        this.problems.push(`${path}: an array element {"...": …} holds no digest string`);
        continue;
      }
      const hit = this.take(ref, path);
      if (!hit) continue;
      if (hit.entry.name !== undefined) this.reject(hit, `it is a [salt, name, value] disclosure, but ${path} refers to it as an array element`);
      else out.push(this.place(hit, `${path}[${out.length}]`, depth));
    }
    return out;
  }

  private object(obj: Record<string, unknown>, path: string, depth: number): Record<string, unknown> {
    // Without a prototype: a claim named "__proto__" (signed or disclosed) is a claim, never the object's prototype.
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(obj)) {
      if (k === '_sd' || (k === '_sd_alg' && depth === 0)) continue;
      out[k] = this.value(v, path ? `${path}.${k}` : k, depth + 1);
    }
    if (obj._sd === undefined) return out;
    const where = path || 'the claims';
    if (!Array.isArray(obj._sd) || obj._sd.some((x) => typeof x !== 'string')) {
      this.problems.push(`${where}: "_sd" is not an array of digest strings`);
      return out;
    }
    for (const ref of obj._sd as string[]) {
      const hit = this.take(ref, where);
      if (!hit) continue;
      const name = hit.entry.name;
      const refusal =
        name === undefined ? `it is a [salt, value] array element, but ${where} refers to it from "_sd"`
        : name === '_sd' || name === '...' ? `it discloses a claim named "${name}", which RFC 9901 §4.2.1 forbids`
        : Object.prototype.hasOwnProperty.call(obj, name) || Object.prototype.hasOwnProperty.call(out, name) ? `it discloses "${name}", which is already a plain claim there`
        : undefined;
      if (refusal || name === undefined) {
        this.reject(hit, refusal!);
        continue;
      }
      if (depth === 0) this.disclosedNames.add(name);
      out[name] = this.place(hit, path ? `${path}.${name}` : name, depth);
    }
    return out;
  }
}
