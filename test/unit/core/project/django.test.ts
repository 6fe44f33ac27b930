// The Django plan on a real Django 3.2 project (Debian python3-django): applied to a copy of test/fixtures/django,
// the project's own `manage.py test api` must pass — the recipe end to end at the core's level. The integration
// suite does the same through the command, VS Code's edit and Generate Secret.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyInsertions, djangoSettingsModule, exemptPaths, generateSecret, inspectToken, parsePythonEnv, planDjangoAuth, pythonSnippets, signToken, upsertEnvVar } from '../../../../src/core';
import { FIXTURES } from '../keyFixtures';

const PYTHON = '/usr/bin/python3';
const ISSUER = 'workspace';

function copyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-django-'));
  fs.cpSync(path.join(FIXTURES, 'django'), dir, { recursive: true });
  return dir;
}

function apply(dir: string, issuer = ISSUER): void {
  const settingsPath = path.join(dir, 'mysite', 'settings.py');
  const plan = planDjangoAuth({ settingsText: fs.readFileSync(settingsPath, 'utf8'), urlsText: fs.readFileSync(path.join(dir, 'mysite', 'urls.py'), 'utf8'), issuer, existing: [] });
  fs.writeFileSync(settingsPath, applyInsertions(fs.readFileSync(settingsPath, 'utf8'), plan.settings));
  for (const f of plan.files) {
    fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    fs.writeFileSync(path.join(dir, f.path), f.text);
  }
}

function manageTest(dir: string, env: Record<string, string>): { status: number | null; output: string } {
  const r = spawnSync(PYTHON, ['manage.py', 'test', 'api', '-v', '2'], { cwd: dir, env: { PATH: '/usr/bin:/bin', ...env }, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('core/django: Add JWT Authentication, applied to a real Django project', function () {
  this.timeout(120_000);
  let dir = '';
  let secret = '';
  before(() => {
    dir = copyProject();
    apply(dir);
    secret = generateSecret();
    fs.writeFileSync(path.join(dir, '.env'), upsertEnvVar('# secrets\n', 'JWT_SECRET', secret).text);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the settings module in manage.py', () => {
    assert.equal(djangoSettingsModule(fs.readFileSync(path.join(FIXTURES, 'django', 'manage.py'), 'utf8')), 'mysite.settings');
  });

  it("the project's own manage.py test passes: Sign Selection's token 200, expired/tampered/none/no exp/other iss/no header 401, login, the admin and OPTIONS not 401, 404 stays 404", async () => {
    const token = await signToken({ user: 'alice' }, parsePythonEnv(fs.readFileSync(path.join(dir, '.env'), 'utf8')).JWT_SECRET!, { issuer: ISSUER });
    const generated = path.join(dir, 'generated.jwt');
    const r = manageTest(dir, { SIGNED_TOKEN: token, GENERATED_TOKEN_FILE: generated });
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /Ran 11 tests/);
    // and the token the project's generate_jwt made verifies in the inspector's core, with the .env secret
    const ins = await inspectToken(fs.readFileSync(generated, 'utf8'), { key: secret, issuer: ISSUER });
    assert.equal(ins.verdict, 'verified', ins.detail);
    assert.equal((ins.payload as { user?: string }).user, 'carol');
  });

  it('with django.contrib.admin installed, the admin and static files need no token, and the plan says so', () => {
    const settingsText = fs.readFileSync(path.join(FIXTURES, 'django', 'mysite', 'settings.py'), 'utf8');
    const urlsText = fs.readFileSync(path.join(FIXTURES, 'django', 'mysite', 'urls.py'), 'utf8');
    assert.deepEqual(exemptPaths(settingsText, urlsText).map((e) => e.path), ['/login/', '/admin/', '/static/']);
    const label = planDjangoAuth({ settingsText, urlsText, issuer: ISSUER, existing: [] }).settings.find((i) => i.label.startsWith('JWT settings'))?.label ?? '';
    assert.match(label, /no token needed for \/login\/ \(the login route\); \/admin\/ \(the Django admin, which has its own login\); \/static\/ \(static files\)/);
    // without the admin app, only the login route; an admin or STATIC_URL at the root never exempts everything
    assert.deepEqual(exemptPaths(settingsText.replace("'django.contrib.admin',", ''), urlsText).map((e) => e.path), ['/login/']);
    assert.deepEqual(exemptPaths(settingsText.replace("STATIC_URL = '/static/'", "STATIC_URL = '/'"), urlsText.replace("path('admin/'", "path(''")).map((e) => e.path), ['/login/']);
    assert.deepEqual(exemptPaths(settingsText, urlsText.replace("path('admin/'", "path('backoffice/'")).map((e) => e.path), ['/login/', '/backoffice/', '/static/']);
  });

  it('planning again adds nothing: every part is already there', () => {
    const settingsText = fs.readFileSync(path.join(dir, 'mysite', 'settings.py'), 'utf8');
    const again = planDjangoAuth({ settingsText, issuer: ISSUER, existing: ['utils/__init__.py', 'utils/jwt.py', 'utils/middleware.py'] });
    assert.deepEqual(again.settings, []);
    assert.deepEqual(again.files, []);
    assert.equal(settingsText.match(/JWTAuthenticationMiddleware/g)?.length, 1);
  });

  it('keeps the settings format: the middleware goes after AuthenticationMiddleware, in its quotes and indentation; CRLF stays CRLF', () => {
    const original = fs.readFileSync(path.join(FIXTURES, 'django', 'mysite', 'settings.py'), 'utf8');
    const after = applyInsertions(original, planDjangoAuth({ settingsText: original, issuer: 'x', existing: [] }).settings);
    assert.match(after, /    'django\.contrib\.auth\.middleware\.AuthenticationMiddleware',\n    'utils\.middleware\.JWTAuthenticationMiddleware',\n/);
    assert.ok(after.startsWith(original.slice(0, original.indexOf('from pathlib'))), 'the docstring stays first');
    assert.match(after, /from pathlib import Path\nimport os\nfrom dotenv import load_dotenv\n/);
    assert.match(after, /BASE_DIR = Path\(__file__\)\.resolve\(\)\.parent\.parent\n\nload_dotenv\(BASE_DIR \/ "\.env"\)/);
    const crlf = original.replace(/\n/g, '\r\n');
    const afterCrlf = applyInsertions(crlf, planDjangoAuth({ settingsText: crlf, issuer: 'x', existing: [] }).settings);
    assert.ok(!/[^\r]\n/.test(afterCrlf), 'no bare LF');
    // every original line is still there, in order
    const kept = afterCrlf.split('\r\n');
    let i = 0;
    for (const line of crlf.split('\r\n')) i = kept.indexOf(line, i) + 1;
    assert.ok(i > 0);
  });

  it('each Python snippet compiles on its own (imports included), as VS Code inserts it', () => {
    for (const s of pythonSnippets('my app "quoted"')) {
      const text = s.body.replace(/\$0$/, '').replace(/\\([\\$}])/g, '$1');
      const r = spawnSync(PYTHON, ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: text, encoding: 'utf8' });
      assert.equal(r.status, 0, `${s.prefix}: ${r.stderr}`);
      assert.ok(text.includes('"my app \\"quoted\\""'), `${s.prefix} carries the issuer as a Python string`);
    }
  });
});

describe('core/django: a repository\'s urls.py and settings.py cannot freeze Add JWT Authentication', function () {
  // Each was a backtracking regular expression over the project's text: 200 KB of "login" in one path() took ~40 s,
  // an admin prefix of 200,000 slashes minutes, 20,000 unclosed INSTALLED_APPS lines seconds. Files are read up to 1 MiB.
  const settings = (apps: string) => `${apps}\nINSTALLED_APPS = ['django.contrib.admin']\nSTATIC_URL = '/static/'\n`;
  it('200 KB of "login" in one route, 200,000 slashes before the admin\'s prefix, 20,000 unclosed INSTALLED_APPS: linear, the right answer', () => {
    assert.deepEqual(exemptPaths(settings(''), `path('${'login'.repeat(40_000)}`).map((e) => e.path), ['/login/', '/admin/', '/static/']);
    assert.deepEqual(exemptPaths(settings(''), `path('${'/'.repeat(200_000)}x', admin.site.urls)`).map((e) => e.path), ['/login/', '/x/', '/static/']);
    assert.deepEqual(exemptPaths(settings(''), `path('${'login/'.repeat(3)}', v)`).map((e) => e.path), ['/login/login/login/', '/admin/', '/static/']);
    assert.deepEqual(exemptPaths(`${'INSTALLED_APPS = [\n'.repeat(20_000)}`, 'path(\'admin/\', admin.site.urls)').map((e) => e.path), ['/login/']);
  });
});
