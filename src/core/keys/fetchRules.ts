import { checkJwksUrl, JWKS_MAX_REDIRECTS } from './jwks';

/**
 * The rules of the one way the extension fetches anything (a JWKS URL or an issuer the user gave): what each answer
 * of the server leads to. The adapter (workspace/fetchBounded.ts) does the I/O and says these outcomes in words.
 */

/** How long a server has to answer, in all (the time the user spends on a question about a hop is not counted). */
export const FETCH_TIMEOUT_MS = 10_000;

/** One answer of the server, as far as the rules need it. */
export interface HopAnswer {
  /** The URL that answered. */
  url: string;
  status: number;
  /** The Location header, when any. */
  location: string | null;
  /** The browser hid where a redirect goes (fetch with redirect: 'manual' in a browser). */
  opaqueRedirect: boolean;
  /** How many redirects were followed before this answer. */
  hop: number;
}

/** The URL the user named (the issuer, or the JWKS URL itself), and the origins they agreed to. */
export interface HopContext {
  from: string;
  allowed: ReadonlySet<string>;
}

/** What an answer leads to. */
export type HopOutcome =
  | { kind: 'body' }
  | { kind: 'notFound' }
  | { kind: 'failed'; status: number }
  | { kind: 'opaqueRedirect' }
  | { kind: 'tooManyRedirects'; max: number }
  /** The redirect's target is refused by checkJwksUrl: `reason` is its message. */
  | { kind: 'refusedTarget'; next: string; reason: string }
  /** Follow to `url`; `newOrigin` is an origin the user has not agreed to (ask first, or refuse). */
  | { kind: 'redirect'; url: string; newOrigin: boolean };

/**
 * What an answer leads to: its body (2xx), a 404 (an answer, so a caller can try the next URL), a failure (any
 * other status), or a redirect — followed only within JWKS_MAX_REDIRECTS hops, only to a URL that checkJwksUrl
 * accepts as if the user had typed it (https, or http to this machine; no credentials; no private, link-local or
 * loopback target unless `from` is on this machine), and to another origin only on the user's yes.
 */
export function judgeHop(a: HopAnswer, ctx: HopContext): HopOutcome {
  if (a.opaqueRedirect) return { kind: 'opaqueRedirect' };
  const location = a.status >= 300 && a.status < 400 ? a.location : null;
  if (location !== null) {
    if (a.hop >= JWKS_MAX_REDIRECTS) return { kind: 'tooManyRedirects', max: JWKS_MAX_REDIRECTS };
    const next = new URL(location, a.url).toString();
    let url: string;
    try {
      url = checkJwksUrl(next, ctx.from);
    } catch (e) {
      return { kind: 'refusedTarget', next, reason: (e as Error).message };
    }
    return { kind: 'redirect', url, newOrigin: !ctx.allowed.has(new URL(url).origin) };
  }
  if (a.status === 404) return { kind: 'notFound' };
  if (a.status < 200 || a.status > 299) return { kind: 'failed', status: a.status };
  return { kind: 'body' };
}

/** A Content-Length over the cap: the body is refused before it is read. */
export function declaredTooLarge(contentLength: string | null, maxBytes: number): boolean {
  return Number(contentLength ?? 0) > maxBytes;
}

/** Why a fetch failed on the network, from the system's error code (Node's fetch puts it in `cause.code`). */
export type NetworkFailure = 'refused' | 'noHost' | 'reset';

export function networkFailure(code: unknown): NetworkFailure | undefined {
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'noHost';
    case 'ECONNRESET':
      return 'reset';
    default:
      return undefined;
  }
}
