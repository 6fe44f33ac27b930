/**
 * Typed errors of the core, each with a stable `code`. Adapters switch on `code`, never on message text.
 * Messages never contain a secret, a private key or a whole token.
 */
export type CoreErrorCode =
  | 'ERR_PAYLOAD_SYNTAX'
  | 'ERR_PAYLOAD_NOT_OBJECT'
  | 'ERR_PAYLOAD_EMPTY'
  | 'ERR_KEY_FORMAT'
  | 'ERR_KEY_ALG_MISMATCH'
  | 'ERR_KEY_NOT_PRIVATE'
  | 'ERR_ALG_UNSUPPORTED'
  | 'ERR_LIFETIME_FORMAT'
  | 'ERR_CLAIMS_TYPE'
  | 'ERR_JWKS_URL'
  | 'ERR_JWKS_RESPONSE'
  | 'ERR_DISCOVERY'
  | 'ERR_TRUST_ANCHORS'
  | 'ERR_RESIGN';

/** Base class of every error the core throws on bad input (programmer misuse throws TypeError/RangeError). */
export class JwtWorkbenchError extends Error {
  readonly code: CoreErrorCode;
  constructor(code: CoreErrorCode, message: string) {
    super(message);
    this.name = 'JwtWorkbenchError';
    this.code = code;
  }
}

/** A key that cannot be read, and why. */
export const keyError = (message: string) => new JwtWorkbenchError('ERR_KEY_FORMAT', message);

/** The selection could not be read as a payload; `line` and `column` are 1-based and point into the parsed text. */
export class PayloadSyntaxError extends JwtWorkbenchError {
  readonly line: number;
  readonly column: number;
  /** The text would be a payload but for code in a value (`user.username`): the message names it. */
  readonly holdsCode: boolean;
  /** What is wrong, without where (the message adds the line and column in the parsed text). */
  readonly reason: string;
  constructor(message: string, line: number, column: number, holdsCode = false) {
    super('ERR_PAYLOAD_SYNTAX', `${message} (line ${line}, column ${column})`);
    this.reason = message;
    this.name = 'PayloadSyntaxError';
    this.line = line;
    this.column = column;
    this.holdsCode = holdsCode;
  }
}

/** True when `e` is a core error, optionally with the given code. */
export function isCoreError(e: unknown, code?: CoreErrorCode): e is JwtWorkbenchError {
  return e instanceof JwtWorkbenchError && (code === undefined || e.code === code);
}
