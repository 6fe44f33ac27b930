import type { CryptoKey, JWK } from 'jose';
import { EC_CURVE_ALG, HMAC_ALGS, RSA_ALGS, type SigningAlg } from './algorithms';
import { CURVE_BY_OID, DerError, OID, children, oid, readNode, tlv, encodeOid } from './der';
import { JwtWorkbenchError } from './errors';
import { base64ToBytes, base64UrlToBytes, bytesToBase64Url, utf8 } from './encoding';
import { bitLength, ed25519KeyProblem, rsaKeyProblem, stripLeadingZeros } from './keyChecks';
import { ML_DSA_BY_OID, mlDsaInfo, readAkpJwk } from './mlDsa';
import type { SignatureVerifier } from './verifier';

/**
 * A key as users have it. A plain string is read as, in this order: a PEM block (SPKI, PKCS#8, PKCS#1, SEC1 EC,
 * X.509 certificate), a JWK or JWKS in JSON, and otherwise secret text whose UTF-8 bytes are the HMAC key —
 * exactly as PyJWT uses a `str` key. Secret text is never silently hex- or base64-decoded: say so with `encoding`.
 */
export type KeyInput =
  | string
  | { secret: string; encoding: 'utf8' | 'hex' | 'base64' | 'base64url' }
  | { jwk: object }
  | { jwks: object }
  /**
   * Trust anchors (PEM CA certificates): a token verifies only with the leaf key of its `x5c` chain, and only when
   * that chain builds to one of these (see checkX5c). Never a key by itself.
   */
  | { anchors: string };

/** 'AKP': an algorithm key pair (RFC 9964's ML-DSA keys). */
export type KeyFamily = 'oct' | 'RSA' | 'EC' | 'OKP' | 'AKP';

/** What a key is, without its secret parts. Safe to show and to log. */
export interface KeyInfo {
  family: KeyFamily;
  /** RSA modulus size, HMAC secret size in bits; undefined when unknown. */
  bits?: number;
  curve?: string;
  isPrivate: boolean;
  kid?: string;
  /** The signing algorithms this key can be used with — the allow-list for verification. */
  algorithms: SigningAlg[];
  /** e.g. "RSA private key (2048 bits)", "HMAC secret (32 bytes)". */
  description: string;
  /** The JWK's declared `use` (RFC 7517 §4.2), when it has one. */
  use?: string;
  /** The JWK's declared `key_ops` (RFC 7517 §4.3), when it has them. */
  keyOps?: string[];
  /** The JWK's declared `alg` (RFC 7517 §4.4), when it has one: the key is used with that algorithm only. */
  declaredAlg?: string;
  /** Why `algorithms` is narrower than the key type allows (its use, key_ops or alg), in words. */
  limitedBy?: string;
}

/** A member of a JWKS that could not be read, and why (the rest of the set is still used). */
export interface RejectedKey {
  kid?: string;
  reason: string;
}

/** Every key read from a KeyInput, and the JWKS members that were refused. */
export interface ResolvedKeySet {
  keys: ResolvedKey[];
  rejected: RejectedKey[];
}

type Material =
  | { kind: 'secret'; bytes: Uint8Array }
  | { kind: 'spki'; der: Uint8Array }
  | { kind: 'pkcs8'; der: Uint8Array }
  | { kind: 'jwk'; jwk: JWK };

/** A key read from a KeyInput: its description plus the material to import it, kept out of the public shape. */
export interface ResolvedKey extends KeyInfo {
  readonly material: Material;
}

const keyError = (message: string) => new JwtWorkbenchError('ERR_KEY_FORMAT', message);

type Imported = CryptoKey | Uint8Array;

/**
 * Keys already read and imported, so that inspecting as the user types (or a benchmark) does not parse a PEM and
 * import it again for every token. Whoever wants caching makes one and passes it (the extension makes one in
 * activate()); without one every call does the work afresh. Bounded; it holds only keys its owner passed in.
 * `verifier` checks signatures with the keys imported here (default: Web Crypto; the Node extension host and the bench
 * pass node:crypto's, which keeps its own form of each key).
 */
export class KeyCache {
  private readonly resolved = new Map<string, ResolvedKeySet>();
  private readonly imports = new WeakMap<ResolvedKey, Map<string, Promise<Imported>>>();
  /** The imports that have finished, to be taken without a turn of the event loop (see {@link KeyCache.importedNow}). */
  private readonly settled = new WeakMap<ResolvedKey, Map<string, Imported>>();
  /** Imported HMAC keys of the well-known secrets, by algorithm (see inspect.ts). */
  readonly wellKnown = new Map<string, Promise<CryptoKey[]>>();

  constructor(
    private readonly maxStrings = 16,
    readonly verifier?: SignatureVerifier,
  ) {}

  /** @internal */
  resolve(input: string, read: () => ResolvedKeySet): ResolvedKeySet {
    const hit = this.resolved.get(input);
    if (hit) return hit;
    const keys = read();
    if (this.resolved.size >= this.maxStrings) this.resolved.delete(this.resolved.keys().next().value!);
    this.resolved.set(input, keys);
    return keys;
  }

  /** @internal */
  import(key: ResolvedKey, purpose: string, load: () => Promise<Imported>): Promise<Imported> {
    let byPurpose = this.imports.get(key);
    if (!byPurpose) this.imports.set(key, (byPurpose = new Map()));
    let hit = byPurpose.get(purpose);
    if (!hit) {
      hit = load();
      byPurpose.set(purpose, hit);
      hit.then(
        (imported) => {
          if (byPurpose!.get(purpose) !== hit) return;
          let done = this.settled.get(key);
          if (!done) this.settled.set(key, (done = new Map()));
          done.set(purpose, imported);
        },
        () => byPurpose!.delete(purpose),
      );
    }
    return hit;
  }

  /** @internal The import for `purpose` when it has already finished, else undefined: no await, so no event-loop turn. */
  importedNow(key: ResolvedKey, purpose: string): Imported | undefined {
    return this.settled.get(key)?.get(purpose);
  }
}

/** Read any KeyInput into one or more keys (a JWKS gives several). Throws ERR_KEY_FORMAT with the reason. */
export function resolveKeys(input: KeyInput, cache?: KeyCache): ResolvedKey[] {
  return resolveKeySet(input, cache).keys;
}

/** Like {@link resolveKeys}, and also says which JWKS members were refused and why. */
export function resolveKeySet(input: KeyInput, cache?: KeyCache): ResolvedKeySet {
  if (typeof input === 'string') return cache ? cache.resolve(input, () => resolveString(input)) : resolveString(input);
  if (input && typeof input === 'object') {
    if ('secret' in input) return single(secretKey(decodeSecret(input.secret, input.encoding)));
    if ('jwk' in input) return single(jwkKey(input.jwk));
    if ('jwks' in input) return jwksKeys(input.jwks);
    if ('anchors' in input) throw keyError('Trust anchors are not a key: they verify a token through the certificate chain in its x5c header.');
  }
  throw new TypeError('KeyInput must be a string, { secret, encoding }, { jwk }, { jwks } or { anchors }');
}

const single = (key: ResolvedKey): ResolvedKeySet => ({ keys: [key], rejected: [] });

function resolveString(text: string): ResolvedKeySet {
  const trimmed = text.trim();
  if (trimmed.includes('-----BEGIN ')) return single(pemKey(trimmed));
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      parsed = undefined;
    }
    if (parsed && typeof parsed === 'object') {
      if (Array.isArray((parsed as { keys?: unknown }).keys)) return jwksKeys(parsed);
      if (typeof (parsed as { kty?: unknown }).kty === 'string') return single(jwkKey(parsed));
    }
  }
  if (text.length === 0) throw keyError('The secret is empty.');
  return single(secretKey(utf8.encode(text)));
}

/**
 * A secret written in an encoding (hex, base64, base64url, or UTF-8 text) as the oct JWK of its bytes — how a secret
 * typed in the inspector is kept in SecretStorage without losing how it was written. Throws ERR_KEY_FORMAT like
 * resolveKeys when the text is not in that encoding.
 */
export function secretAsJwk(secret: string, encoding: 'utf8' | 'hex' | 'base64' | 'base64url'): { kty: 'oct'; k: string } {
  const bytes = decodeSecret(secret, encoding);
  if (bytes.length === 0) throw keyError('The secret is empty.');
  return { kty: 'oct', k: bytesToBase64Url(bytes) };
}

function decodeSecret(secret: string, encoding: string): Uint8Array {
  switch (encoding) {
    case 'utf8':
      return utf8.encode(secret);
    case 'hex':
      if (!/^(?:[0-9a-fA-F]{2})*$/.test(secret)) throw keyError('The secret is not valid hex (an even number of 0-9, a-f).');
      return Uint8Array.from(secret.match(/../g) ?? [], (h) => parseInt(h, 16));
    case 'base64':
      try {
        return base64ToBytes(secret);
      } catch {
        throw keyError('The secret is not valid base64.');
      }
    case 'base64url':
      try {
        return base64UrlToBytes(secret.replace(/=+$/, ''));
      } catch {
        throw keyError('The secret is not valid base64url.');
      }
    default:
      throw new TypeError(`unknown secret encoding ${encoding}`);
  }
}

function secretKey(bytes: Uint8Array, kid?: string): ResolvedKey {
  if (bytes.length === 0) throw keyError('The secret is empty.');
  return {
    family: 'oct',
    bits: bytes.length * 8,
    isPrivate: true,
    kid,
    algorithms: [...HMAC_ALGS],
    description: `HMAC secret (${bytes.length} bytes)`,
    material: { kind: 'secret', bytes },
  };
}

// ---------- PEM ----------

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

function pemKey(text: string): ResolvedKey {
  const blocks = [...text.matchAll(PEM_BLOCK)].filter((m) => m[1] !== 'EC PARAMETERS');
  if (blocks.length === 0) throw keyError('The PEM block is incomplete: a "-----BEGIN …-----" line needs its matching "-----END …-----" line.');
  const [, label, body] = blocks[0];
  let der: Uint8Array;
  try {
    der = base64ToBytes(body.replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\s+/g, ''));
  } catch {
    throw keyError(`The body of the "${label}" PEM block is not valid base64.`);
  }
  try {
    switch (label) {
      case 'PUBLIC KEY':
        return fromSpki(der);
      case 'PRIVATE KEY':
        return fromPkcs8(der);
      case 'RSA PUBLIC KEY':
        return rsaFromDer(der, readNode(der, 0), false);
      case 'RSA PRIVATE KEY':
        return rsaFromDer(der, readNode(der, 0), true);
      case 'EC PRIVATE KEY':
        return fromSec1(der);
      case 'CERTIFICATE':
        return fromCertificate(der);
      case 'ENCRYPTED PRIVATE KEY':
        throw keyError('The private key is encrypted with a passphrase; decrypt it first (openssl pkcs8 -in key.pem -out plain.pem).');
      case 'OPENSSH PRIVATE KEY':
        throw keyError('OpenSSH keys are not supported; convert with ssh-keygen -p -m PKCS8 -f KEY.');
      default:
        throw keyError(`"${label}" PEM blocks are not keys this tool can use (expected PUBLIC KEY, PRIVATE KEY, RSA/EC PRIVATE KEY or CERTIFICATE).`);
    }
  } catch (e) {
    if (e instanceof DerError) throw keyError(`The "${label}" PEM block is not valid DER (${e.message}).`);
    throw e;
  }
}

interface AlgId {
  oid: string;
  curve?: string;
}

function readAlgId(der: Uint8Array, node: DerNode): AlgId {
  const [algOid, params] = children(der, node);
  const id = oid(der, algOid);
  if (id === OID.ecPublicKey) {
    if (!params || params.tag !== 0x06) throw keyError('The EC key does not name its curve.');
    const curveOid = oid(der, params);
    return { oid: id, curve: CURVE_BY_OID[curveOid] ?? curveOid };
  }
  return { oid: id };
}
type DerNode = ReturnType<typeof readNode>;

const RSA_PRIVATE_FIELDS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;

/**
 * An RSA key from its DER RSAPublicKey / RSAPrivateKey (PKCS#1), as a JWK with minimal integers: every runtime then
 * imports the same key (Chromium refuses non-minimal DER integers that Node accepts), and one check covers all forms.
 */
function rsaFromDer(der: Uint8Array, seq: DerNode, isPrivate: boolean): ResolvedKey {
  const ints = children(der, seq);
  if (ints.some((n) => n.tag !== 0x02)) throw keyError('The RSA key is not a PKCS#1 structure.');
  const int = (i: number) => {
    if (!ints[i]) throw keyError('The RSA key is incomplete.');
    return bytesToBase64Url(stripLeadingZeros(der.subarray(ints[i].start, ints[i].end)));
  };
  const jwk: Record<string, string> = isPrivate ? { kty: 'RSA', n: int(1), e: int(2) } : { kty: 'RSA', n: int(0), e: int(1) };
  if (isPrivate) RSA_PRIVATE_FIELDS.forEach((f, i) => (jwk[f] = int(3 + i)));
  return rsaJwkKey(jwk as JWK, isPrivate, 'key');
}

/** An RSA JWK, checked (exponent, modulus, ROCA) and with its integers made minimal. */
function rsaJwkKey(jwk: JWK, isPrivate: boolean, noun: 'key' | 'JWK', kid?: string): ResolvedKey {
  const read = (name: string, v: unknown): Uint8Array => {
    if (typeof v !== 'string') throw keyError(`The RSA ${noun} has no "${name}".`);
    try {
      return stripLeadingZeros(base64UrlToBytes(v));
    } catch {
      throw keyError(`The RSA ${noun}'s "${name}" is not base64url.`);
    }
  };
  const n = read('n', jwk.n);
  const e = read('e', jwk.e);
  const problem = rsaKeyProblem(n, e);
  if (problem) throw keyError(`This RSA ${noun} cannot be trusted: ${problem}`);
  const canonical: Record<string, unknown> = { ...jwk, n: bytesToBase64Url(n), e: bytesToBase64Url(e) };
  if (isPrivate) for (const f of RSA_PRIVATE_FIELDS) canonical[f] = bytesToBase64Url(read(f, (jwk as Record<string, unknown>)[f]));
  const bits = bitLength(n);
  const kind = isPrivate ? 'private' : 'public';
  return { family: 'RSA', bits, isPrivate, kid, algorithms: [...RSA_ALGS], description: `RSA ${kind} ${noun} (${bits} bits)`, material: { kind: 'jwk', jwk: canonical as JWK } };
}

function asymmetric(alg: AlgId, isPrivate: boolean, material: Material): ResolvedKey {
  const kind = isPrivate ? 'private' : 'public';
  switch (alg.oid) {
    case OID.rsassaPss:
      throw keyError('RSASSA-PSS-only keys (OID 1.2.840.113549.1.1.10) cannot be imported by Web Crypto; export the key as a plain RSA key.');
    case OID.ecPublicKey: {
      const fit = alg.curve ? EC_CURVE_ALG[alg.curve] : undefined;
      if (!fit) throw keyError(`The EC curve ${alg.curve} has no JWS algorithm (use P-256, P-384 or P-521).`);
      return { family: 'EC', curve: alg.curve, isPrivate, algorithms: [fit], description: `EC ${alg.curve} ${kind} key`, material };
    }
    case OID.ed25519:
      if (material.kind === 'spki') refuseEd25519(material.der.subarray(material.der.length - 32));
      return { family: 'OKP', curve: 'Ed25519', isPrivate, algorithms: ['EdDSA', 'Ed25519'], description: `Ed25519 ${kind} key`, material };
    case OID.x25519:
      return { family: 'OKP', curve: 'X25519', isPrivate, algorithms: [], description: `X25519 ${kind} key (encryption only)`, material };
    default:
      if (ML_DSA_BY_OID[alg.oid]) return { ...mlDsaInfo(ML_DSA_BY_OID[alg.oid], isPrivate, 'key'), material };
      throw keyError(`Keys of type ${alg.oid} are not supported (RSA, EC P-256/384/521 and Ed25519 are).`);
  }
}

function fromSpki(der: Uint8Array): ResolvedKey {
  const root = readNode(der, 0);
  const [algNode, bitString] = children(der, root);
  if (!algNode || !bitString || bitString.tag !== 0x03) throw keyError('The public key is not a SubjectPublicKeyInfo structure.');
  const alg = readAlgId(der, algNode);
  if (alg.oid === OID.rsaEncryption) return rsaFromDer(der, readNode(der, bitString.start + 1), false);
  return asymmetric(alg, false, { kind: 'spki', der: der.slice(root.headerStart, root.end) });
}

function fromPkcs8(der: Uint8Array): ResolvedKey {
  const root = readNode(der, 0);
  const [, algNode, octets] = children(der, root);
  if (!algNode || !octets || octets.tag !== 0x04) throw keyError('The private key is not a PKCS#8 structure.');
  const alg = readAlgId(der, algNode);
  if (alg.oid === OID.rsaEncryption) return rsaFromDer(der, readNode(der, octets.start), true);
  return asymmetric(alg, true, { kind: 'pkcs8', der: der.slice(root.headerStart, root.end) });
}

function fromSec1(der: Uint8Array): ResolvedKey {
  const root = readNode(der, 0);
  const params = children(der, root).find((c) => c.tag === 0xa0);
  if (!params) throw keyError('The EC private key does not name its curve; export it with its parameters.');
  const curveOid = readNode(der, params.start);
  const pkcs8 = tlv(
    0x30,
    tlv(0x02, new Uint8Array([0])),
    tlv(0x30, encodeOid(OID.ecPublicKey), der.slice(curveOid.headerStart, curveOid.end)),
    tlv(0x04, der),
  );
  return fromPkcs8(pkcs8);
}

function fromCertificate(der: Uint8Array): ResolvedKey {
  const cert = readNode(der, 0);
  const tbs = children(der, cert)[0];
  const fields = children(der, tbs);
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
  const spki = fields[offset + 5];
  if (!spki) throw keyError('The certificate has no public key.');
  const key = fromSpki(der.slice(spki.headerStart, spki.end));
  return { ...key, description: key.description.replace('public key', 'public key from a certificate') };
}

// ---------- JWK ----------

/** The byte length of a coordinate (and of `d`) on each curve. */
const EC_SIZE: Readonly<Record<string, number>> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

/**
 * An EC JWK coordinate at its curve's exact length: leading zero bytes stripped, or zeros prepended to one that an
 * encoder shortened — Node accepts 31 or 33 bytes where Chromium refuses them, so the key means the same everywhere.
 */
function ecCoordinate(name: string, v: unknown, size: number): string {
  if (typeof v !== 'string') throw keyError(`The EC JWK has no "${name}".`);
  let bytes: Uint8Array;
  try {
    bytes = base64UrlToBytes(v);
  } catch {
    throw keyError(`The EC JWK's "${name}" is not base64url.`);
  }
  const minimal = stripLeadingZeros(bytes);
  if (minimal.length > size) throw keyError(`The EC JWK's "${name}" coordinate is ${bytes.length} bytes; on this curve it is ${size}.`);
  const out = new Uint8Array(size);
  out.set(minimal, size - minimal.length);
  return bytesToBase64Url(out);
}

function refuseEd25519(x: Uint8Array): void {
  const problem = ed25519KeyProblem(x);
  if (problem) throw keyError(`This Ed25519 public key cannot be trusted: ${problem}`);
}

function jwkKey(value: object): ResolvedKey {
  const jwk = value as JWK & Record<string, unknown>;
  if (typeof jwk.kty !== 'string') throw keyError('The JWK has no "kty".');
  const kid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
  const isPrivate = typeof jwk.d === 'string';
  const kind = isPrivate ? 'private' : 'public';
  let key: ResolvedKey;
  switch (jwk.kty) {
    case 'oct': {
      if (typeof jwk.k !== 'string') throw keyError('The "oct" JWK has no "k".');
      let bytes: Uint8Array;
      try {
        bytes = base64UrlToBytes(jwk.k);
      } catch {
        throw keyError('The JWK\'s "k" is not base64url.');
      }
      key = secretKey(bytes, kid);
      break;
    }
    case 'RSA':
      key = rsaJwkKey(jwk, isPrivate, 'JWK', kid);
      break;
    case 'EC': {
      const fit = typeof jwk.crv === 'string' ? EC_CURVE_ALG[jwk.crv] : undefined;
      if (!fit) throw keyError(`The EC JWK's curve ${String(jwk.crv)} has no JWS algorithm (P-256, P-384, P-521).`);
      const size = EC_SIZE[jwk.crv!];
      const canonical: JWK = { ...jwk, x: ecCoordinate('x', jwk.x, size), y: ecCoordinate('y', jwk.y, size) };
      if (isPrivate) canonical.d = ecCoordinate('d', jwk.d, size);
      key = { family: 'EC', curve: jwk.crv, isPrivate, kid, algorithms: [fit], description: `EC ${jwk.crv} ${kind} JWK`, material: { kind: 'jwk', jwk: canonical } };
      break;
    }
    case 'OKP': {
      if (jwk.crv !== 'Ed25519' && jwk.crv !== 'X25519') throw keyError(`OKP curve ${String(jwk.crv)} is not supported (Ed25519 is).`);
      if (jwk.crv === 'Ed25519') {
        let x: Uint8Array;
        try {
          x = base64UrlToBytes(String(jwk.x));
        } catch {
          throw keyError('The Ed25519 JWK\'s "x" is not base64url.');
        }
        refuseEd25519(x);
      }
      const algs: SigningAlg[] = jwk.crv === 'Ed25519' ? ['EdDSA', 'Ed25519'] : [];
      key = { family: 'OKP', curve: jwk.crv, isPrivate, kid, algorithms: algs, description: `${jwk.crv} ${kind} JWK`, material: { kind: 'jwk', jwk } };
      break;
    }
    case 'AKP': {
      const akp = readAkpJwk(jwk);
      key = { ...mlDsaInfo(akp.alg, akp.isPrivate, 'JWK', kid), material: { kind: 'jwk', jwk } };
      break;
    }
    default:
      throw keyError(`JWK key type "${jwk.kty}" is not supported.`);
  }
  return withDeclarations(key, jwk);
}

const SIGNATURE_OPS = ['sign', 'verify'];

/** A JWK is used only for what it declares: its `use`, `key_ops` and `alg` (RFC 7517 §4.2–4.4), on every path. */
function withDeclarations(key: ResolvedKey, jwk: Record<string, unknown>): ResolvedKey {
  const use = typeof jwk.use === 'string' ? jwk.use : undefined;
  const keyOps = Array.isArray(jwk.key_ops) ? jwk.key_ops.filter((o): o is string => typeof o === 'string') : undefined;
  const declaredAlg = typeof jwk.alg === 'string' ? jwk.alg : undefined;
  let algorithms = key.algorithms;
  let limitedBy: string | undefined;
  if (use !== undefined && use !== 'sig') {
    algorithms = [];
    limitedBy = `its "use" is "${use}"${use === 'enc' ? ' (an encryption key)' : ''}`;
  } else if (keyOps && !keyOps.some((o) => SIGNATURE_OPS.includes(o))) {
    algorithms = [];
    limitedBy = `its "key_ops" are ${keyOps.map((o) => `"${o}"`).join(', ') || 'empty'}, not "verify"`;
  } else if (declaredAlg !== undefined) {
    // RFC 9864 §2: with an Ed25519 key, "EdDSA" and "Ed25519" name the same signature.
    algorithms = algorithms.filter((a) => a === declaredAlg || (a === 'EdDSA' && declaredAlg === 'Ed25519') || (a === 'Ed25519' && declaredAlg === 'EdDSA'));
    if (!algorithms.length) limitedBy = `its "alg" is "${declaredAlg}"`;
  }
  return { ...key, algorithms, ...(use && { use }), ...(keyOps && { keyOps }), ...(declaredAlg && { declaredAlg }), ...(limitedBy && { limitedBy }) };
}

/**
 * Every member of a JWKS, each with its own declarations (an encryption member has no signing algorithm but can
 * decrypt a JWE). Members that cannot be read are listed in `rejected` with the reason, so that a token whose kid
 * names one can be told why; only a set with no usable member at all is an error.
 */
function jwksKeys(value: object): ResolvedKeySet {
  const members = (value as { keys?: unknown }).keys;
  if (!Array.isArray(members)) throw keyError('The JWKS has no "keys" array.');
  const keys: ResolvedKey[] = [];
  const rejected: RejectedKey[] = [];
  for (const k of members) {
    if (!k || typeof k !== 'object') continue;
    const kid = typeof (k as { kid?: unknown }).kid === 'string' ? (k as { kid: string }).kid : undefined;
    try {
      keys.push(jwkKey(k));
    } catch (e) {
      rejected.push({ kid, reason: (e as Error).message });
    }
  }
  if (keys.length === 0) {
    const why = rejected.map((r) => (r.kid ? `"${r.kid}": ${r.reason}` : r.reason)).join(' ');
    throw keyError(`The JWKS holds no key this tool can use.${why ? ` ${why}` : ''}`);
  }
  return { keys, rejected };
}

/** Describe a KeyInput without revealing it. Throws like resolveKeys. */
export function describeKey(input: KeyInput, cache?: KeyCache): KeyInfo[] {
  return resolveKeys(input, cache).map(({ material: _material, ...info }) => info);
}
