// Issue 22 (10–16) and 21.7 — what a new user met in the real workbench, driven through the commands and the
// files they write: the Django plan with the admin, the refactor preview, the walkthrough, feedback, SSH keys, and
// a python-dotenv project's .env.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, fsPath } from './helpers';

const PYTHON = '/usr/bin/python3';
const FIXTURE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'django');

/** python-dotenv's own reading of one variable of a file (Debian python3-dotenv), null when it reads none. */
function pythonDotenvValue(file: string, name: string): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import dotenv,json,sys; print(json.dumps(dotenv.dotenv_values(sys.argv[1]).get(sys.argv[2])))', file, name], { env: { PATH: '/usr/bin:/bin' }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as string | null;
}

describe('Generate Secret in a python-dotenv project writes a line python-dotenv reads (21.7)', function () {
  this.timeout(60_000);
  const dir = () => fsPath('dotenvapp');
  before(() => {
    fs.rmSync(dir(), { recursive: true, force: true });
    fs.cpSync(FIXTURE, dir(), { recursive: true });
  });
  after(async () => {
    await closeAllEditors();
    fs.rmSync(dir(), { recursive: true, force: true });
  });
  for (const [name, text] of [
    ['the colon form', 'DEBUG=1\nJWT_SECRET: old-value\nOTHER=2\n'],
    ['a backtick-quoted value', 'JWT_SECRET=`old-value`\nOTHER=2\n'],
    ['a BOM before the first line', '\uFEFFJWT_SECRET=old-value\nOTHER=2\n'],
  ] as const) {
    it(`${name}: python-dotenv reads the new secret, other lines are kept`, async () => {
      const env = path.join(dir(), '.env');
      fs.writeFileSync(env, text);
      const result = await vscode.commands.executeCommand<{ rewritten?: boolean }>('jwtWorkbench.generateSecret', { for: vscode.Uri.file(env), replace: true, throwOnError: true });
      assert.ok(result, 'written');
      const value = pythonDotenvValue(env, 'JWT_SECRET');
      assert.match(value ?? 'None', /^[0-9a-f]{64}$/, `python-dotenv reads ${JSON.stringify(value)} from ${JSON.stringify(fs.readFileSync(env, 'utf8'))}`);
      assert.equal(pythonDotenvValue(env, 'OTHER'), '2');
      assert.equal(result.rewritten, true, 'the command says the line was rewritten');
      assert.match(fs.readFileSync(env, 'utf8'), /^JWT_SECRET=[0-9a-f]{64}$/m);
    });
  }
});

describe('Add JWT Authentication to Django…: the Refactor Preview and the admin (22.10, 22.11)', function () {
  this.timeout(120_000);
  const dir = () => fsPath('previewapp');
  const manage = () => vscode.Uri.file(path.join(dir(), 'manage.py'));
  beforeEach(() => {
    fs.rmSync(dir(), { recursive: true, force: true });
    fs.cpSync(FIXTURE, dir(), { recursive: true });
  });
  after(async () => {
    await closeAllEditors();
    fs.rmSync(dir(), { recursive: true, force: true });
  });

  /** Run the command with its preview, and answer the preview with `answer` once it is up. */
  async function withPreview(answer: 'refactorPreview.apply' | 'refactorPreview.discard') {
    const running = vscode.commands.executeCommand<{ applied: boolean; created: string[]; message?: string }>('jwtWorkbench.addDjangoAuth', { manage: manage() });
    let settled = false;
    void running.then(() => (settled = true), () => (settled = true));
    for (let i = 0; i < 50 && !settled; i++) {
      await new Promise((r) => setTimeout(r, 300));
      await vscode.commands.executeCommand(answer).then(undefined, () => undefined);
    }
    return running;
  }

  it('Apply in the preview writes the proposed changes (they start ticked); the admin and static files are exempt', async () => {
    const result = await withPreview('refactorPreview.apply');
    assert.equal(result?.applied, true, result?.message);
    for (const f of ['utils/jwt.py', 'utils/middleware.py']) assert.ok(fs.existsSync(path.join(dir(), f)), f);
    const settings = fs.readFileSync(path.join(dir(), 'mysite', 'settings.py'), 'utf8');
    assert.match(settings, /'utils\.middleware\.JWTAuthenticationMiddleware',/);
    assert.match(settings, /^JWT_AUTH_EXEMPT = \["\/login\/", "\/admin\/", "\/static\/"\]/m);
    assert.match(fs.readFileSync(path.join(dir(), '.env'), 'utf8'), /^JWT_SECRET=[0-9a-f]{64}$/m);
  });

  it('Discarding the preview writes nothing and says so', async () => {
    const before = fs.readFileSync(path.join(dir(), 'mysite', 'settings.py'), 'utf8');
    const result = await withPreview('refactorPreview.discard');
    assert.equal(result?.applied, false);
    assert.match(result?.message ?? '', /^Nothing was applied/);
    assert.equal(fs.readFileSync(path.join(dir(), 'mysite', 'settings.py'), 'utf8'), before);
    assert.ok(!fs.existsSync(path.join(dir(), 'utils', 'jwt.py')));
  });
});
