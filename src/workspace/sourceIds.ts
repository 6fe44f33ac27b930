/**
 * Where a key comes from, as one typed value, and its text form: the id the pickers, the webview, the restored panel
 * state and the workspace's stored settings (the signing source, the secret encodings) carry. The text form is
 * persisted, so it never changes:
 *
 * | source | text |
 * |---|---|
 * | no key (decode only) | `none` |
 * | a variable of a folder's `.env` (index of the workspace folder; the `.env` path when not the folder's setting) | `env:0:JWT_SECRET`, `env:1:JWT_SECRET@api/.env` |
 * | a key file (PEM, JWK, JWKS) | `file:<uri>` |
 * | a file whose text is an HMAC secret | `secretfile:<uri>` |
 * | a key kept in SecretStorage | `secret:<name>` |
 * | a JWKS URL | `jwks:<url>` |
 * | trust anchors for x5c chains | `anchors:<uri>` |
 *
 * Imports nothing: it runs anywhere, and is unit-tested as it is.
 */
export type SourceId =
  | { kind: 'none' }
  | { kind: 'env'; folder: number; variable: string; envFile?: string }
  | { kind: 'file' | 'secretfile' | 'anchors'; uri: string }
  | { kind: 'secret'; name: string }
  | { kind: 'jwks'; url: string };

export type SourceKind = SourceId['kind'];

/** The text of "no key (decode only)". */
export const NO_KEY = 'none';

/** A variable name a `.env` id may carry: JWT_SECRET, SECRET_KEY, api.key, … */
const VARIABLE = /^[\w.-]+$/;
/** A folder index is written without leading zeros, so that one source has one text. */
const ENV_ID = /^env:(0|[1-9]\d*):([\w.-]+)(?:@(.+))?$/;
/** The kinds whose text form is `<kind>:<rest>`, `<rest>` taken as it is. */
const PREFIXED = ['file', 'secretfile', 'anchors', 'secret', 'jwks'] as const;

/** The source an id names, or undefined when it names none (any text from outside may come here). */
export function parseSourceId(id: string): SourceId | undefined {
  if (id === NO_KEY) return { kind: 'none' };
  const env = ENV_ID.exec(id);
  if (env) return { kind: 'env', folder: Number(env[1]), variable: env[2], ...(env[3] !== undefined ? { envFile: env[3] } : {}) };
  const colon = id.indexOf(':');
  if (colon < 0) return undefined;
  const kind = PREFIXED.find((k) => k === id.slice(0, colon));
  if (!kind) return undefined;
  const rest = id.slice(colon + 1);
  if (kind === 'secret') return { kind, name: rest };
  if (kind === 'jwks') return { kind, url: rest };
  return { kind, uri: rest };
}

/** The text form of a source: parseSourceId(formatSourceId(s)) is `s` again. */
export function formatSourceId(s: SourceId): string {
  switch (s.kind) {
    case 'none':
      return NO_KEY;
    case 'env': {
      const text = s.envFile === undefined ? `env:${s.folder}:${s.variable}` : `env:${s.folder}:${s.variable}@${s.envFile}`;
      if (!Number.isSafeInteger(s.folder) || !ENV_ID.test(text) || !VARIABLE.test(s.variable)) throw new RangeError('not a .env source');
      return text;
    }
    case 'secret':
      return `secret:${s.name}`;
    case 'jwks':
      return `jwks:${s.url}`;
    default:
      return `${s.kind}:${s.uri}`;
  }
}

/** The kind of source an id names (undefined for text that names none). */
export function sourceKind(id: string): SourceKind | undefined {
  return parseSourceId(id)?.kind;
}

/** A `.env` file at a folder's root that "which key" also reads: .env, .env.local, .env.staging, .env.production, … */
export const ROOT_ENV_FILE = /^\.env(?:\.[\w.-]+)?$/;

/** Whether `name` can be the variable of a `.env` source. */
export function isEnvVariableName(name: string): boolean {
  return VARIABLE.test(name);
}
