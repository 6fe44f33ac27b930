// Issue 22 (10–16) and 21.7 — what a new user met in the real workbench, driven through the commands and the
// files they write: the Django plan with the admin, the refactor preview, the walkthrough, feedback, SSH keys, and
// a python-dotenv project's .env.
import * as assert from 'node:assert/strict';
import * as childProcess from 'node:child_process';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as dpop from 'dpop';
import * as vscode from 'vscode';
import { closeAllEditors, commandError, commandResult, editorWith, fsPath } from './helpers';

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
      const result = await commandResult<{ rewritten?: boolean }>('jwtWorkbench.generateSecret', { for: vscode.Uri.file(env), replace: true });
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

describe('feedback that was missing or raw (22.14)', function () {
  this.timeout(60_000);
  afterEach(closeAllEditors);

  it('a read-only .env: the error says what to do, not the raw EPERM', async function () {
    const env = fsPath('.env');
    fs.writeFileSync(env, 'JWT_SECRET=old\n');
    try {
      childProcess.execFileSync('chattr', ['+i', env], { stdio: 'ignore' });
    } catch {
      this.skip(); // no chattr here: nothing makes the file unwritable for root
    }
    try {
      const shown = await commandError('jwtWorkbench.generateSecret', { replace: true });
      assert.equal(shown.code, 'ERR_ENV_READONLY');
      assert.doesNotMatch(shown.message, /EPERM|operation not permitted/);
      assert.ok(shown.message.includes('chmod u+w .env') && shown.message.includes('chattr -i .env'), `says what to do: ${shown.message}`);
      assert.equal(fs.readFileSync(env, 'utf8'), 'JWT_SECRET=old\n');
    } finally {
      childProcess.execFileSync('chattr', ['-i', env], { stdio: 'ignore' });
    }
  });

  it('Sign with the cursor in a dict that holds code points at the code, as selecting the dict does', async () => {
    fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${'c'.repeat(64)}\n`);
    const text = "def view(request):\n    payload = {'user': user.username, 'is_staff': False}\n    return payload\n";
    const editor = await editorWith('codeInDict.py', text, "'is_staff'");
    const cursor = editor.document.positionAt(text.indexOf("'is_staff'"));
    editor.selection = new vscode.Selection(cursor, cursor);
    assert.equal(await vscode.commands.executeCommand('jwtWorkbench.signSelection'), undefined);
    const at = editor.document.positionAt(text.indexOf('user.username'));
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [at.line, at.character], 'the cursor is put on `user.username`, the code the message names');
    assert.equal(editor.document.getText(), text);
  });

  it('a payload whose list is not closed: Sign points at the line where the `]` is missing, not the next', async () => {
    const text = '{\n  "user": "alice",\n  "roles": ["admin", "dev"\n}\n';
    const editor = await editorWith('unclosed.json', text);
    assert.equal(await vscode.commands.executeCommand('jwtWorkbench.signSelection'), undefined);
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [2, 26], 'after "dev" on line 3');
  });
});

describe('OpenSSH public keys are keys (22.15)', function () {
  this.timeout(60_000);
  after(closeAllEditors);
  it('Add Key File… with an ssh-keygen Ed25519 .pub: added as a key, and a token its private half signed verifies', async () => {
    const base = fsPath('dev_ed25519');
    fs.rmSync(base, { force: true });
    fs.rmSync(`${base}.pub`, { force: true });
    childProcess.execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'dev@laptop', '-f', base]);
    const py = 'import jwt, sys\nfrom cryptography.hazmat.primitives.serialization import load_ssh_private_key\nprint(jwt.encode({"sub": "dev"}, load_ssh_private_key(open(sys.argv[1], "rb").read(), None), algorithm="EdDSA"))';
    const r = spawnSync(PYTHON, ['-c', py, base], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
    assert.equal(r.status, 0, r.stderr);
    const id = await vscode.commands.executeCommand<string | undefined>('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(`${base}.pub`) });
    assert.ok(id?.startsWith('file:'), 'added as a key source');
    try {
      const ins = await vscode.commands.executeCommand<{ verdict: string; detail?: string }>('jwtWorkbench.inspectToken', r.stdout.trim(), undefined, id);
      assert.equal(ins?.verdict, 'verified', ins?.detail);
    } finally {
      await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id });
      fs.rmSync(base, { force: true });
      fs.rmSync(`${base}.pub`, { force: true });
    }
  });
});

describe('polish (22.16)', function () {
  this.timeout(60_000);
  afterEach(closeAllEditors);

  it('a DPoP request whose proof fails several checks: the banner names every one, not only the first', async () => {
    const secret = 'e'.repeat(64);
    fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${secret}\n`);
    const { signToken } = await import('../../src/core');
    const keys = await dpop.generateKeyPair('ES256', { extractable: true });
    const at = await signToken({ sub: 'alice', aud: 'https://api.example.com', client_id: 'c1', jti: 'j', iss: 'https://as.example.com', cnf: { jkt: await dpop.calculateThumbprint(keys.publicKey) } }, secret, { header: { typ: 'at+jwt' } });
    // a proof made for GET /other, presented with POST /orders: htm and htu both fail
    const proof = await dpop.generateProof(keys, 'https://api.example.com/other', 'GET', undefined, at);
    const ins = await vscode.commands.executeCommand<{ verdict: string; detail?: string }>('jwtWorkbench.inspectToken', `POST https://api.example.com/orders\nAuthorization: DPoP ${at}\nDPoP: ${proof}`);
    assert.equal(ins?.verdict, 'claim-mismatch');
    assert.match(ins?.detail ?? '', /fails 2 checks \(htm, htu\)/);
    assert.match(ins?.detail ?? '', /htm — The proof is for GET requests, not POST\..*htu — The proof is for https:\/\/api\.example\.com\/other/);
  });

  it('expired-token Problems that stop at 1,000 say so, on the first token not listed', async () => {
    const { signToken } = await import('../../src/core');
    const expired = await signToken({ sub: 'old' }, 'f'.repeat(64), { now: new Date(Date.now() - 3 * 86400e3) });
    const editor = await editorWith('many.log', `${expired}\n`.repeat(1002), '');
    const config = () => vscode.workspace.getConfiguration('jwtWorkbench');
    await config().update('diagnostics.enabled', true, vscode.ConfigurationTarget.Workspace);
    try {
      let diags: vscode.Diagnostic[] = [];
      for (let i = 0; i < 100 && diags.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        diags = vscode.languages.getDiagnostics(editor.document.uri);
      }
      assert.equal(diags.length, 1001);
      assert.equal(diags.filter((d) => d.code === 'expired').length, 1000);
      const last = diags[1000];
      assert.equal(last.range.start.line, 1000, 'on the 1,001st token');
      assert.equal(last.severity, vscode.DiagnosticSeverity.Information);
      assert.match(last.message, /^Only the first 1,000 expired tokens of this file are listed as Problems/);
    } finally {
      await config().update('diagnostics.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('an expired token: the banner says its time as the claims table does (one format)', async () => {
    const { signToken } = await import('../../src/core');
    fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${'g'.repeat(64)}\n`);
    const exp = Math.floor(Date.now() / 1000) - 86400 * 2 - 17;
    const ins = await vscode.commands.executeCommand<{ verdict: string; detail?: string; claims: { name: string; time?: string }[] }>('jwtWorkbench.inspectToken', await signToken({ sub: 'x', exp }, 'g'.repeat(64)));
    assert.equal(ins?.verdict, 'expired');
    const shown = new Date(exp * 1000).toISOString().replace('T', ' ').replace('.000Z', ' UTC');
    assert.ok(ins?.detail?.includes(`(${shown})`), `${ins?.detail} names ${shown}`);
    assert.doesNotMatch(ins?.detail ?? '', /\d{2}:\d{2}:\d{2}\.000Z/);
  });

  it('Sign Selection as SD-JWT… types the token explicitly: dc+sd-jwt with vct, example+sd-jwt without, never JWT', async () => {
    fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${'d'.repeat(64)}\n`);
    for (const [payload, typ] of [['{"sub": "u-3", "email": "a@example.com"}', 'example+sd-jwt'], ['{"vct": "https://credentials.example/id", "given_name": "Erika"}', 'dc+sd-jwt']] as const) {
      await editorWith('sd.json.txt', payload);
      const token = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelectionSdJwt', { disclosable: [payload.includes('vct') ? 'given_name' : 'email'] });
      assert.equal(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).typ, typ);
      const ins = await vscode.commands.executeCommand<{ verdict: string; detail?: string; profile?: string }>('jwtWorkbench.inspectToken', token);
      assert.equal(ins?.verdict, 'verified', ins?.detail);
    }
  });
});
