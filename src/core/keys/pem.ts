// Keys in PEM: SPKI, PKCS#8, PKCS#1, SEC1 EC and X.509 certificates, read from their DER.
import type { JWK } from 'jose';
import { EC_CURVE_ALG } from '../base/algorithms';
import { base64ToBytes, bytesToBase64Url } from '../base/encoding';
import { keyError } from '../base/errors';
import { CURVE_BY_OID, DerError, OID, children, encodeOid, oid, readNode, tlv } from './der';
import { RSA_PRIVATE_FIELDS, refuseEd25519, rsaJwkKey } from './jwk';
import { stripLeadingZeros } from './keyChecks';
import { ML_DSA_BY_OID, mlDsaInfo } from './mlDsa';
import type { Material, ResolvedKey } from './types';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export function pemKey(text: string): ResolvedKey {
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
