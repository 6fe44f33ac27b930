/**
 * What a key file holds. A key file must hold a key — a PEM block, a JWK or a JWKS — and never becomes an HMAC
 * secret because it is something else: an OpenSSH `.pub` read as secret text would let anyone who has that public
 * file forge HS256 tokens (the key-confusion attack, through the front door). Secrets come only from places that
 * hold secrets: `.env` variables, SecretStorage, or a file the user adds *as a secret*.
 */
import { parseJson5 } from '../base/json5';
import { JwtWorkbenchError } from '../base/errors';
import type { KeyInput } from './types';

const refuse = (what: string) => new JwtWorkbenchError('ERR_KEY_FORMAT', what);

/** The KeyInput a key file's text stands for (PEM text, `{ jwk }` or `{ jwks }`), or ERR_KEY_FORMAT saying what it found. */
export async function readKeyFile(text: string): Promise<KeyInput> {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t.includes('-----BEGIN ')) return t;
  // An OpenSSH public key (a .pub file) is a key like any other: its public JWK. Its parser is read on first use.
  const first = t.split(/\r?\n/)[0];
  if (/^(ssh-|ecdsa-|sk-)/.test(first)) {
    const ssh = await import('./sshKey');
    if (ssh.OPENSSH_PUBLIC_KEY.test(first)) return { jwk: ssh.openSshPublicKeyToJwk(first) };
  }
  if (t.startsWith('{') || t.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch {
      value = undefined;
    }
    try {
      value ??= await parseJson5(t);
    } catch {
      return fail('text that starts like JSON but is not JSON (nor JSON5)');
    }
    if (Array.isArray(value)) return fail('a JSON array; a JWKS is an object with a "keys" array: {"keys": [ … ]}');
    const obj = value as Record<string, unknown>;
    if ('keys' in obj) {
      if (!Array.isArray(obj.keys)) return fail('an object whose "keys" is not an array; a JWKS is {"keys": [ … ]}');
      return { jwks: obj };
    }
    if (typeof obj.kty === 'string') return { jwk: obj };
    return fail('a JSON object that is neither a JWK (it has no "kty") nor a JWKS (no "keys")');
  }
  if (t.length === 0) return fail('nothing: the file is empty');
  // DER starts with a SEQUENCE (0x30), which base64 writes as "M".
  if (/^[A-Za-z0-9+/=\s]+$/.test(t) && t.replace(/\s/g, '').length >= 64 && /^M/.test(t)) {
    return fail('bare base64 DER without PEM armour: put it between "-----BEGIN PUBLIC KEY-----" and "-----END PUBLIC KEY-----" lines (or PRIVATE KEY)');
  }
  return fail('neither a PEM block nor a JWK or JWKS. To use a file\'s text as an HMAC secret, add it as a secret');
}

function fail(found: string): never {
  throw refuse(`It holds ${found}.`);
}
