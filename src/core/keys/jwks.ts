import { JwtWorkbenchError } from '../base/errors';
import { describeKey } from './resolve';
import { PRIVATE_JWK_MEMBERS } from './types';

/** How many redirects a JWKS fetch follows, each hop checked like the URL itself. */
export const JWKS_MAX_REDIRECTS = 5;

/** The most a JWKS response may weigh (1 MiB; a literal, which the bundler drops where unused); real ones are a few KiB. */
export const JWKS_MAX_BYTES = 1_048_576;

/** What kind of place a URL's host is: a public host, or an address of this machine or a private network. */
export type HostKind = 'public' | 'loopback' | 'private' | 'link-local' | 'unspecified';

const v4 = (a: number, b: number): HostKind => {
  if (a === 127) return 'loopback';
  if (a === 0) return 'unspecified';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  // Multicast, reserved and broadcast: never a key server.
  if (a >= 224) return 'private';
  return 'public';
};

/** The eight 16-bit groups of an IPv6 address (the URL parser gives it compressed, without an embedded IPv4). */
function v6Groups(text: string): number[] | undefined {
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail === undefined ? [] : tail ? tail.split(':') : [];
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  const groups = [...h, ...Array(Math.max(fill, 0)).fill('0'), ...t].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : undefined;
}

/**
 * Classify a URL's hostname as the WHATWG URL parser normalises it (IPv4 in any spelling becomes dotted decimal;
 * IPv6 is bracketed and compressed). IPv4 inside IPv6 (mapped ::ffff:0:0/96, compatible ::/96, NAT64 64:ff9b::/96)
 * is judged as the IPv4 address it carries. Names are public except localhost and *.localhost (RFC 6761).
 */
export function hostKind(hostname: string): HostKind {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  const ip4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (ip4) return v4(+ip4[1], +ip4[2]);
  if (!host.startsWith('[')) return 'public';
  const g = v6Groups(host.slice(1, -1));
  if (!g) return 'private';
  const embedded = () => v4(g[6] >> 8, g[6] & 0xff);
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(7) && g[7] === 1) return 'loopback';
  if (zeros(8)) return 'unspecified';
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if ((zeros(5) && g[5] === 0xffff) || zeros(6) || nat64) return embedded();
  if ((g[0] & 0xfe00) === 0xfc00) return 'private';
  if ((g[0] & 0xffc0) === 0xfe80 || (g[0] & 0xffc0) === 0xfec0) return 'link-local';
  if ((g[0] & 0xff00) === 0xff00) return 'private';
  return 'public';
}

const KIND_WORDS: Record<Exclude<HostKind, 'public'>, string> = {
  loopback: 'an address of this machine (loopback)',
  private: 'a private network address',
  'link-local': 'a link-local address (where cloud metadata services answer)',
  unspecified: 'the unspecified address',
};

/**
 * Check a URL keys may be fetched from. Only `https:` is accepted, except plain `http:` to this machine (localhost,
 * 127.x, [::1]) for local identity providers. No credentials in the URL (they would be stored in clear). Private,
 * link-local, loopback and unspecified targets are refused unless `from` — the URL the user named (the issuer, or the
 * JWKS URL itself, the default) — is on this machine; then only this machine is allowed besides public hosts.
 * Returns the normalized URL; throws ERR_JWKS_URL with the reason.
 */
export function checkJwksUrl(text: string, from: string = text): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new JwtWorkbenchError('ERR_JWKS_URL', 'Not a URL: enter one such as https://issuer.example/.well-known/jwks.json.');
  }
  const kind = hostKind(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && kind === 'loopback')) {
    throw new JwtWorkbenchError('ERR_JWKS_URL', 'Use https:// (plain http:// only to localhost): keys fetched over plain HTTP can be swapped on the way.');
  }
  if (url.username || url.password) throw new JwtWorkbenchError('ERR_JWKS_URL', 'Leave credentials out of the URL: they would be stored in clear.');
  if (kind !== 'public' && !(kind === 'loopback' && isLoopbackUrl(from))) {
    throw new JwtWorkbenchError('ERR_JWKS_URL', `${url.host} is ${KIND_WORDS[kind]}: keys are fetched from there only for an issuer on this machine.`);
  }
  url.hash = '';
  return url.toString();
}

/** Whether a URL's host is this machine (an issuer for local development). */
export function isLoopbackUrl(text: string): boolean {
  try {
    return hostKind(new URL(text.trim()).hostname) === 'loopback';
  } catch {
    return false;
  }
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
  const leaked = jwks.keys.findIndex((k) => k && typeof k === 'object' && PRIVATE_JWK_MEMBERS.some((m) => m in k));
  if (leaked >= 0) {
    const kid = (jwks.keys[leaked] as { kid?: unknown }).kid;
    throw new JwtWorkbenchError('ERR_JWKS_RESPONSE', `The JWKS publishes private key material (member ${typeof kid === 'string' ? `"${kid}"` : leaked + 1} has ${PRIVATE_JWK_MEMBERS.filter((m) => m in (jwks.keys[leaked] as object)).map((m) => `"${m}"`).join(', ')}); a JWKS URL must serve public keys only. Refused, and not kept.`);
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
