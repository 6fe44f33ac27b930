// Certificate chains made with openssl (an independent implementation, not this tool's own code), one per case the
// x5c check must tell apart: a valid chain, an expired leaf, an expired intermediate, a wrong anchor, a missing
// intermediate, a leaf not allowed to sign, a self-signed leaf, an intermediate that is not a CA; and what a careful
// CA policy refuses: SHA-1 and MD5 signatures, an unknown critical extension, a 512-bit RSA intermediate; a leaf with
// an extended key usage.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Chains {
  dir: string;
  /** PEM text of each certificate and private key, by name. */
  pem: (name: string) => string;
  /** x5c entries (standard base64 DER) of the named certificates, in order. */
  x5c: (...names: string[]) => string[];
  /** SHA-256 thumbprint (base64url) of a certificate, as x5t#S256. */
  x5tS256: (name: string) => string;
  cleanup: () => void;
}

const openssl = (cwd: string, ...args: string[]) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

/** An EC P-256 key by default; `rsa:<bits>` for RSA. */
function key(cwd: string, name: string, type = 'ec'): void {
  if (type.startsWith('rsa:')) openssl(cwd, 'genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${type.slice(4)}`, '-out', `${name}.key`);
  else openssl(cwd, 'genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
}

function selfSigned(cwd: string, name: string, cn: string, ext: string[], days = 3650, type = 'ec'): void {
  key(cwd, name, type);
  openssl(cwd, 'req', '-x509', '-new', '-key', `${name}.key`, '-subj', `/CN=${cn}`, '-days', String(days), ...ext.flatMap((e) => ['-addext', e]), '-out', `${name}.pem`);
}

function issued(cwd: string, name: string, cn: string, ca: string, ext: string[], days: number, opts: { digest?: string; type?: string } = {}): void {
  key(cwd, name, opts.type);
  openssl(cwd, 'req', '-new', '-key', `${name}.key`, '-subj', `/CN=${cn}`, '-out', `${name}.csr`);
  fs.writeFileSync(path.join(cwd, `${name}.ext`), ext.join('\n') + '\n');
  const serial = '0x' + [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, '0')).join('');
  openssl(cwd, 'x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-set_serial', serial, '-days', String(days), '-extfile', `${name}.ext`, `-${opts.digest ?? 'sha256'}`, '-out', `${name}.pem`);
}

const CA = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign'];
const LEAF = ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature'];

/** Make every chain in a fresh temporary directory (~1 s). Certificates valid for a day expire for a clock 2 days on. */
export function makeChains(): Chains {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-x5c-'));
  selfSigned(dir, 'root', 'Test Root CA', CA);
  selfSigned(dir, 'otherRoot', 'Other Root CA', CA);
  issued(dir, 'inter', 'Test Intermediate CA', 'root', ['basicConstraints=critical,CA:TRUE,pathlen:0', 'keyUsage=critical,keyCertSign'], 3650);
  issued(dir, 'leaf', 'api.example.test', 'inter', LEAF, 365);
  issued(dir, 'leafShort', 'short-lived.example.test', 'inter', LEAF, 1);
  issued(dir, 'interShort', 'Short Intermediate CA', 'root', ['basicConstraints=critical,CA:TRUE,pathlen:0', 'keyUsage=critical,keyCertSign'], 1);
  issued(dir, 'leafUnderShort', 'under-short.example.test', 'interShort', LEAF, 365);
  issued(dir, 'leafNoSign', 'no-sign.example.test', 'inter', ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,keyAgreement'], 365);
  selfSigned(dir, 'selfLeaf', 'self-signed.example.test', LEAF, 365);
  issued(dir, 'notCa', 'Not A CA', 'root', LEAF, 3650);
  issued(dir, 'leafUnderNotCa', 'under-not-ca.example.test', 'notCa', LEAF, 365);
  issued(dir, 'leafSha1', 'sha1.example.test', 'inter', LEAF, 365, { digest: 'sha1' });
  selfSigned(dir, 'rsaRoot', 'RSA Root CA', CA, 3650, 'rsa:2048');
  issued(dir, 'leafMd5', 'md5.example.test', 'rsaRoot', LEAF, 365, { digest: 'md5' });
  issued(dir, 'leafCritical', 'critical.example.test', 'inter', [...LEAF, '1.3.6.1.4.1.55555.1=critical,ASN1:UTF8String:must-understand'], 365);
  issued(dir, 'weakInter', 'Weak RSA-512 CA', 'root', ['basicConstraints=critical,CA:TRUE,pathlen:0', 'keyUsage=critical,keyCertSign'], 3650, { type: 'rsa:512' });
  issued(dir, 'leafUnderWeak', 'under-weak.example.test', 'weakInter', LEAF, 365);
  issued(dir, 'leafEku', 'eku.example.test', 'inter', [...LEAF, 'extendedKeyUsage=serverAuth,clientAuth'], 365);
  const pem = (name: string) => fs.readFileSync(path.join(dir, name.endsWith('.key') ? name : `${name}.pem`), 'utf8');
  const der = (name: string) => pem(name).replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return {
    dir,
    pem,
    x5c: (...names) => names.map(der),
    x5tS256: (name) => createHash('sha256').update(Buffer.from(der(name), 'base64')).digest('base64url'),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
