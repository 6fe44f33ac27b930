/**
 * OpenSSH public keys (`ssh-ed25519 AAAA… comment`, the one-line `.pub` format of RFC 4253 §6.6 / RFC 5656 §3.1 /
 * RFC 8709 §4) read as the public JWK they are. The base64 body is the SSH wire format: a sequence of uint32-length
 * strings — the key type again, then the key's parts. Everything is bounds-checked; the type inside must be the type
 * outside; nothing may follow the last part. Pure and linear.
 */
import { base64ToBytes, bytesToBase64Url } from '../base/encoding';
import { JwtWorkbenchError } from '../base/errors';

/** The line an OpenSSH public key file starts with: a key type, then base64. */
export const OPENSSH_PUBLIC_KEY = /^(ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp\d+|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)[ \t]+([A-Za-z0-9+/]+={0,2})(?:[ \t]+[^\r\n]*)?$/;

const CURVES: Readonly<Record<string, { crv: string; size: number }>> = {
  nistp256: { crv: 'P-256', size: 32 },
  nistp384: { crv: 'P-384', size: 48 },
  nistp521: { crv: 'P-521', size: 66 },
};

const bad = (why: string) => new JwtWorkbenchError('ERR_KEY_FORMAT', `It holds an OpenSSH public key that cannot be read: ${why}.`);

class WireReader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
  string(what: string): Uint8Array {
    if (this.pos + 4 > this.bytes.length) throw bad(`${what} is missing`);
    const b = this.bytes;
    const len = ((b[this.pos] << 24) | (b[this.pos + 1] << 16) | (b[this.pos + 2] << 8) | b[this.pos + 3]) >>> 0;
    this.pos += 4;
    if (len > b.length - this.pos) throw bad(`${what} runs past the end of the key`);
    const out = b.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  text(what: string): string {
    return new TextDecoder().decode(this.string(what));
  }
  /** An mpint as unsigned big-endian bytes (its sign byte dropped); a negative one is no key part. */
  mpint(what: string): Uint8Array {
    const v = this.string(what);
    if (v.length === 0 || v[0] & 0x80) throw bad(`${what} is not a positive number`);
    let i = 0;
    while (i < v.length - 1 && v[i] === 0) i++;
    return v.subarray(i);
  }
  end(): void {
    if (this.pos !== this.bytes.length) throw bad('bytes follow the last part of the key');
  }
}

/**
 * The public JWK an OpenSSH public key line stands for (Ed25519 → OKP, ECDSA P-256/384/521 → EC, RSA → RSA), or
 * ERR_KEY_FORMAT saying why not (DSA and security-key types are no JWS keys). The comment is ignored.
 */
export function openSshPublicKeyToJwk(line: string): JsonWebKey {
  const m = OPENSSH_PUBLIC_KEY.exec(line.trim());
  if (!m) throw bad('the line is not "TYPE BASE64 [comment]"');
  const [, type, body] = m;
  if (type === 'ssh-dss') throw new JwtWorkbenchError('ERR_KEY_FORMAT', 'It holds an OpenSSH DSA public key: DSA signs no JWTs (RS*, PS*, ES* and EdDSA do).');
  if (type.startsWith('sk-')) throw new JwtWorkbenchError('ERR_KEY_FORMAT', `It holds an OpenSSH security-key public key (${type}): such keys sign SSH challenges, not JWTs.`);
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(body);
  } catch {
    throw bad('its base64 is not valid');
  }
  const r = new WireReader(bytes);
  const inner = r.text('the key type');
  if (inner !== type) throw bad(`the line says ${type} but the key inside is ${inner || 'unnamed'}`);
  let jwk: JsonWebKey;
  if (type === 'ssh-ed25519') {
    const x = r.string('the Ed25519 public key');
    if (x.length !== 32) throw bad(`an Ed25519 public key is 32 bytes, this one ${x.length}`);
    jwk = { kty: 'OKP', crv: 'Ed25519', x: bytesToBase64Url(x) };
  } else if (type === 'ssh-rsa') {
    const e = r.mpint('the RSA exponent');
    const n = r.mpint('the RSA modulus');
    jwk = { kty: 'RSA', n: bytesToBase64Url(n), e: bytesToBase64Url(e) };
  } else {
    const name = type.slice('ecdsa-sha2-'.length);
    const curve = CURVES[name];
    if (!curve) throw bad(`the curve ${name} is not P-256, P-384 or P-521`);
    if (r.text('the curve name') !== name) throw bad(`the curve inside is not ${name}`);
    const q = r.string('the EC point');
    if (q.length !== 1 + 2 * curve.size || q[0] !== 0x04) throw bad(`the EC point is not an uncompressed ${curve.crv} point`);
    jwk = { kty: 'EC', crv: curve.crv, x: bytesToBase64Url(q.subarray(1, 1 + curve.size)), y: bytesToBase64Url(q.subarray(1 + curve.size)) };
  }
  r.end();
  return jwk;
}
