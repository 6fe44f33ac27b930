// The one way this extension fetches anything: a URL the user gave (a JWKS URL, an issuer), GET only, every redirect
// hop checked like the URL itself (core/fetchRules.ts), a time limit, and a body refused past a size cap.
import * as vscode from 'vscode';
import { checkJwksUrl } from '../core';
import { declaredTooLarge, FETCH_TIMEOUT_MS, judgeHop, networkFailure } from '../core/keys/fetchRules';
import { isWorkspaceError, WorkspaceError } from './errors';

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

/**
 * GET a checked URL, following redirects by hand so that every hop passes the fetch rules (judgeHop) — a redirect
 * may not lead through an address the user could not have added — and a hop to an origin the user was not shown is
 * fetched only after their yes (`ask`). The body is read as a stream and refused past `maxBytes` after
 * decompression, so a small gzip or an endless chunked answer cannot fill memory. A 404 is returned (no body); any
 * other failure throws a WorkspaceError (ERR_FETCH_…) with a reason in words; a refused first URL, the core's.
 */
export async function fetchBounded(fetchUrl: typeof fetch, first: string, opts: BoundedGet): Promise<BoundedAnswer> {
  const controller = new AbortController();
  const timeout = opts.timeoutMs ?? FETCH_TIMEOUT_MS;
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
  const url = checkJwksUrl(first, opts.from ?? first);
  try {
    return await follow(fetchUrl, url, { ...opts, ask }, controller.signal);
  } catch (e) {
    if (controller.signal.aborted) throw new WorkspaceError('ERR_FETCH_TIMEOUT', vscode.l10n.t('no answer from {0} within {1} s', first, timeout / 1000));
    if (isWorkspaceError(e)) throw e;
    throw networkError(e, first);
  } finally {
    clearTimeout(timer);
  }
}

async function follow(fetchUrl: typeof fetch, first: string, opts: BoundedGet, signal: AbortSignal): Promise<BoundedAnswer> {
  let url = first;
  const allowed = new Set([new URL(first).origin, ...(opts.origins ?? [])]);
  for (let hop = 0; ; hop++) {
    const res = await fetchUrl(url, { headers: { accept: opts.accept }, signal, redirect: 'manual', credentials: 'omit' });
    const outcome = judgeHop({ url, status: res.status, location: res.headers.get('location'), opaqueRedirect: res.type === 'opaqueredirect', hop }, { from: opts.from ?? first, allowed });
    if (outcome.kind === 'body') return { status: res.status, url, text: await readCapped(res, opts) };
    await res.body?.cancel();
    switch (outcome.kind) {
      case 'notFound':
        return { status: 404, url };
      case 'failed':
        throw new WorkspaceError('ERR_FETCH_STATUS', vscode.l10n.t('{0} answered {1} {2}', url, res.status, res.statusText));
      case 'opaqueRedirect':
        throw new WorkspaceError('ERR_FETCH_OPAQUE_REDIRECT', vscode.l10n.t('{0} redirects, and in the browser the hops cannot be checked: add the URL it redirects to instead', url));
      case 'tooManyRedirects':
        throw new WorkspaceError('ERR_FETCH_TOO_MANY_REDIRECTS', vscode.l10n.t('more than {0} redirects', outcome.max));
      case 'refusedTarget':
        throw new WorkspaceError('ERR_FETCH_REDIRECT_REFUSED', vscode.l10n.t('{0} redirects to {1}, which is refused: {2}', url, outcome.next, outcome.reason));
      case 'redirect':
        if (outcome.newOrigin) {
          if (!opts.ask || !(await opts.ask(outcome.url))) throw new WorkspaceError('ERR_FETCH_OTHER_ORIGIN', vscode.l10n.t('a redirect leads to {0}, on another origin than the one you agreed to; it was not fetched', outcome.url));
          allowed.add(new URL(outcome.url).origin);
        }
        url = outcome.url;
    }
  }
}

/** A response body as text, refused as soon as it passes the cap (counted after decompression). */
async function readCapped(res: Response, opts: BoundedGet): Promise<string> {
  const cap = opts.maxBytes;
  const declared = res.headers.get('content-length');
  if (declaredTooLarge(declared, cap)) {
    await res.body?.cancel();
    throw new WorkspaceError('ERR_FETCH_TOO_LARGE', vscode.l10n.t('the response is {0} KiB, over the {1} KiB {2} may have', Math.ceil(Number(declared) / 1024), cap / 1024, opts.what));
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
      throw new WorkspaceError('ERR_FETCH_TOO_LARGE', vscode.l10n.t('the response is over {0} KiB (after decompression); {1} is a few KiB', cap / 1024, opts.what));
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
function networkError(e: unknown, url: string): WorkspaceError {
  const err = e as Error & { cause?: { code?: string } };
  const say = (message: string) => new WorkspaceError('ERR_FETCH_NETWORK', message);
  switch (networkFailure(err.cause?.code)) {
    case 'refused':
      return say(vscode.l10n.t('nothing answered at {0} — is the issuer running?', new URL(url).origin));
    case 'noHost':
      return say(vscode.l10n.t('the host {0} was not found — check the URL, and that this machine is online', new URL(url).host));
    case 'reset':
      return say(vscode.l10n.t('{0} closed the connection', new URL(url).origin));
    default:
      return say(err.message);
  }
}
