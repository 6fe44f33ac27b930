// The one way this extension fetches anything: a URL the user gave (a JWKS URL, an issuer), GET only, every redirect
// hop checked like the URL itself, a time limit, and a body refused past a size cap.
import * as vscode from 'vscode';
import { checkJwksUrl, JWKS_MAX_REDIRECTS } from '../core';

export interface BoundedGet {
  /** The Accept header. */
  accept: string;
  /** The most the body may weigh, counted after decompression. */
  maxBytes: number;
  /** What is fetched, in words for a refusal ("a JWKS", "a discovery document"). */
  what: string;
  timeoutMs?: number;
  /** The URL the user named (the issuer, or the JWKS URL itself): decides whether this machine may be a target. */
  from?: string;
  /** Origins the user already agreed to (besides the first URL's). A hop elsewhere is asked about, or refused. */
  origins?: string[];
  /** Ask the user about a hop to another origin, naming the URL; without it such a hop is refused. */
  ask?: AskOrigin;
}

/** Ask the user whether `url`, on an origin they were not shown, may be fetched. True only on their yes. */
export type AskOrigin = (url: string) => Promise<boolean>;

/** The answer: its status (404 is an answer, not an error, so a caller can try the next URL) and its body. */
export interface BoundedAnswer {
  status: number;
  url: string;
  text?: string;
}

const TIMEOUT_MS = 10_000;

/**
 * GET a checked URL, following redirects by hand so that every hop passes checkJwksUrl (https, or http to this
 * machine; no credentials; no private, link-local or loopback target unless `from` is on this machine) — a redirect
 * may not lead through an address the user could not have added — and a hop to an origin the user was not shown is
 * fetched only after their yes (`ask`). The body is
 * read as a stream and refused past `maxBytes` after decompression, so a small gzip or an endless chunked answer
 * cannot fill memory. A 404 is returned (no body); any other failure throws with a reason in words.
 */
export async function fetchBounded(fetchUrl: typeof fetch, first: string, opts: BoundedGet): Promise<BoundedAnswer> {
  const controller = new AbortController();
  const timeout = opts.timeoutMs ?? TIMEOUT_MS;
  let timer = setTimeout(() => controller.abort(), timeout);
  // The time limit is the server's: it stops while the user reads a question about a hop, and starts again after.
  const ask = opts.ask && (async (url: string) => {
    clearTimeout(timer);
    try {
      return await opts.ask!(url);
    } finally {
      timer = setTimeout(() => controller.abort(), timeout);
    }
  });
  try {
    return await follow(fetchUrl, checkJwksUrl(first, opts.from ?? first), { ...opts, ask }, controller.signal);
  } catch (e) {
    if (controller.signal.aborted) throw new Error(vscode.l10n.t('no answer from {0} within {1} s', first, timeout / 1000));
    throw new Error(explainFetchError(e, first));
  } finally {
    clearTimeout(timer);
  }
}

async function follow(fetchUrl: typeof fetch, first: string, opts: BoundedGet, signal: AbortSignal): Promise<BoundedAnswer> {
  let url = first;
  const allowed = new Set([new URL(first).origin, ...(opts.origins ?? [])]);
  for (let hop = 0; ; hop++) {
    const res = await fetchUrl(url, { headers: { accept: opts.accept }, signal, redirect: 'manual', credentials: 'omit' });
    // A browser hides where a redirect goes (an opaque response), so its hops cannot be checked: refuse it.
    if (res.type === 'opaqueredirect') throw new Error(vscode.l10n.t('{0} redirects, and in the browser the hops cannot be checked: add the URL it redirects to instead', url));
    const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
    if (location !== null) {
      await res.body?.cancel();
      if (hop >= JWKS_MAX_REDIRECTS) throw new Error(vscode.l10n.t('more than {0} redirects', JWKS_MAX_REDIRECTS));
      const next = new URL(location, url).toString();
      try {
        url = checkJwksUrl(next, opts.from ?? first);
      } catch (e) {
        throw new Error(vscode.l10n.t('{0} redirects to {1}, which is refused: {2}', url, next, (e as Error).message));
      }
      const origin = new URL(url).origin;
      if (!allowed.has(origin)) {
        if (!opts.ask || !(await opts.ask(url))) throw new Error(vscode.l10n.t('a redirect leads to {0}, on another origin than the one you agreed to; it was not fetched', url));
        allowed.add(origin);
      }
      continue;
    }
    if (res.status === 404) {
      await res.body?.cancel();
      return { status: 404, url };
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(vscode.l10n.t('{0} answered {1} {2}', url, res.status, res.statusText));
    }
    return { status: res.status, url, text: await readCapped(res, opts) };
  }
}

/** A response body as text, refused as soon as it passes the cap (counted after decompression). */
async function readCapped(res: Response, opts: BoundedGet): Promise<string> {
  const cap = opts.maxBytes;
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > cap) {
    await res.body?.cancel();
    throw new Error(vscode.l10n.t('the response is {0} KiB, over the {1} KiB {2} may have', Math.ceil(declared / 1024), cap / 1024, opts.what));
  }
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      await reader.cancel();
      throw new Error(vscode.l10n.t('the response is over {0} KiB (after decompression); {1} is a few KiB', cap / 1024, opts.what));
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(bytes);
}

/** A failed fetch in words that say what to check ("nothing answered at … — is the issuer running?"). */
function explainFetchError(e: unknown, url: string): string {
  const err = e as Error & { cause?: { code?: string } };
  switch (err.cause?.code) {
    case 'ECONNREFUSED':
      return vscode.l10n.t('nothing answered at {0} — is the issuer running?', new URL(url).origin);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return vscode.l10n.t('the host {0} was not found — check the URL, and that this machine is online', new URL(url).host);
    case 'ECONNRESET':
      return vscode.l10n.t('{0} closed the connection', new URL(url).origin);
    default:
      return err.message;
  }
}
