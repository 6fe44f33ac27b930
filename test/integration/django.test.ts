// Issue 15 — the recipe end to end in a real Django 3.2 project (Debian python3-django): JWT: Add JWT Authentication
// to Django… on a copy of test/fixtures/django, JWT_SECRET written by Generate Secret, a token from Sign Selection
// with default settings, and the project's own `manage.py test api`. Also: the snippets as VS Code inserts them, and
// the .env read the way python-dotenv reads it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Inspection } from '../../src/core';
import { closeAllEditors, editorWith, folder, fsPath, inspectorView } from './helpers';

const PYTHON = '/usr/bin/python3';
const FIXTURE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'django');

describe('the recipe in a real Django project (issue 15)', function () {
  this.timeout(120_000);
  const dir = () => fsPath('djangoapp');
  const manage = () => vscode.Uri.file(path.join(dir(), 'manage.py'));
  before(() => {
    fs.rmSync(dir(), { recursive: true, force: true });
    fs.cpSync(FIXTURE, dir(), { recursive: true });
  });
  after(async () => {
    await closeAllEditors();
    fs.rmSync(dir(), { recursive: true, force: true });
  });

  it('Add JWT Authentication to Django… writes utils/, the settings and JWT_SECRET into the project\'s .env', async () => {
    const result = await vscode.commands.executeCommand<{ applied: boolean; created: string[] }>('jwtWorkbench.addDjangoAuth', { manage: manage(), apply: true });
    assert.equal(result?.applied, true);
    for (const f of ['utils/__init__.py', 'utils/jwt.py', 'utils/middleware.py']) assert.ok(fs.existsSync(path.join(dir(), f)), f);
    const settings = fs.readFileSync(path.join(dir(), 'mysite', 'settings.py'), 'utf8');
    assert.match(settings, /'utils\.middleware\.JWTAuthenticationMiddleware',/);
    assert.match(settings, new RegExp(`JWT_ISSUER = "${folder().name}"`), 'the issuer Sign Selection uses: the folder name');
    assert.match(settings, /load_dotenv\(BASE_DIR \/ "\.env"\)/);
    assert.match(fs.readFileSync(path.join(dir(), '.env'), 'utf8'), /^JWT_SECRET=[0-9a-f]{64}\n$/, 'Generate Secret wrote the project .env');
    // a second run adds nothing
    const again = await vscode.commands.executeCommand<{ applied: boolean }>('jwtWorkbench.addDjangoAuth', { manage: manage(), apply: true });
    assert.equal(again?.applied, false);
    assert.equal(fs.readFileSync(path.join(dir(), 'mysite', 'settings.py'), 'utf8'), settings);
  });

  it("a token from Sign Selection with default settings passes the project's middleware; manage.py test passes; generate_jwt's token verifies in the inspector", async () => {
    await editorWith('djangoapp/payload.txt', '{"user": "alice"}');
    const token = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
    assert.ok(token);
    const generated = path.join(dir(), 'generated.jwt');
    const r = spawnSync(PYTHON, ['manage.py', 'test', 'api', '-v', '2'], { cwd: dir(), env: { PATH: '/usr/bin:/bin', SIGNED_TOKEN: token, GENERATED_TOKEN_FILE: generated }, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    assert.match(`${r.stdout}${r.stderr}`, /Ran 11 tests[\s\S]*OK/);
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectToken', fs.readFileSync(generated, 'utf8'), vscode.Uri.file(path.join(dir(), 'api', 'views.py')).toString());
    assert.equal(ins?.verdict, 'verified', ins?.detail);
    assert.match((await inspectorView())!.keySource!, /djangoapp\/\.env JWT_SECRET/);
  });

  it('the .env is read as python-dotenv reads it in a Python project, and the inspector says where dotenv differs', async () => {
    fs.writeFileSync(path.join(dir(), '.env'), 'JWT_SECRET=`' + 'a'.repeat(64) + '`\n');
    const { signToken } = await import('../../src/core');
    const pythonReading = `\`${'a'.repeat(64)}\``;
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectToken', await signToken({ sub: 'x' }, pythonReading), vscode.Uri.file(path.join(dir(), 'api', 'views.py')).toString());
    assert.equal(ins?.verdict, 'verified', 'verified with the backticks kept, as Django reads it');
    const view = await inspectorView();
    assert.match(view?.keyNote ?? '', /dotenv reads JWT_SECRET without the backticks\. This project loads \.env with python-dotenv/);
    assert.ok(view?.inspection?.warnings.some((w) => w.code === 'env-dialect'));
    assert.ok(!JSON.stringify(view).includes('a'.repeat(64)), 'the note never shows the value');
  });
});

describe('the recipe snippets, as VS Code inserts them (issue 15.1)', () => {
  after(closeAllEditors);
  for (const [language, file, prefixes] of [['python', 'snippets.py', ['generate_jwt', 'verify_jwt', 'jwt_middleware']], ['typescript', 'snippets.ts', ['generateJwt', 'verifyJwt', 'jwtExpressMiddleware']]] as const) {
    for (const prefix of prefixes) {
      it(`${prefix}: offered in ${language}, inserted with the folder's issuer, complete on its own`, async () => {
        const editor = await editorWith(file, '');
        editor.selection = new vscode.Selection(0, 0, 0, 0);
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(0, 0));
        const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === prefix);
        assert.ok(item, `offered: ${prefix}`);
        await editor.insertSnippet(item.insertText as vscode.SnippetString);
        const text = editor.document.getText();
        assert.ok(text.includes(folder().name), 'the issuer is the folder name, as Sign Selection uses');
        if (language === 'python') {
          const r = spawnSync(PYTHON, ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: text, encoding: 'utf8' });
          assert.equal(r.status, 0, r.stderr);
          assert.match(text, /^import jwt$/m);
          if (prefix !== 'generate_jwt') assert.match(text, /"require": \["exp", "iat", "iss"\]/);
          if (prefix === 'jwt_middleware') assert.match(text, /"status": "error", "message": message/);
        } else {
          assert.match(text, /from 'jose';/);
          if (prefix !== 'generateJwt') assert.match(text, /requiredClaims: \['exp', 'iat', 'iss'\]/);
        }
      });
    }
  }
});
