/**
 * Typed errors of the workspace layer, each with a stable `code`, as the core's JwtWorkbenchError: adapters and tests
 * switch on `code`, never on message text. The message is for the user (it names the file or URL, never a key).
 */
import { isCoreError } from '../core';

export type WorkspaceErrorCode =
  /** A `.env` is not UTF-8 text. */
  | 'ERR_ENV_NOT_UTF8'
  /** A `.env` cannot be read. */
  | 'ERR_ENV_READ'
  /** A `.env` cannot be written (the editor refused, or the file system failed). */
  | 'ERR_ENV_WRITE'
  /** A `.env` is read-only, immutable or not the user's. */
  | 'ERR_ENV_READONLY'
  /** The `.env` to write is outside its workspace folder (a setting or a link points there). */
  | 'ERR_ENV_OUTSIDE'
  /** A workspace file is not read: outside its folder, not a regular file, or too large. */
  | 'ERR_FILE_REFUSED'
  /** A key source id that the extension did not list. */
  | 'ERR_SOURCE_NOT_LISTED'
  /** A fetch got no answer within its time limit. */
  | 'ERR_FETCH_TIMEOUT'
  /** A fetch failed on the network (nothing answered, no such host, connection reset). */
  | 'ERR_FETCH_NETWORK'
  /** The server answered an error status (404 where an answer was needed, 5xx, …). */
  | 'ERR_FETCH_STATUS'
  /** The answer is larger than what is fetched may weigh. */
  | 'ERR_FETCH_TOO_LARGE'
  /** A redirect leads to a URL that is refused (plain http elsewhere, a private or link-local address, …). */
  | 'ERR_FETCH_REDIRECT_REFUSED'
  /** More redirects than allowed. */
  | 'ERR_FETCH_TOO_MANY_REDIRECTS'
  /** A redirect or a jwks_uri on another origin than the one the user agreed to, and the user did not say yes. */
  | 'ERR_FETCH_OTHER_ORIGIN'
  /** In the browser a redirect's target is hidden, so its hops cannot be checked. */
  | 'ERR_FETCH_OPAQUE_REDIRECT'
  /** An issuer publishes no discovery document. */
  | 'ERR_DISCOVERY_NOT_FOUND';

export class WorkspaceError extends Error {
  readonly code: WorkspaceErrorCode;
  constructor(code: WorkspaceErrorCode, message: string) {
    super(message);
    this.name = 'WorkspaceError';
    this.code = code;
  }
}

/** True when `e` is a workspace error, optionally with the given code. */
export function isWorkspaceError(e: unknown, code?: WorkspaceErrorCode): e is WorkspaceError {
  return e instanceof WorkspaceError && (code === undefined || e.code === code);
}

/** The code of a typed error (the core's or the workspace's), else undefined. */
export function errorCode(e: unknown): string | undefined {
  return isCoreError(e) || isWorkspaceError(e) ? e.code : undefined;
}
