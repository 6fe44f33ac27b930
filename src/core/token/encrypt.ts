/**
 * Making encrypted tokens (JWE, RFC 7516, compact form): a claims set, or a token already signed (a nested JWT,
 * RFC 7519 §5.2), encrypted to a recipient's public key or to a shared secret. Pure: Web Crypto through jose.
 */
import { CompactEncrypt, exportJWK, importJWK, importPKCS8, importSPKI, type CryptoKey, type JWK } from 'jose';
import { bytesToBase64, utf8 } from '../base/encoding';
import { encryptionChoices, isContentEncryptionAlg, isKeyManagementAlg, pairRefusal, defaultPair, recipientRefusal, runtimeHasAes192, uses192BitAes, NO_AES192, type ContentEncryptionAlg, type KeyManagementAlg } from './encryptAlgorithms';
import { JwtWorkbenchError } from '../base/errors';
import { decodeToken } from './decode';
import { publicJwk } from '../keys/keyImport';
import { resolveKeys } from '../keys/resolve';
import { type KeyCache } from '../keys/cache';
import { type KeyInput, type ResolvedKey } from '../keys/types';
import { withDefaultClaims, type SignOptions } from './sign';

/** Options of {@link encryptToken}. */
export interface EncryptOptions {
  /** Key management. Default: the key's declared `alg`, else see {@link defaultPair}. */
  alg?: KeyManagementAlg;
  /** Content encryption. Default A256GCM (with `dir`, the one whose key is as long as the secret). */
  enc?: ContentEncryptionAlg;
  /** The recipient's key id, to choose a member of a JWKS; also written into the header. */
  kid?: string;
  /**
   * The member picked, by its place among the keys given: what the user chose in a picker, where a kid may be missing
   * or shared. Wins over `kid` and over a member's `use: "enc"`; a member that may not be encrypted to is refused.
   */
  member?: number;
  /** For a claims set: the defaults Sign adds (`iat`, `exp`, `iss`, `aud`), read as {@link signToken} reads them. */
  claims?: Pick<SignOptions, 'lifetime' | 'issuer' | 'audience' | 'now' | 'addDefaults'>;
  /** Keys read and imported before are taken from here. */
  cache?: KeyCache;
}

/** A key that may be encrypted to, or why not: for choosing a JWKS member. Never holds key material. */
export interface Recipient {
  kid?: string;
  description: string;
  refusal?: string;
}

/** Every key in `input` as a possible recipient, with the reason when it may not be one. Throws like resolveKeys. */
export function recipientsOf(input: KeyInput, cache?: KeyCache): Recipient[] {
  return resolveKeys(input, cache).map((k) => ({ kid: k.kid, description: k.description, refusal: recipientRefusal(k) }));
}

/**
 * Encrypt a claims set (an object), or a compact token (a string: sign-then-encrypt, the header then says
 * `cty: "JWT"`), to `key` as a compact JWE. A private key or key pair is encrypted to its public half; a secret is
 * used with `dir` or AES key wrap. Refused with ERR_KEY_ALG_MISMATCH (a key declared for signatures, a pair that does
 * not fit the key or its declarations), ERR_ALG_UNSUPPORTED (RSA1_5; 192-bit AES where the runtime lacks it).
 */
export async function encryptToken(content: Record<string, unknown> | string, key: KeyInput, opts: EncryptOptions = {}): Promise<string> {
  const { plaintext, header } = plaintextOf(content, opts);
  const recipient = chooseRecipient(resolveKeys(key, opts.cache), opts);
  const def = defaultPair(recipient);
  let alg: string = opts.alg ?? def.alg;
  let enc: string = opts.enc ?? (alg === def.alg ? def.enc : 'A256GCM');
  // Nothing asked for and the default does not fit (a declared alg, a secret's length): the first pair that does, or why none does.
  if (!opts.alg && !opts.enc && pairRefusal(recipient, alg, enc)) ({ alg, enc } = encryptionChoices(recipient)[0]);
  const refusal = pairRefusal(recipient, alg, enc);
  if (refusal) throw new JwtWorkbenchError(!isKeyManagementAlg(alg) || !isContentEncryptionAlg(enc) ? 'ERR_ALG_UNSUPPORTED' : 'ERR_KEY_ALG_MISMATCH', `Cannot encrypt with ${alg} / ${enc}: ${refusal}.`);
  if (uses192BitAes(alg, enc) && !(await runtimeHasAes192())) throw new JwtWorkbenchError('ERR_ALG_UNSUPPORTED', `Cannot encrypt with ${alg} / ${enc}: ${NO_AES192}`);
  const kid = opts.kid ?? recipient.kid;
  const protectedHeader = { alg, enc, ...header, ...(kid !== undefined && { kid }) };
  const encryptTo = await encryptionKey(recipient, alg as KeyManagementAlg, opts.cache);
  return new CompactEncrypt(plaintext).setProtectedHeader(protectedHeader).encrypt(encryptTo);
}

/** The bytes to encrypt and what the header says of them. */
function plaintextOf(content: Record<string, unknown> | string, opts: EncryptOptions): { plaintext: Uint8Array; header: Record<string, string> } {
  if (typeof content === 'string') {
    const token = content.trim();
    const parts = token.split('.');
    const header = decodeToken(token).header;
    if ((parts.length !== 3 && parts.length !== 5) || !header || parts.some((p) => !/^[\w-]*$/.test(p))) {
      throw new JwtWorkbenchError('ERR_PAYLOAD_NOT_OBJECT', 'Only a compact JWS or JWE (header.payload.signature) can be nested in an encrypted token.');
    }
    if (String(header.alg).toLowerCase() === 'none') {
      throw new JwtWorkbenchError('ERR_KEY_ALG_MISMATCH', 'The token is unsigned ("alg": "none"): encrypting it would not prove who made it. Sign it first.');
    }
    // RFC 7519 §5.2: the content is itself a JWT.
    return { plaintext: utf8.encode(token), header: { cty: 'JWT' } };
  }
  if (content === null || typeof content !== 'object' || Array.isArray(content)) throw new JwtWorkbenchError('ERR_PAYLOAD_NOT_OBJECT', 'A JWT payload must be a JSON object.');
  return { plaintext: utf8.encode(JSON.stringify(withDefaultClaims(content, opts.claims))), header: { typ: 'JWT' } };
}

/**
 * The key to encrypt to: the one with `opts.kid` when given, else the first that may be encrypted to (a JWKS's
 * `use: "enc"` member before one without a declared use). Says why when none may.
 */
function chooseRecipient(keys: ResolvedKey[], opts: EncryptOptions): ResolvedKey {
  if (opts.member !== undefined) {
    const picked = keys[opts.member];
    if (!picked) throw new JwtWorkbenchError('ERR_KEY_FORMAT', `There is no key number ${opts.member + 1}: ${keys.length} key${keys.length === 1 ? ' is' : 's are'} given.`);
    const refusal = recipientRefusal(picked);
    if (refusal) throw new JwtWorkbenchError('ERR_KEY_ALG_MISMATCH', `Cannot encrypt to this key: ${refusal}.`);
    return picked;
  }
  const named = opts.kid === undefined ? keys : keys.filter((k) => k.kid === opts.kid);
  if (!named.length) throw new JwtWorkbenchError('ERR_KEY_FORMAT', `No key has kid "${opts.kid}"; the keys given have ${keys.map((k) => (k.kid === undefined ? 'no kid' : `kid "${k.kid}"`)).join(', ')}.`);
  const usable = named.filter((k) => !recipientRefusal(k));
  const fitting = opts.alg ? usable.filter((k) => !pairRefusal(k, opts.alg!, opts.enc ?? defaultPair(k).enc)) : usable;
  const chosen = fitting.find((k) => k.use === 'enc') ?? fitting[0] ?? usable[0];
  if (chosen) return chosen;
  const reasons = [...new Set(named.map((k) => recipientRefusal(k)))].join('; ');
  throw new JwtWorkbenchError('ERR_KEY_ALG_MISMATCH', `Cannot encrypt to ${named.length > 1 ? 'any of these keys' : 'this key'}: ${reasons}.`);
}

function pem(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${bytesToBase64(der).replace(/.{64}/g, '$&\n')}\n-----END ${label}-----`;
}

/** A JWK reduced to what Web Crypto needs for `alg`: its private members and declarations gone (checked already). */
function forEncryption(jwk: JWK, alg: string): JWK {
  const { use: _use, key_ops: _ops, ext: _ext, ...rest } = publicJwk(jwk);
  return { ...rest, alg };
}

/** The public half of the recipient (or the secret's bytes), imported for `alg`. */
async function encryptionKey(key: ResolvedKey, alg: KeyManagementAlg, cache?: KeyCache): Promise<CryptoKey | Uint8Array> {
  const m = key.material;
  if (m.kind === 'secret') return m.bytes;
  const load = async (): Promise<CryptoKey | Uint8Array> => {
    if (m.kind === 'spki') return importSPKI(pem('PUBLIC KEY', m.der), alg);
    if (m.kind === 'jwk') return importJWK(forEncryption(m.jwk, alg), alg);
    // A private key given as the recipient: encrypt to its public half (the private half is never needed here).
    const priv = await importPKCS8(pem('PRIVATE KEY', m.der), alg, { extractable: true });
    return importJWK(forEncryption(await exportJWK(priv), alg), alg);
  };
  return cache ? cache.import(key, `encrypt:${alg}`, load) : load();
}
