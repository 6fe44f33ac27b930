import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { inspectToken, type Inspection } from '../../../src/core';
import type { InspectorView } from '../../../src/protocol';

function folderNamed(name: string): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.find((w) => w.name === name);
  assert.ok(f, `folder ${name} is open`);
  return f;
}
const file = (folder: string, ...parts: string[]) => path.join(folderNamed(folder).uri.fsPath, ...parts);

let counter = 0;
async function editorIn(folder: string, rel: string, text: string): Promise<vscode.TextEditor> {
  const p = file(folder, rel.replace(/(\.[^.]+)$/, `-${++counter}$1`));
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(p)));
  editor.selection = new vscode.Selection(new vscode.Position(0, 0), editor.document.positionAt(text.length));
  return editor;
}

const API_SECRET = 'a'.repeat(64);
const WEB_SECRET = 'w'.repeat(64);
const NESTED_SECRET = 'n'.repeat(64);

describe('multi-root workspace: each folder its own .env and settings', () => {
  before(() => {
    fs.writeFileSync(file('api', '.env'), `JWT_SECRET=${API_SECRET}\n`);
    // web's folder settings name another variable; its JWT_SECRET is a decoy that must not be used.
    fs.writeFileSync(file('web', '.env'), `JWT_SECRET=${'x'.repeat(64)}\nWEB_JWT_SECRET=${WEB_SECRET}\n`);
    fs.mkdirSync(file('api', 'services', 'billing'), { recursive: true });
    fs.writeFileSync(file('api', 'services', '.env'), `JWT_SECRET=${NESTED_SECRET}\n`);
  });
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('opens two folders', () => {
    assert.deepEqual(vscode.workspace.workspaceFolders?.map((f) => f.name), ['api', 'web']);
  });

  it('Sign Selection uses the .env and settings of the file’s own folder', async () => {
    await editorIn('api', 'payload.json', '{"user": "api"}');
    const apiToken = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
    const api = await inspectToken(apiToken!, { key: API_SECRET });
    assert.equal(api.verdict, 'verified');
    assert.equal((api.payload as { iss: string }).iss, 'api', 'issuer defaults to the folder name');

    await editorIn('web', 'payload.json', '{"user": "web"}');
    const webToken = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
    const web = await inspectToken(webToken!, { key: WEB_SECRET });
    assert.equal(web.verdict, 'verified', 'signed with WEB_JWT_SECRET, not the decoy JWT_SECRET');
    const p = web.payload as { iss: string; iat: number; exp: number };
    assert.equal(p.iss, 'web-app', 'the folder setting');
    assert.equal(p.exp - p.iat, 7200, 'the workspace-file setting applies to every folder');
  });

  it('Verify and Decode picks the key of the token’s folder, and says which one', async () => {
    const { signToken } = await import('../../../src/core');
    const webToken = await signToken({ sub: 'w' }, WEB_SECRET);
    await editorIn('web', 'token.txt', webToken);
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectSelection');
    assert.equal(ins?.verdict, 'verified');
    let view = await vscode.commands.executeCommand<InspectorView>('jwtWorkbench.inspectorState');
    assert.equal(view?.keySource, 'web/.env WEB_JWT_SECRET');

    // The same token from the api folder: api's secret does not verify it.
    await editorIn('api', 'token.txt', webToken);
    assert.equal((await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectSelection'))?.verdict, 'invalid-signature');
    view = await vscode.commands.executeCommand<InspectorView>('jwtWorkbench.inspectorState');
    assert.equal(view?.keySource, 'api/.env JWT_SECRET');
    const labels = view?.keySources.map((s) => s.label) ?? [];
    assert.ok(labels.includes('api/.env JWT_SECRET') && labels.includes('web/.env WEB_JWT_SECRET'), labels.join(' | '));
  });

  it('a nested .env inside one folder wins for files below it', async () => {
    await editorIn('api', 'services/billing/payload.json', '{"user": "billing"}');
    const token = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
    assert.equal((await inspectToken(token!, { key: NESTED_SECRET })).verdict, 'verified');
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectToken', token, vscode.Uri.file(file('api', 'services', 'billing', 'x.json')).toString());
    assert.equal(ins?.verdict, 'verified');
    assert.equal((await vscode.commands.executeCommand<InspectorView>('jwtWorkbench.inspectorState'))?.keySource, 'api/services/.env JWT_SECRET');
  });

  it('Generate Secret writes the active file’s folder .env, under that folder’s variable name, and nothing else', async () => {
    const apiBefore = fs.readFileSync(file('api', '.env'), 'utf8');
    await editorIn('web', 'notes.txt', 'x');
    const r = await vscode.commands.executeCommand<{ uri: string; variable: string; replaced: boolean }>('jwtWorkbench.generateSecret', { replace: true });
    assert.equal(r?.variable, 'WEB_JWT_SECRET');
    assert.equal(vscode.Uri.parse(r!.uri).fsPath, file('web', '.env'));
    const web = fs.readFileSync(file('web', '.env'), 'utf8');
    assert.match(web, new RegExp(`^JWT_SECRET=${'x'.repeat(64)}\nWEB_JWT_SECRET=[0-9a-f]{64}\n$`));
    assert.equal(fs.readFileSync(file('api', '.env'), 'utf8'), apiBefore);
  });
});
