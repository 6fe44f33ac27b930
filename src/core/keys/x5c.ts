// Certificate chains (a JWS header's x5c, RFC 7515 §4.1.6) checked against trust anchors the user chose. pkijs
// parses the certificates and checks each link's signature; the path rules (validity at the inspection clock, basic
// constraints, key usage, path length, x5t#S256) are applied here, link by link, so a failure can say which link.
import { JwtWorkbenchError } from '../base/errors';
import { base64ToBytes, bytesToBase64Url } from '../base/encoding';
import { describeKey } from './resolve';

type Pkijs = typeof import('pkijs');
type Certificate = InstanceType<Pkijs['Certificate']>;

/** At most this many certificates in an x5c, and this many anchors in a bundle: real chains have two or three. */
export const MAX_CHAIN = 10;
export const MAX_ANCHORS = 500;

const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_KEY_USAGE = '2.5.29.15';
/** RFC 5280 §4.2.1.3: digitalSignature (bit 0), keyCertSign (bit 5). */
const KU_DIGITAL_SIGNATURE = 0x80;
const KU_KEY_CERT_SIGN = 0x04;

const OID_EXT_KEY_USAGE = '2.5.29.37';
/** Extensions this check understands (RFC 5280 §4.2): a certificate with any other critical extension is refused. */
const PROCESSED = new Set([OID_BASIC_CONSTRAINTS, OID_KEY_USAGE, OID_EXT_KEY_USAGE, '2.5.29.17', '2.5.29.18', '2.5.29.14', '2.5.29.35']);

/** Certificate signature algorithms accepted (SHA-256 or stronger), and the weaker ones named when refused. */
const STRONG_SIGNATURES = new Set([
  '1.2.840.113549.1.1.11', '1.2.840.113549.1.1.12', '1.2.840.113549.1.1.13', // RSA with SHA-256/384/512
  '1.2.840.10045.4.3.2', '1.2.840.10045.4.3.3', '1.2.840.10045.4.3.4', // ECDSA with SHA-256/384/512
  '1.3.101.112', // Ed25519
]);
const RSASSA_PSS = '1.2.840.113549.1.1.10';
const STRONG_HASHES = new Set(['2.16.840.1.101.3.4.2.1', '2.16.840.1.101.3.4.2.2', '2.16.840.1.101.3.4.2.3']);
const WEAK_SIGNATURES: Record<string, string> = {
  '1.2.840.113549.1.1.2': 'RSA with MD2',
  '1.2.840.113549.1.1.4': 'RSA with MD5',
  '1.2.840.113549.1.1.5': 'RSA with SHA-1',
  '1.2.840.113549.1.1.14': 'RSA with SHA-224',
  '1.2.840.10045.4.1': 'ECDSA with SHA-1',
  '1.2.840.10045.4.3.1': 'ECDSA with SHA-224',
  '1.2.840.10040.4.3': 'DSA with SHA-1',
  '1.3.14.3.2.29': 'RSA with SHA-1',
};
const EKU_NAMES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  '2.5.29.37.0': 'anyExtendedKeyUsage',
};

const NAMES: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST' };

let loaded: Promise<Pkijs> | undefined;
/**
 * pkijs is loaded on first use (its own file in the extension's bundle): most tokens carry no certificates. Node
 * imports that CommonJS file with its exports under `default`; a bundle that inlines pkijs has them at the top.
 */
const pkijs = (): Promise<Pkijs> =>
  (loaded ??= import('pkijs').then((m) => {
    const d = (m as unknown as { default?: Pkijs }).default;
    return d && typeof d.Certificate === 'function' ? d : m;
  }));

/** The outcome of checking a chain: the leaf's public key (SPKI PEM) and the path, or the link that failed. */
export type ChainCheck =
  | { ok: true; leafKey: string; anchor: string; path: string[]; extendedKeyUsage?: string[] }
  | { ok: false; reason: string; path: string[] };

/** A trust anchor bundle's certificates, by subject (for describing the source). */
export interface AnchorInfo {
  subjects: string[];
}

function subjectOf(cert: Certificate): string {
  return nameText(cert.subject);
}

function nameText(name: Certificate['subject']): string {
  const parts = name.typesAndValues.map((tv) => `${NAMES[tv.type] ?? tv.type}=${String(tv.value.valueBlock.value)}`);
  return parts.length ? parts.join(', ') : '(no subject)';
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

const pemBlocks = (text: string): Uint8Array[] => {
  const out: Uint8Array[] = [];
  const re = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(base64ToBytes(m[1].replace(/\s+/g, '')));
  return out;
};

async function parse(lib: Pkijs, der: Uint8Array, what: string): Promise<Certificate> {
  try {
    return lib.Certificate.fromBER(der.slice().buffer);
  } catch (e) {
    throw new JwtWorkbenchError('ERR_TRUST_ANCHORS', `${what} is not an X.509 certificate (${(e as Error).message}).`);
  }
}

/** Read a trust anchor bundle (one or more PEM CERTIFICATE blocks). Throws ERR_TRUST_ANCHORS with the reason. */
export async function readTrustAnchors(text: string): Promise<AnchorInfo> {
  const blocks = pemBlocks(text);
  if (!blocks.length) throw new JwtWorkbenchError('ERR_TRUST_ANCHORS', 'The file holds no PEM certificate (-----BEGIN CERTIFICATE-----): a trust anchor is a CA certificate.');
  if (blocks.length > MAX_ANCHORS) throw new JwtWorkbenchError('ERR_TRUST_ANCHORS', `The bundle holds ${blocks.length} certificates; at most ${MAX_ANCHORS} are read.`);
  const lib = await pkijs();
  const certs = await Promise.all(blocks.map((b, i) => parse(lib, b, `Certificate ${i + 1} of the bundle`)));
  return { subjects: certs.map(subjectOf) };
}

function extension(cert: Certificate, oid: string) {
  return cert.extensions?.find((e) => e.extnID === oid);
}

function isCa(cert: Certificate): { ca: boolean; pathLen?: number } {
  const bc = extension(cert, OID_BASIC_CONSTRAINTS)?.parsedValue as { cA?: boolean; pathLenConstraint?: number | { valueBlock: { valueDec: number } } } | undefined;
  if (!bc?.cA) return { ca: false };
  const p = bc.pathLenConstraint;
  return { ca: true, pathLen: typeof p === 'number' ? p : p?.valueBlock?.valueDec };
}

/** The key usage bits of the first byte (the ones that matter here), or undefined when the extension is absent. */
function keyUsage(cert: Certificate): number | undefined {
  const ku = extension(cert, OID_KEY_USAGE)?.parsedValue as { valueBlock?: { valueHexView?: Uint8Array } } | undefined;
  if (!ku) return undefined;
  return ku.valueBlock?.valueHexView?.[0] ?? 0;
}

/** Why a certificate's own signature algorithm is refused (weaker than SHA-256, or unknown), or undefined. */
function signatureProblem(lib: Pkijs, cert: Certificate): string | undefined {
  const oid = cert.signatureAlgorithm.algorithmId;
  if (STRONG_SIGNATURES.has(oid)) return undefined;
  if (oid === RSASSA_PSS) {
    let hash = '1.3.14.3.2.26'; // RFC 4055: SHA-1 when the parameters leave it out
    try {
      hash = new lib.RSASSAPSSParams({ schema: cert.signatureAlgorithm.algorithmParams }).hashAlgorithm.algorithmId;
    } catch {
      // absent parameters: the default
    }
    return STRONG_HASHES.has(hash) ? undefined : 'RSASSA-PSS with a hash weaker than SHA-256';
  }
  return WEAK_SIGNATURES[oid] ?? `an algorithm this check does not accept (${oid})`;
}

/** The first critical extension this check does not process, or undefined. */
function unknownCritical(cert: Certificate): string | undefined {
  return cert.extensions?.find((e) => e.critical && !PROCESSED.has(e.extnID))?.extnID;
}

/** Why a certificate in x5c may not be on the path at all (its signature algorithm, its critical extensions). */
function certificateProblem(lib: Pkijs, cert: Certificate, role: string): string | undefined {
  const weak = signatureProblem(lib, cert);
  if (weak) return `the ${role} ${subjectOf(cert)} is signed with ${weak}; only SHA-256 or stronger is accepted`;
  const critical = unknownCritical(cert);
  if (critical) return `the ${role} ${subjectOf(cert)} has a critical extension this check does not process (${critical}), so it may not be relied on (RFC 5280 §4.2)`;
  return undefined;
}

/** Why a CA's key may not sign certificates: the checks every verification key passes (RSA size and exponent, curves). */
function caKeyProblem(cert: Certificate, role: string): string | undefined {
  let problem: string | undefined;
  try {
    if (!describeKey(spkiPem(cert)).some((k) => k.algorithms.length > 0)) problem = 'it is not a signing key';
  } catch (e) {
    problem = (e as Error).message.replace(/\.$/, '');
  }
  return problem && `the ${role} ${subjectOf(cert)} has a key that cannot be trusted: ${problem}`;
}

/** The leaf's extended key usage, by name, when it has one. */
function extendedKeyUsage(cert: Certificate): string[] | undefined {
  const eku = extension(cert, OID_EXT_KEY_USAGE)?.parsedValue as { keyPurposes?: string[] } | undefined;
  return eku?.keyPurposes?.map((p) => EKU_NAMES[p] ?? p);
}

function validityProblem(cert: Certificate, now: Date, role: string): string | undefined {
  const from = cert.notBefore.value;
  const to = cert.notAfter.value;
  if (now < from) return `the ${role} ${subjectOf(cert)} is not valid before ${day(from)}`;
  if (now > to) return `the ${role} ${subjectOf(cert)} expired on ${day(to)}`;
  return undefined;
}

const sameDer = (a: Certificate, b: Certificate) => bytesToBase64Url(new Uint8Array(a.toSchema().toBER(false))) === bytesToBase64Url(new Uint8Array(b.toSchema().toBER(false)));

async function signedBy(cert: Certificate, issuer: Certificate): Promise<boolean> {
  if (!cert.issuer.isEqual(issuer.subject)) return false;
  try {
    return await cert.verify(issuer);
  } catch {
    return false;
  }
}

/**
 * Check a token's x5c against trust anchors (PEM text): the leaf (x5c[0]) must chain, certificate by certificate in
 * x5c order, to one of the anchors — each link's signature, each certificate valid at `now`, every issuer a CA
 * (basic constraints) allowed to sign certificates (key usage) within its path length, the leaf allowed to sign
 * (digitalSignature when key usage is present), and `x5tS256` (the header's x5t#S256) the SHA-256 of the leaf when
 * present. Every certificate of the path is signed with SHA-256 or stronger and has no critical extension this check
 * does not process; every CA key passes the checks a verification key passes. The leaf's extended key usage is said. The x5c alone is never trusted: a chain that does not end at an anchor fails. Never throws.
 */
export async function checkX5c(x5c: unknown, anchorsText: string, now: Date, x5tS256?: unknown): Promise<ChainCheck> {
  const path: string[] = [];
  const fail = (reason: string): ChainCheck => ({ ok: false, reason, path });
  if (!Array.isArray(x5c) || x5c.length === 0 || x5c.some((c) => typeof c !== 'string')) return fail('"x5c" must be a non-empty list of base64 certificates (RFC 7515 §4.1.6)');
  if (x5c.length > MAX_CHAIN) return fail(`"x5c" holds ${x5c.length} certificates; at most ${MAX_CHAIN} are read`);
  const read = await readChain(x5c as string[], anchorsText);
  if ('error' in read) return fail(read.error);
  const { lib, chain, anchors } = read;
  if (!anchors.length) return fail('the trust anchor source holds no certificate');
  const leaf = chain[0];
  path.push(subjectOf(leaf));
  const leafRefused = await leafProblem(leaf, now, x5tS256);
  if (leafRefused) return fail(leafRefused);
  const eku = extendedKeyUsage(leaf);
  const ok = (anchor: Certificate): ChainCheck => ({ ok: true, leafKey: spkiPem(leaf), anchor: subjectOf(anchor), path, ...(eku ? { extendedKeyUsage: eku } : {}) });
  for (let i = 0; ; i++) {
    const cert = chain[i];
    // The certificate is itself an anchor (the chain included its root): the path ends here.
    const asAnchor = anchors.find((a) => sameDer(a, cert));
    if (asAnchor && i > 0) return ok(asAnchor);
    const refused = certificateProblem(lib, cert, i === 0 ? 'leaf certificate' : 'intermediate');
    if (refused) return fail(refused);
    const anchor = await findAsync(anchors, (a) => signedBy(cert, a));
    const next = chain[i + 1];
    // A CA's key passes the same checks as a leaf's before a signature made with it counts.
    const weakKey = anchor ? caKeyProblem(anchor, 'trust anchor') : next && cert.issuer.isEqual(next.subject) ? caKeyProblem(next, 'intermediate') : undefined;
    if (weakKey) return fail(weakKey);
    const issuer = anchor ?? (next && (await signedBy(cert, next)) ? next : undefined);
    if (!issuer) return fail(await noIssuerReason(cert, next, i, !!asAnchor));
    const role = anchor ? 'trust anchor' : 'intermediate';
    const problem = issuerProblem(issuer, role, cert, i);
    if (problem) return fail(problem);
    path.push(subjectOf(issuer));
    const expired = validityProblem(issuer, now, role);
    if (expired) return fail(expired);
    if (anchor) return ok(anchor);
  }
}

/** The x5c certificates and the trust anchors, parsed; or why one cannot be read. */
async function readChain(x5c: string[], anchorsText: string): Promise<{ lib: Pkijs; chain: Certificate[]; anchors: Certificate[] } | { error: string }> {
  try {
    const lib = await pkijs();
    const chain: Certificate[] = [];
    for (const [i, c] of x5c.entries()) {
      let der: Uint8Array;
      try {
        der = base64ToBytes(c);
      } catch {
        return { error: `x5c[${i}] is not base64 (RFC 7515 §4.1.6: standard base64 of the DER, not base64url)` };
      }
      chain.push(await parse(lib, der, `x5c[${i}]`));
    }
    const anchors = await Promise.all(pemBlocks(anchorsText).slice(0, MAX_ANCHORS).map((b, i) => parse(lib, b, `Trust anchor ${i + 1}`)));
    return { lib, chain, anchors };
  } catch (e) {
    return { error: (e as Error).message.replace(/\.$/, '') };
  }
}

/** Why the leaf itself is refused: not the x5t#S256 the header names, not valid now, not allowed to sign. */
async function leafProblem(leaf: Certificate, now: Date, x5tS256: unknown): Promise<string | undefined> {
  if (x5tS256 !== undefined) {
    const digest = bytesToBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', leaf.toSchema().toBER(false))));
    if (x5tS256 !== digest) return 'the header\'s "x5t#S256" is not the SHA-256 thumbprint of the leaf certificate x5c[0]';
  }
  const validity = validityProblem(leaf, now, 'leaf certificate');
  if (validity) return validity;
  const usage = keyUsage(leaf);
  if (usage !== undefined && !(usage & KU_DIGITAL_SIGNATURE)) return `the leaf certificate ${subjectOf(leaf)} may not sign (its key usage lacks digitalSignature)`;
  return undefined;
}

/** Why no certificate issued `cert`, in the words that help: a self-signed leaf, a bad link, a missing intermediate. */
async function noIssuerReason(cert: Certificate, next: Certificate | undefined, i: number, isAnchor: boolean): Promise<string> {
  if (isAnchor) return `the leaf certificate ${subjectOf(cert)} is itself a trust anchor, not a certificate issued by one: add the CA that issued it`;
  if (cert.issuer.isEqual(cert.subject) && (await signedBy(cert, cert))) {
    return i === 0 ? `the leaf certificate ${subjectOf(cert)} is self-signed and is not issued by a trust anchor` : `no path to a trust anchor: the chain ends at ${subjectOf(cert)}, which is not one of the trust anchors`;
  }
  if (next && cert.issuer.isEqual(next.subject)) return `the signature of ${subjectOf(cert)} does not verify with the key of ${subjectOf(next)}, which x5c names as its issuer`;
  return `no path to a trust anchor: neither x5c nor the trust anchors hold the issuer of ${subjectOf(cert)}, ${nameText(cert.issuer)} (is an intermediate missing from x5c?)`;
}

/** Why `issuer` may not have issued `cert` (the i-th of the path): not a CA, no keyCertSign, its path length. */
function issuerProblem(issuer: Certificate, role: string, cert: Certificate, i: number): string | undefined {
  const ca = isCa(issuer);
  if (!ca.ca) return `the ${role} ${subjectOf(issuer)} is not a CA (basic constraints lack cA), so it may not issue ${subjectOf(cert)}`;
  const usage = keyUsage(issuer);
  if (usage !== undefined && !(usage & KU_KEY_CERT_SIGN)) return `the ${role} ${subjectOf(issuer)} may not sign certificates (its key usage lacks keyCertSign)`;
  // RFC 5280 §4.2.1.9: pathLenConstraint counts the intermediates that may follow it (chain[1..i]), not the leaf.
  if (ca.pathLen !== undefined && i > ca.pathLen) return `the ${role} ${subjectOf(issuer)} allows ${ca.pathLen} intermediate(s) below it; the path has ${i}`;
  return undefined;
}

async function findAsync<T>(items: T[], test: (t: T) => Promise<boolean>): Promise<T | undefined> {
  for (const t of items) if (await test(t)) return t;
  return undefined;
}

function spkiPem(cert: Certificate): string {
  const der = new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER(false));
  let bin = '';
  for (const b of der) bin += String.fromCharCode(b);
  const b64 = btoa(bin).replace(/(.{64})/g, '$1\n');
  return `-----BEGIN PUBLIC KEY-----\n${b64}\n-----END PUBLIC KEY-----\n`;
}
