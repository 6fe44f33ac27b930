import { exportJWK, importJWK, importPKCS8, importSPKI, type CryptoKey, type JWK } from 'jose';
import { EC_CURVE_ALG, HMAC_ALGS, PSS_ALGS, RSA_ALGS, type SigningAlg } from './algorithms';
import { CURVE_BY_OID, DerError, OID, children, oid, readNode, tlv, encodeOid } from './der';
import { JwtWorkbenchError } from './errors';
import { base64ToBytes, base64UrlToBytes, bytesToBase64, utf8 } from './encoding';

/**
 * A key as users have it. A plain string is read as, in this order: a PEM block (SPKI, PKCS#8, PKCS#1, SEC1 EC,
 * X.509 certificate), a JWK or JWKS in JSON, and otherwise secret text whose UTF-8 bytes are the HMAC key —
 * exactly as PyJWT uses a `str` key. Secret text is never silently hex- or base64-decoded: say so with `encoding`.
 */
export type KeyInput =
  | string
  | { secret: string; encoding: 'utf8' | 'hex' | 'base64' | 'base64url' }
  | { jwk: object }
  | { jwks: object };

export type KeyFamily = 'oct' | 'RSA' | 'EC' | 'OKP';

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
 */
export class KeyCache {
  private readonly resolved = new Map<string, ResolvedKey[]>();
  private readonly imports = new WeakMap<ResolvedKey, Map<string, Promise<Imported>>>();
  /** Imported HMAC keys of the well-known secrets, by algorithm (see inspect.ts). */
  readonly wellKnown = new Map<string, Promise<CryptoKey[]>>();

  constructor(private readonly maxStrings = 16) {}

  /** @internal */
  resolve(input: string, read: () => ResolvedKey[]): ResolvedKey[] {
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
      hit.catch(() => byPurpose!.delete(purpose));
    }
    return hit;
  }
}

/** Read any KeyInput into one or more keys (a JWKS gives several). Throws ERR_KEY_FORMAT with the reason. */
export function resolveKeys(input: KeyInput, cache?: KeyCache): ResolvedKey[] {
  if (typeof input === 'string') return cache ? cache.resolve(input, () => resolveString(input)) : resolveString(input);
  if (input && typeof input === 'object') {
    if ('secret' in input) return [secretKey(decodeSecret(input.secret, input.encoding))];
    if ('jwk' in input) return [jwkKey(input.jwk)];
    if ('jwks' in input) return jwksKeys(input.jwks);
  }
  throw new TypeError('KeyInput must be a string, { secret, encoding }, { jwk } or { jwks }');
}

function resolveString(text: string): ResolvedKey[] {
  const trimmed = text.trim();
  if (trimmed.includes('-----BEGIN ')) return [pemKey(trimmed)];
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      parsed = undefined;
    }
    if (parsed && typeof parsed === 'object') {
      if (Array.isArray((parsed as { keys?: unknown }).keys)) return jwksKeys(parsed);
      if (typeof (parsed as { kty?: unknown }).kty === 'string') return [jwkKey(parsed)];
    }
  }
  if (text.length === 0) throw keyError('The secret is empty.');
  return [secretKey(utf8.encode(text))];
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
        return base64UrlToBytes(secret);
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
        return fromSpki(tlv(0x30, tlv(0x30, encodeOid(OID.rsaEncryption), NULL), tlv(0x03, new Uint8Array([0]), der)));
      case 'RSA PRIVATE KEY':
        return fromPkcs8(tlv(0x30, tlv(0x02, new Uint8Array([0])), tlv(0x30, encodeOid(OID.rsaEncryption), NULL), tlv(0x04, der)));
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

const NULL = new Uint8Array([0x05, 0x00]);

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

function rsaBits(der: Uint8Array, seq: DerNode, modulusIndex: number): number {
  const n = children(der, seq)[modulusIndex];
  let start = n.start;
  while (start < n.end && der[start] === 0) start++;
  if (start === n.end) return 0;
  return (n.end - start) * 8 - Math.clz32(der[start]) + 24;
}

function asymmetric(alg: AlgId, isPrivate: boolean, material: Material, bits?: number): ResolvedKey {
  const kind = isPrivate ? 'private' : 'public';
  switch (alg.oid) {
    case OID.rsaEncryption:
      return { family: 'RSA', bits, isPrivate, algorithms: [...RSA_ALGS], description: `RSA ${kind} key (${bits} bits)`, material };
    case OID.rsassaPss:
      throw keyError('RSASSA-PSS-only keys (OID 1.2.840.113549.1.1.10) cannot be imported by Web Crypto; export the key as a plain RSA key.');
    case OID.ecPublicKey: {
      const fit = alg.curve ? EC_CURVE_ALG[alg.curve] : undefined;
      if (!fit) throw keyError(`The EC curve ${alg.curve} has no JWS algorithm (use P-256, P-384 or P-521).`);
      return { family: 'EC', curve: alg.curve, isPrivate, algorithms: [fit], description: `EC ${alg.curve} ${kind} key`, material };
    }
    case OID.ed25519:
      return { family: 'OKP', curve: 'Ed25519', isPrivate, algorithms: ['EdDSA'], description: `Ed25519 ${kind} key`, material };
    case OID.x25519:
      return { family: 'OKP', curve: 'X25519', isPrivate, algorithms: [], description: `X25519 ${kind} key (encryption only)`, material };
    default:
      throw keyError(`Keys of type ${alg.oid} are not supported (RSA, EC P-256/384/521 and Ed25519 are).`);
  }
}

function fromSpki(der: Uint8Array): ResolvedKey {
  const root = readNode(der, 0);
  const [algNode, bitString] = children(der, root);
  if (!algNode || !bitString || bitString.tag !== 0x03) throw keyError('The public key is not a SubjectPublicKeyInfo structure.');
  const alg = readAlgId(der, algNode);
  let bits: number | undefined;
  if (alg.oid === OID.rsaEncryption) bits = rsaBits(der, readNode(der, bitString.start + 1), 0);
  return asymmetric(alg, false, { kind: 'spki', der: der.slice(root.headerStart, root.end) }, bits);
}

function fromPkcs8(der: Uint8Array): ResolvedKey {
  const root = readNode(der, 0);
  const [, algNode, octets] = children(der, root);
  if (!algNode || !octets || octets.tag !== 0x04) throw keyError('The private key is not a PKCS#8 structure.');
  const alg = readAlgId(der, algNode);
  let bits: number | undefined;
  if (alg.oid === OID.rsaEncryption) bits = rsaBits(der, readNode(der, octets.start), 1);
  return asymmetric(alg, true, { kind: 'pkcs8', der: der.slice(root.headerStart, root.end) }, bits);
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
    case 'RSA': {
      if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw keyError('The RSA JWK needs "n" and "e".');
      const bits = modulusBits(jwk.n);
      key = { family: 'RSA', bits, isPrivate, kid, algorithms: [...RSA_ALGS], description: bits ? `RSA ${kind} JWK (${bits} bits)` : `RSA ${kind} JWK`, material: { kind: 'jwk', jwk } };
      break;
    }
    case 'EC': {
      const fit = typeof jwk.crv === 'string' ? EC_CURVE_ALG[jwk.crv] : undefined;
      if (!fit) throw keyError(`The EC JWK's curve ${String(jwk.crv)} has no JWS algorithm (P-256, P-384, P-521).`);
      key = { family: 'EC', curve: jwk.crv, isPrivate, kid, algorithms: [fit], description: `EC ${jwk.crv} ${kind} JWK`, material: { kind: 'jwk', jwk } };
      break;
    }
    case 'OKP': {
      const algs: SigningAlg[] = jwk.crv === 'Ed25519' ? ['EdDSA'] : [];
      if (jwk.crv !== 'Ed25519' && jwk.crv !== 'X25519') throw keyError(`OKP curve ${String(jwk.crv)} is not supported (Ed25519 is).`);
      key = { family: 'OKP', curve: jwk.crv, isPrivate, kid, algorithms: algs, description: `${jwk.crv} ${kind} JWK`, material: { kind: 'jwk', jwk } };
      break;
    }
    default:
      throw keyError(`JWK key type "${jwk.kty}" is not supported.`);
  }
  // A JWK that names its algorithm is only ever used with that algorithm (RFC 7517 §4.4).
  if (typeof jwk.alg === 'string') key = { ...key, algorithms: key.algorithms.filter((a) => a === jwk.alg) };
  return key;
}

/** The size of an RSA modulus given as base64url (leading zero bytes do not count), or undefined when unreadable. */
function modulusBits(n: string): number | undefined {
  let bytes: Uint8Array;
  try {
    bytes = base64UrlToBytes(n);
  } catch {
    return undefined;
  }
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  return i === bytes.length ? undefined : (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]));
}

function jwksKeys(value: object): ResolvedKey[] {
  const keys = (value as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) throw keyError('The JWKS has no "keys" array.');
  const out: ResolvedKey[] = [];
  for (const k of keys) {
    if (!k || typeof k !== 'object') continue;
    const use = (k as { use?: unknown }).use;
    if (use !== undefined && use !== 'sig') continue;
    try {
      out.push(jwkKey(k));
    } catch {
      // A JWKS may hold keys of types this tool does not use; those are skipped, not fatal.
    }
  }
  if (out.length === 0) throw keyError('The JWKS holds no signing key this tool can use.');
  return out;
}

// ---------- import ----------

const PSS = new Set<string>(PSS_ALGS);

function pem(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${bytesToBase64(der).replace(/.{64}/g, '$&\n')}\n-----END ${label}-----`;
}

/** Import the key for `alg`, private for signing. Throws ERR_KEY_ALG_MISMATCH when the key does not fit `alg`. */
export async function importForSigning(key: ResolvedKey, alg: SigningAlg, cache?: KeyCache): Promise<CryptoKey | Uint8Array> {
  assertFits(key, alg);
  if (!key.isPrivate) throw new JwtWorkbenchError('ERR_KEY_NOT_PRIVATE', `A ${key.description} can only verify; signing needs the private key.`);
  return cache ? cache.import(key, `sign:${alg}`, () => importSigning(key, alg)) : importSigning(key, alg);
}

/** An HMAC secret as a CryptoKey: imported once here instead of by jose on every call. */
function hmacKey(bytes: Uint8Array, alg: SigningAlg, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytes as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: `SHA-${alg.slice(2)}` }, false, [usage]);
}

async function importSigning(key: ResolvedKey, alg: SigningAlg): Promise<CryptoKey | Uint8Array> {
  const m = key.material;
  if (m.kind === 'secret') return hmacKey(m.bytes, alg, 'sign');
  if (m.kind === 'pkcs8') return importPKCS8(pem('PRIVATE KEY', m.der), alg);
  if (m.kind === 'jwk') return importJWK({ ...m.jwk, alg }, alg) as Promise<CryptoKey | Uint8Array>;
  throw new JwtWorkbenchError('ERR_KEY_NOT_PRIVATE', `A ${key.description} can only verify; signing needs the private key.`);
}

/** Import the key for verifying `alg`: a private key is reduced to its public half. */
export async function importForVerifying(key: ResolvedKey, alg: SigningAlg, cache?: KeyCache): Promise<CryptoKey | Uint8Array> {
  assertFits(key, alg);
  return cache ? cache.import(key, `verify:${alg}`, () => importVerifying(key, alg)) : importVerifying(key, alg);
}

async function importVerifying(key: ResolvedKey, alg: SigningAlg): Promise<CryptoKey | Uint8Array> {
  const m = key.material;
  if (m.kind === 'secret') return hmacKey(m.bytes, alg, 'verify');
  if (m.kind === 'spki') return importSPKI(pem('PUBLIC KEY', m.der), alg);
  if (m.kind === 'jwk') return importJWK({ ...publicJwk(m.jwk), alg }, alg) as Promise<CryptoKey | Uint8Array>;
  const priv = await importPKCS8(pem('PRIVATE KEY', m.der), alg, { extractable: true });
  return importJWK({ ...publicJwk(await exportJWK(priv)), alg }, alg) as Promise<CryptoKey | Uint8Array>;
}

/** The raw material for JWE decryption with jose (which checks the key against the header's algorithm). */
export async function importForDecryption(key: ResolvedKey, alg: string): Promise<CryptoKey | Uint8Array> {
  const m = key.material;
  if (m.kind === 'secret') return m.bytes;
  if (m.kind === 'pkcs8') return importPKCS8(pem('PRIVATE KEY', m.der), alg);
  if (m.kind === 'jwk' && key.isPrivate) return importJWK({ ...m.jwk, alg }, alg) as Promise<CryptoKey | Uint8Array>;
  throw new JwtWorkbenchError('ERR_KEY_NOT_PRIVATE', `A ${key.description} cannot decrypt; decryption needs the private key or the shared secret.`);
}

const PRIVATE_JWK_FIELDS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** A JWK without its private members. */
export function publicJwk(jwk: JWK): JWK {
  const out: Record<string, unknown> = { ...jwk };
  for (const f of PRIVATE_JWK_FIELDS) delete out[f];
  delete out.key_ops;
  delete out.ext;
  return out as JWK;
}

function assertFits(key: ResolvedKey, alg: SigningAlg): void {
  if (!key.algorithms.includes(alg)) {
    const fits = key.algorithms.length ? key.algorithms.join(', ') : 'no JWS algorithm';
    throw new JwtWorkbenchError('ERR_KEY_ALG_MISMATCH', `${alg} does not fit a ${key.description}; it fits ${fits}.`);
  }
  if (PSS.has(alg) && key.family !== 'RSA') throw new JwtWorkbenchError('ERR_KEY_ALG_MISMATCH', `${alg} needs an RSA key.`);
}

/** Describe a KeyInput without revealing it. Throws like resolveKeys. */
export function describeKey(input: KeyInput, cache?: KeyCache): KeyInfo[] {
  return resolveKeys(input, cache).map(({ material: _material, ...info }) => info);
}
