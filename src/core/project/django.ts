/**
 * The recipe's last step — JWT authentication for a Django project — as text: the helper module, the middleware,
 * and the edits to settings.py, planned without touching a file (the command shows them in VS Code's refactor
 * preview). The snippets insert the same code. Every piece works on its own: its imports are in it, the secret comes
 * from `settings.JWT_SECRET` (read from `.env` in settings.py), the issuer is what Sign Selection puts in `iss`,
 * `exp` is required, and a refusal is the recipe's `{"status": "error", "message": …}` with status 401.
 */

import { pyString } from './literals';

const HEADER = (what: string) => `"""${what} Added by JWT Workbench (the Django + PyJWT recipe)."""`;

export const JWT_IMPORTS = ['import datetime', '', 'import jwt', 'from django.conf import settings'];

/** The issuer and audience that Sign Selection uses, as the settings read them (with the same defaults). */
const issuerExpr = (issuer: string) => `getattr(settings, "JWT_ISSUER", ${pyString(issuer)})`;

export const TOKEN_ERROR = [
  'class TokenError(Exception):',
  '    """A token to refuse; str(error) is the recipe\'s answer: "Token has expired." or "Token is invalid."."""',
];

export const GENERATE = (issuer: string) => [
  'def generate_jwt(user, lifetime=datetime.timedelta(days=1)):',
  '    """A token for `user` (a username), valid for `lifetime`: the claims JWT: Sign Selection makes."""',
  '    now = datetime.datetime.now(tz=datetime.timezone.utc)',
  `    payload = {"user": user, "exp": now + lifetime, "iat": now, "iss": ${issuerExpr(issuer)}}`,
  '    return jwt.encode(payload, settings.JWT_SECRET, algorithm="HS256")',
];

export const VERIFY = (issuer: string) => [
  'def verify_jwt(token):',
  '    """The claims of a valid token; raises TokenError("Token has expired.") or TokenError("Token is invalid.")."""',
  '    try:',
  '        return jwt.decode(',
  '            token,',
  '            settings.JWT_SECRET,',
  '            algorithms=["HS256"],',
  `            issuer=${issuerExpr(issuer)},`,
  '            audience=getattr(settings, "JWT_AUDIENCE", None),',
  '            options={"require": ["exp", "iat", "iss"]},',
  '        )',
  '    except jwt.ExpiredSignatureError:',
  '        raise TokenError("Token has expired.")',
  '    except jwt.InvalidTokenError:',
  '        raise TokenError("Token is invalid.")',
];

export const MIDDLEWARE_CLASS = [
  'def _refuse(message):',
  '    return JsonResponse({"status": "error", "message": message}, status=401)',
  '',
  '',
  'class JWTAuthenticationMiddleware:',
  '    """Every request needs "Authorization: Bearer <token>", except OPTIONS (CORS preflight), the paths in',
  '    settings.JWT_AUTH_EXEMPT (the login route that issues tokens) and URLs that are no route (Django answers 404)."""',
  '',
  '    def __init__(self, get_response):',
  '        self.get_response = get_response',
  '',
  '    def __call__(self, request):',
  '        if request.method == "OPTIONS" or self._exempt(request.path_info):',
  '            return self.get_response(request)',
  '        header = request.headers.get("Authorization", "")',
  '        if not header:',
  '            return _refuse("Authentication required.")',
  '        scheme, _, token = header.partition(" ")',
  '        if scheme.lower() != "bearer" or not token.strip():',
  '            return _refuse("Token is invalid.")',
  '        try:',
  '            request.jwt = verify_jwt(token.strip())',
  '        except TokenError as error:',
  '            return _refuse(str(error))',
  '        return self.get_response(request)',
  '',
  '    @staticmethod',
  '    def _exempt(path):',
  '        if any(path.startswith(prefix) for prefix in getattr(settings, "JWT_AUTH_EXEMPT", ["/login/"])):',
  '            return True',
  '        try:',
  '            resolve(path)',
  '        except Resolver404:',
  '            return True',
  '        return False',
];

export const MIDDLEWARE_IMPORTS = ['from django.conf import settings', 'from django.http import JsonResponse', 'from django.urls import Resolver404, resolve'];

export const lines = (...blocks: string[][]) => blocks.map((b) => b.join('\n')).join('\n\n\n') + '\n';

/** `utils/jwt.py`: TokenError, generate_jwt, verify_jwt. */
export function djangoJwtModule(issuer: string): string {
  return `${HEADER('JWT helpers: generate_jwt and verify_jwt (PyJWT).')}\n${lines(JWT_IMPORTS, TOKEN_ERROR, GENERATE(issuer), VERIFY(issuer))}`;
}

/** `utils/middleware.py`: the middleware, using utils/jwt.py. */
export function djangoMiddlewareModule(): string {
  return `${HEADER('JWT authentication middleware.')}\n${lines(MIDDLEWARE_IMPORTS, ['from .jwt import TokenError, verify_jwt'], MIDDLEWARE_CLASS)}`;
}

/** The settings module a `manage.py` names (`DJANGO_SETTINGS_MODULE`), e.g. "mysite.settings". */
export function djangoSettingsModule(manageText: string): string | undefined {
  return /DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([\w.]+)['"]/.exec(manageText)?.[1];
}

/** One insertion into settings.py: at `offset` of the original text. */
export interface TextInsertion {
  offset: number;
  text: string;
  /** What it is, for the preview. */
  label: string;
}

export interface DjangoAuthPlan {
  settings: TextInsertion[];
  /** Paths relative to the directory of manage.py, with their text; only files that do not exist yet. */
  files: { path: string; text: string }[];
  /** Why some part was left out (already there). */
  skipped: string[];
}

export interface DjangoAuthInput {
  settingsText: string;
  /** The root URLconf's text, to find the login route to exempt. */
  urlsText?: string;
  issuer: string;
  audience?: string;
  /** The files that exist already (relative to manage.py's directory). */
  existing: string[];
}

const MIDDLEWARE_ENTRY = 'utils.middleware.JWTAuthenticationMiddleware';

/** Login-like routes in a URLconf (`path("login/", …)`, `path("api/token/", …)`), as path prefixes. */
export function loginRoutes(urlsText: string | undefined): string[] {
  const found = new Set<string>();
  // The route is read whole, then asked for a login-like word: one regular expression doing both backtracked over
  // every occurrence of the word (a repository's urls.py; 200 KB of "login" took ~40 s).
  for (const m of (urlsText ?? '').matchAll(/\b(?:re_)?path\(\s*r?['"]\^?([\w/.-]*)\$?['"]/gi)) if (/login|token|signin|auth/i.test(m[1])) found.add(`/${m[1].replace(/^\//, '')}`);
  return found.size ? [...found] : ['/login/'];
}

/**
 * The text of the first `INSTALLED_APPS = [ … ]` (or `( … )`), up to its first closing bracket; '' when there is
 * none. Found with indexOf after the header: a lazy regular expression rescanned the rest for every unclosed one.
 */
function installedApps(settingsText: string): string {
  const header = /^INSTALLED_APPS\s*=\s*[[(]/m.exec(settingsText);
  if (!header) return '';
  const from = header.index + header[0].length;
  const ends = [settingsText.indexOf(']', from), settingsText.indexOf(')', from)].filter((i) => i >= 0);
  return ends.length ? settingsText.slice(from, Math.min(...ends)) : '';
}

/** `p` without its leading and trailing slashes, without a backtracking /\/+$/. */
function trimSlashes(p: string): string {
  let start = 0;
  let end = p.length;
  while (start < end && p[start] === '/') start++;
  while (end > start && p[end - 1] === '/') end--;
  return p.slice(start, end);
}

/** A path prefix the middleware lets through without a token, and why. */
export interface ExemptPath {
  path: string;
  why: 'the login route' | 'the Django admin, which has its own login' | 'static files';
}

/**
 * What the middleware lets through without a token: the login routes, and — when `django.contrib.admin` is
 * installed — the admin's prefix from the URLconf (it has its own session login) and STATIC_URL (its CSS and
 * scripts), so that adding JWT authentication never locks the admin out.
 */
export function exemptPaths(settingsText: string, urlsText: string | undefined): ExemptPath[] {
  const out: ExemptPath[] = loginRoutes(urlsText).map((path) => ({ path, why: 'the login route' }));
  const apps = installedApps(settingsText);
  if (!/(['"])django\.contrib\.admin\1/.test(apps)) return out;
  const admin = /\b(?:re_)?path\(\s*r?['"]\^?([\w/.-]*)['"]\s*,\s*admin\.site\.urls/.exec(urlsText ?? '')?.[1] ?? 'admin/';
  const prefix = (p: string) => trimSlashes(p);
  // A prefix of "/" would let every request through: the admin or static files at the root stay behind the token.
  if (prefix(admin)) out.push({ path: `/${prefix(admin)}/`, why: 'the Django admin, which has its own login' });
  const stat = /^STATIC_URL\s*=\s*['"]([\w/.-]+)['"]/m.exec(settingsText)?.[1];
  if (stat && prefix(stat)) out.push({ path: `/${prefix(stat)}/`, why: 'static files' });
  return out;
}

/**
 * Plan the change: create utils/__init__.py, utils/jwt.py and utils/middleware.py where missing; in settings.py add
 * the middleware to MIDDLEWARE (after AuthenticationMiddleware, in the list's own indentation and quotes), the
 * JWT_* settings, and python-dotenv loading when nothing loads `.env` yet. Format-preserving insertions only;
 * nothing already there is added twice.
 */
export function planDjangoAuth(input: DjangoAuthInput): DjangoAuthPlan {
  const s = input.settingsText;
  const eol = s.includes('\r\n') ? '\r\n' : '\n';
  const plan: DjangoAuthPlan = { settings: [], files: [], skipped: [] };
  const want: [string, string][] = [
    ['utils/__init__.py', ''],
    ['utils/jwt.py', djangoJwtModule(input.issuer)],
    ['utils/middleware.py', djangoMiddlewareModule()],
  ];
  for (const [path, text] of want) {
    if (input.existing.includes(path)) plan.skipped.push(`${path} exists`);
    else plan.files.push({ path, text });
  }
  planEnvLoading(s, eol, plan);
  planMiddleware(s, eol, plan);
  planSettings(input, eol, plan);
  return plan;
}

/** `import os` and python-dotenv's load_dotenv, unless the project already loads .env (python-dotenv, django-environ, decouple). */
function planEnvLoading(s: string, eol: string, plan: DjangoAuthPlan): void {
  // After the last top-level import (a settings module starts with its docstring, which must stay first).
  let afterImports = 0;
  for (const m of s.matchAll(/^(?:from [\w.]+ import [^\n]+|import [^\n]+)\r?\n/gm)) afterImports = m.index! + m[0].length;
  const imports = /^import os\b/m.test(s) ? [] : ['import os'];
  const loadsEnv = /\bload_dotenv\b|\bdotenv\b|\bread_env\b|\bdecouple\b/.test(s);
  if (!loadsEnv) imports.push('from dotenv import load_dotenv');
  else plan.skipped.push('settings.py already loads .env');
  if (imports.length) plan.settings.push({ offset: afterImports, text: imports.join(eol) + eol, label: imports.join(', ') });
  if (loadsEnv) return;
  const base = /^BASE_DIR\s*=.*$/m.exec(s);
  const call = base ? `${eol}load_dotenv(BASE_DIR / ".env")  # JWT_SECRET and other secrets, from the project's .env${eol}` : `${eol}load_dotenv(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".env"))${eol}`;
  const lineEnd = (offset: number) => {
    const i = s.indexOf('\n', offset);
    return i < 0 ? s.length : i + 1;
  };
  plan.settings.push({ offset: base ? lineEnd(base.index) : afterImports, text: call, label: 'load .env' });
}

/** The MIDDLEWARE entry: after AuthenticationMiddleware, in the list's own indentation and quotes, else at its end. */
function planMiddleware(s: string, eol: string, plan: DjangoAuthPlan): void {
  const mw = /^MIDDLEWARE\s*=\s*\[/m.exec(s);
  if (s.includes('JWTAuthenticationMiddleware')) {
    plan.skipped.push('MIDDLEWARE already has JWTAuthenticationMiddleware');
    return;
  }
  if (!mw) {
    plan.skipped.push('no MIDDLEWARE list found: add utils.middleware.JWTAuthenticationMiddleware yourself');
    return;
  }
  const close = s.indexOf(']', mw.index);
  const body = s.slice(mw.index, close);
  const auth = /^([ \t]*)(['"])django\.contrib\.auth\.middleware\.AuthenticationMiddleware\2,?[^\n]*\n/m.exec(body);
  const anyEntry = /^([ \t]*)(['"])[\w.]+\2/m.exec(body);
  const indent = auth?.[1] ?? anyEntry?.[1] ?? '    ';
  const quote = auth?.[2] ?? anyEntry?.[2] ?? "'";
  const entry = `${indent}${quote}${MIDDLEWARE_ENTRY}${quote},${eol}`;
  if (auth) {
    plan.settings.push({ offset: mw.index + auth.index + auth[0].length, text: entry, label: 'MIDDLEWARE entry' });
    return;
  }
  // Before the closing bracket, on its own line; the last entry gets its comma if it lacks one.
  const lastEntry = /(['"])[\w.]+\1(\s*)$/.exec(body);
  if (lastEntry) plan.settings.push({ offset: mw.index + lastEntry.index + lastEntry[0].length - lastEntry[2].length, text: ',', label: 'comma' });
  const lineStart = s.lastIndexOf('\n', close - 1) + 1;
  const ownLine = /^\s*$/.test(s.slice(lineStart, close));
  plan.settings.push({ offset: ownLine ? lineStart : close, text: ownLine ? entry : `${eol}${entry}`, label: 'MIDDLEWARE entry' });
}

/** The JWT_* settings that are missing, at the end of settings.py. */
function planSettings(input: DjangoAuthInput, eol: string, plan: DjangoAuthPlan): void {
  const s = input.settingsText;
  const settingsLines: string[] = [];
  if (!/^JWT_SECRET\s*=/m.test(s)) settingsLines.push('JWT_SECRET = os.environ["JWT_SECRET"]  # JWT: Generate Secret into .env writes it');
  if (!/^JWT_ISSUER\s*=/m.test(s)) settingsLines.push(`JWT_ISSUER = ${pyString(input.issuer)}  # what JWT: Sign Selection puts in "iss"`);
  if (!/^JWT_AUDIENCE\s*=/m.test(s)) settingsLines.push(`JWT_AUDIENCE = ${input.audience ? pyString(input.audience) : 'None'}`);
  const exempt = exemptPaths(s, input.urlsText);
  const exemptNote = exempt.map((e) => `${e.path} (${e.why})`).join('; ');
  if (!/^JWT_AUTH_EXEMPT\s*=/m.test(s)) settingsLines.push(`JWT_AUTH_EXEMPT = [${exempt.map((e) => pyString(e.path)).join(', ')}]  # no token needed: ${exemptNote}`);
  if (!settingsLines.length) {
    plan.skipped.push('the JWT_* settings exist');
    return;
  }
  const sep = s.endsWith('\n') ? '' : eol;
  const label = /^JWT_AUTH_EXEMPT\s*=/m.test(s) ? 'JWT settings' : `JWT settings — no token needed for ${exemptNote}`;
  plan.settings.push({ offset: s.length, text: `${sep}${eol}# JWT authentication (JWT Workbench)${eol}${settingsLines.join(eol)}${eol}`, label });
}

/** Apply a plan's insertions to the settings text (for tests, and to show the result). */
export function applyInsertions(text: string, insertions: TextInsertion[]): string {
  let out = '';
  let at = 0;
  for (const i of [...insertions].sort((a, b) => a.offset - b.offset)) {
    out += text.slice(at, i.offset) + i.text;
    at = i.offset;
  }
  return out + text.slice(at);
}
