import { JwtWorkbenchError } from './errors';
import { describeKey } from './keys';

/** JWK members that only a private or symmetric key has (RFC 7518 §6.2.2, §6.3.2, §6.4.1). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** How many redirects a JWKS fetch follows, each hop checked like the URL itself. */
export const JWKS_MAX_REDIRECTS = 5;

/** The most a JWKS response may weigh; real ones are a few KiB. */
export const JWKS_MAX_BYTES = 1024 * 1024;

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Check a JWKS URL the user typed. Only `https:` is accepted, except plain `http:` to this machine (localhost,
 * 127.x, [::1]) for local identity providers. No credentials in the URL (they would be stored in clear). Returns the
 * normalized URL; throws ERR_JWKS_URL with the reason.
 */
export function checkJwksUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new JwtWorkbenchError('ERR_JWKS_URL', 'Not a URL: enter one such as https://issuer.example/.well-known/jwks.json.');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
    throw new JwtWorkbenchError('ERR_JWKS_URL', 'Use https:// (plain http:// only to localhost): keys fetched over plain HTTP can be swapped on the way.');
  }
  if (url.username || url.password) throw new JwtWorkbenchError('ERR_JWKS_URL', 'Leave credentials out of the URL: they would be stored in clear.');
  url.hash = '';
  return url.toString();
}

/**
 * Read a JWKS response body. It must be a JSON Web Key Set of public keys only: a set that publishes a private or
 * symmetric key is refused (whoever published it has leaked it). Returns the key ids found and the number of keys.
 */
export function parseJwks(text: string): { jwks: { keys: object[] }; kids: string[]; count: number } {
  if (text.length > JWKS_MAX_BYTES) throw new JwtWorkbenchError('ERR_JWKS_RESPONSE', `The response is over ${JWKS_MAX_BYTES / 1024} KiB; a JWKS is a few KiB.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new JwtWorkbenchError('ERR_JWKS_RESPONSE', 'The response is not JSON.');
  }
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { keys?: unknown }).keys)) {
    throw new JwtWorkbenchError('ERR_JWKS_RESPONSE', 'The response is not a JWKS: it has no "keys" array.');
  }
  const jwks = json as { keys: object[] };
  // Every member, even one that would be skipped (use "enc", an unknown kty): a set that carries a private member
  // has leaked it, and it would be kept in workspace state with the rest.
  const leaked = jwks.keys.findIndex((k) => k && typeof k === 'object' && PRIVATE_MEMBERS.some((m) => m in k));
  if (leaked >= 0) {
    const kid = (jwks.keys[leaked] as { kid?: unknown }).kid;
    throw new JwtWorkbenchError('ERR_JWKS_RESPONSE', `The JWKS publishes private key material (member ${typeof kid === 'string' ? `"${kid}"` : leaked + 1} has ${PRIVATE_MEMBERS.filter((m) => m in (jwks.keys[leaked] as object)).map((m) => `"${m}"`).join(', ')}); a JWKS URL must serve public keys only. Refused, and not kept.`);
  }
  let infos;
  try {
    infos = describeKey({ jwks });
  } catch (e) {
    throw new JwtWorkbenchError('ERR_JWKS_RESPONSE', `The JWKS holds no usable key: ${(e as Error).message}`);
  }
  if (infos.some((k) => k.isPrivate || k.family === 'oct')) {
    throw new JwtWorkbenchError('ERR_JWKS_RESPONSE', 'The JWKS publishes a private or symmetric key; a JWKS URL must serve public keys only. Refused.');
  }
  return { jwks, kids: infos.flatMap((k) => (k.kid === undefined ? [] : [k.kid])), count: infos.length };
}
