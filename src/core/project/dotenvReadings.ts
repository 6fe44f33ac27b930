import { parseEnv } from './dotenv';
import { parsePythonEnv } from './dotenvPython';

/**
 * A `.env` read as the project reads it — Node's dotenv or python-dotenv (Django's load_dotenv) — and how the other
 * reader's reading differs: the two disagree on backticks, `KEY: value` lines, a BOM and escapes, and a secret that
 * verifies in the editor but not in the app is the result.
 */

/** The reader a project loads its `.env` with. */
export type EnvDialect = 'python-dotenv' | 'dotenv';

/** The value of `name` in `.env` text as `dialect`'s reader reads it (undefined when it reads no such variable). */
export function envValue(text: string, name: string, dialect: EnvDialect): string | undefined {
  const vars: Record<string, string | null> = dialect === 'python-dotenv' ? parsePythonEnv(text) : parseEnv(text);
  return Object.prototype.hasOwnProperty.call(vars, name) ? (vars[name] ?? undefined) : undefined;
}

/** One variable as `dialect` reads it; `other` is the other reader's reading, present only when it differs. */
export interface EnvReading {
  value?: string;
  dialect: EnvDialect;
  other?: { dialect: EnvDialect; value?: string };
}

export function readBoth(text: string, name: string, dialect: EnvDialect): EnvReading {
  const value = envValue(text, name, dialect);
  const otherDialect: EnvDialect = dialect === 'dotenv' ? 'python-dotenv' : 'dotenv';
  const otherValue = envValue(text, name, otherDialect);
  return { value, dialect, ...(otherValue !== value ? { other: { dialect: otherDialect, value: otherValue } } : {}) };
}

/**
 * How the other reader's value differs from the one used, without either value: it reads no such variable, reads it
 * with the backticks the used reader strips, without the backticks the used reader keeps, or otherwise differently.
 */
export type EnvDisagreement = { kind: 'unread' } | { kind: 'withBackticks' } | { kind: 'withoutBackticks' } | { kind: 'differs'; length: number; otherLength: number };

export function envDisagreement(value: string | undefined, other: string | undefined): EnvDisagreement {
  if (other === undefined) return { kind: 'unread' };
  if (value !== undefined && other === `\`${value}\``) return { kind: 'withBackticks' };
  if (value !== undefined && `\`${other}\`` === value) return { kind: 'withoutBackticks' };
  return { kind: 'differs', length: value?.length ?? 0, otherLength: other.length };
}

/** Files whose presence beside the `.env` (or at the folder root) makes it a Python project's. */
export const PYTHON_MARKERS = ['manage.py', 'pyproject.toml', 'requirements.txt', 'setup.py', 'Pipfile'] as const;

/**
 * The reader of a directory's project, from the files in it: python-dotenv when a Python marker is there, dotenv
 * when a package.json is, undecided (look further up) otherwise.
 */
export function dialectOfProject(has: (file: string) => boolean): EnvDialect | undefined {
  if (PYTHON_MARKERS.some(has)) return 'python-dotenv';
  return has('package.json') ? 'dotenv' : undefined;
}
