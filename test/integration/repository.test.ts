// Issue 20.6 and 20.9 — what a repository's files can do: settings in .vscode/settings.json that change a verdict or
// inserted code, and committed .env / key file links that leave the folder or never end.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { signToken } from '../../src/core';
import { closeAllEditors, editorWith, folder, fsPath, inspectorView, withWorkspaceSettings } from './helpers';
import { fromWebview } from './harness';

const SECRET = crypto.randomBytes(32).toString('hex');
const YEAR = 365 * 86400;
const now = () => Math.floor(Date.now() / 1000);

async function inspected(token: string): Promise<NonNullable<Awaited<ReturnType<typeof inspectorView>>>> {
  await vscode.commands.executeCommand('jwtWorkbench.inspectToken', token);
  for (let i = 0; i < 100; i++) {
    const v = await inspectorView();
    if (v?.inspection?.token === token) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the inspector never showed the token');
}

describe('a repository\'s settings (20.6)', () => {
  before(async () => {
    fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${SECRET}\n`);
    await vscode.extensions.getExtension('jwt-workbench.jwt-workbench')!.activate(); // diagnostics run once it is active
  });
  after(async () => {
    await closeAllEditors();
    fs.rmSync(fsPath('.env'), { force: true });
  });

  it('20.6 every setting that changes a verdict, a key or inserted code is restricted in an untrusted workspace', () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'jwt-workbench');
    assert.ok(ext);
    const restricted: string[] = ext.packageJSON.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const name of ['algorithm', 'lifetime', 'issuer', 'audience', 'leeway', 'envFile', 'secretVariable', 'envDialect']) assert.ok(restricted.includes(`jwtWorkbench.${name}`), `jwtWorkbench.${name} is restricted`);
    assert.equal(ext.packageJSON.contributes.configuration.properties['jwtWorkbench.leeway'].maximum, 300);
  });

  it('20.6 a leeway of years in .vscode/settings.json is capped: a token expired two years ago is still a Problem', async () => {
    const t = now();
    const old = await signToken({ sub: 'old', iat: t - 11 * YEAR, exp: t - 10 * YEAR }, SECRET);
    const recent = await signToken({ sub: 'recent', iat: t - 3 * YEAR, exp: t - 2 * YEAR }, SECRET);
    const editor = await editorWith('tokens.log', `${old}\n${recent}\n`, '');
    await withWorkspaceSettings({ 'jwtWorkbench.leeway': 5 * YEAR, 'jwtWorkbench.diagnostics.enabled': true }, async () => {
      let found: vscode.Diagnostic[] = [];
      for (let i = 0; i < 100 && found.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        found = vscode.languages.getDiagnostics(editor.document.uri);
      }
      await new Promise((r) => setTimeout(r, 500));
      found = vscode.languages.getDiagnostics(editor.document.uri);
      assert.deepEqual(found.map((d) => d.range.start.line).sort(), [0, 1], 'both tokens are expired whatever the setting says');
    });
  });

  it('20.6 the banner says when only the leeway made a token valid; a forged leeway of years is capped', async () => {
    const t = now();
    const token = await signToken({ sub: 'late', iat: t - 3600, exp: t - 100 }, SECRET);
    const keySource = (await inspected(token)).selectedKeySource;
    const posted = await fromWebview({ type: 'inspect', token, keySource, options: { issuer: '', audience: '', leeway: 300, at: '' } });
    const view = posted.find((m) => m.type === 'view');
    assert.ok(view?.type === 'view');
    assert.equal(view.view.inspection?.verdict, 'verified');
    assert.match(view.view.inspection?.detail ?? '', /leeway/i, 'the banner\'s detail names the leeway');
    assert.match(view.view.inspection?.detail ?? '', /expired/);
    const old = await signToken({ sub: 'old', iat: t - 3 * YEAR, exp: t - 2 * YEAR }, SECRET);
    await inspected(old);
    const forged = (await fromWebview({ type: 'inspect', token: old, keySource, options: { issuer: '', audience: '', leeway: 5 * YEAR, at: '' } })).find((m) => m.type === 'view');
    assert.ok(forged?.type === 'view');
    assert.equal(forged.view.inspection?.verdict, 'expired');
  });

  it('20.6 an issuer with a quote in .vscode/settings.json stays one string literal in the TypeScript snippet', async function () {
    this.timeout(90000); // completions in a .ts file wait for the TypeScript server too
    const issuer = "x'; require('child_process').execSync('touch pwned'); const y = '";
    await withWorkspaceSettings({ 'jwtWorkbench.issuer': issuer }, async () => {
      const editor = await editorWith('snippet.ts', '\n', '\n');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(0, 0));
      // Ours is the snippet (TypeScript may offer a word of the same name from another file of the workspace).
      const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'generateJwt' && typeof (i.insertText as vscode.SnippetString | undefined)?.value === 'string');
      assert.ok(item, 'the generateJwt snippet is offered');
      const body = (item.insertText as vscode.SnippetString).value.replace(/\\([\\$}])/g, '$1');
      const m = /^const issuer = process\.env\.JWT_ISSUER \?\? (.*);$/m.exec(body);
      assert.ok(m, body);
      assert.equal(JSON.parse(m[1]), issuer, `one JSON string literal: ${m[1]}`);
    });
  });
});

describe('reads stay in the folder and are bounded (20.9)', () => {
  const outside = path.join(path.dirname(folder().uri.fsPath), `outside-${crypto.randomBytes(4).toString('hex')}`);
  const OUTSIDE_SECRET = crypto.randomBytes(32).toString('hex');
  before(() => {
    fs.mkdirSync(outside, { recursive: true });
    fs.writeFileSync(path.join(outside, 'secrets.env'), `JWT_SECRET=${OUTSIDE_SECRET}\nOUTSIDE_SECRET_KEY=${OUTSIDE_SECRET}\n`);
    fs.writeFileSync(path.join(outside, 'private.pem'), crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    fs.symlinkSync(path.join('..', path.basename(outside), 'secrets.env'), fsPath('.env.shared'));
    fs.symlinkSync(path.join('..', path.basename(outside), 'private.pem'), fsPath('linked.pem'));
    fs.writeFileSync(fsPath('.env.big'), `JWT_SECRET=${SECRET}\n# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    fs.writeFileSync(fsPath('big.pem'), `${'x'.repeat(2 * 1024 * 1024)}\n`);
  });
  after(async () => {
    await closeAllEditors();
    for (const f of ['.env.shared', 'linked.pem', '.env.big', 'big.pem', '.env.cache', 'zero.pem']) fs.rmSync(fsPath(f), { force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('20.9 a committed .env.shared -> ../outside/secrets.env named by jwtWorkbench.envFile is refused, naming it', async () => {
    await withWorkspaceSettings({ 'jwtWorkbench.envFile': '.env.shared' }, async () => {
      const view = await inspected(await signToken({ sub: 'outside' }, OUTSIDE_SECRET));
      assert.notEqual(view.inspection?.verdict, 'verified', 'the secret outside the folder was not used');
      assert.match(view.inspection?.detail ?? '', /\.env\.shared/);
      assert.match(view.inspection?.detail ?? '', /outside the workspace folder/);
    });
  });

  it('20.9 "which key" does not read a .env* link that leaves the folder', async () => {
    const token = await signToken({ sub: 'outside' }, OUTSIDE_SECRET);
    await inspected(token);
    const posted = await fromWebview({ type: 'findKey' });
    assert.ok(!JSON.stringify(posted).includes('.env.shared'), JSON.stringify(posted.filter((m) => m.type !== 'view')).slice(0, 500));
    assert.ok(!JSON.stringify((await inspectorView())?.keySources ?? []).includes('.env.shared'));
  });

  it('20.9 a .env larger than 1 MiB is not read, and the message says so', async () => {
    await withWorkspaceSettings({ 'jwtWorkbench.envFile': '.env.big' }, async () => {
      const view = await inspected(await signToken({ sub: 'big' }, SECRET));
      assert.notEqual(view.inspection?.verdict, 'verified');
      assert.match(view.inspection?.detail ?? '', /\.env\.big.*1 MiB/);
    });
  });

  it('20.9 a key file that is a link out of the folder, or larger than 1 MiB, is refused', async () => {
    assert.equal(await vscode.commands.executeCommand('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath('linked.pem')) }), undefined);
    assert.equal(await vscode.commands.executeCommand('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath('big.pem')), asSecret: true }), undefined);
    assert.equal(await vscode.commands.executeCommand('jwtWorkbench.addTrustAnchors', { uri: vscode.Uri.file(fsPath('linked.pem')) }), undefined);
  });

  it('20.9 links to /dev/zero (.env.cache, a key file) are refused at once, naming them', async () => {
    fs.symlinkSync('/dev/zero', fsPath('.env.cache'));
    fs.symlinkSync('/dev/zero', fsPath('zero.pem'));
    await withWorkspaceSettings({ 'jwtWorkbench.envFile': '.env.cache' }, async () => {
      const view = await inspected(await signToken({ sub: 'zero' }, SECRET));
      assert.match(view.inspection?.detail ?? '', /\.env\.cache/);
      assert.match(view.inspection?.detail ?? '', /not a regular file|outside the workspace folder/);
    });
    await fromWebview({ type: 'findKey' });
    assert.equal(await vscode.commands.executeCommand('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath('zero.pem')), asSecret: true }), undefined);
  });
});
