import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { inspectToken, signToken, type Inspection } from '../../src/core';
import { closeAllEditors, editorWith, envText, folder, fsPath, inspectorView, secretFromEnv } from './helpers';


describe('JWT: Generate Secret into .env', () => {
  beforeEach(async () => {
    await closeAllEditors();
    fs.rmSync(fsPath('.env'), { force: true });
  });
  after(closeAllEditors);

  it('creates .env with JWT_SECRET = 64 hex characters from the CSPRNG', async () => {
    const result = await vscode.commands.executeCommand<{ replaced: boolean; variable: string }>('jwtWorkbench.generateSecret');
    assert.deepEqual({ replaced: result?.replaced, variable: result?.variable }, { replaced: false, variable: 'JWT_SECRET' });
    const text = envText();
    assert.match(text, /^JWT_SECRET=[0-9a-f]{64}\n$/);
    const first = secretFromEnv();
    await vscode.commands.executeCommand('jwtWorkbench.generateSecret', { replace: true });
    assert.notEqual(secretFromEnv(), first, 'a second secret differs');
  });

  it('replaces only the value in an existing .env with comments, CRLF, export and look-alike keys', async () => {
    const before =
      '# database\r\nDATABASE_URL="postgres://u:p@localhost/db" # local\r\n\r\nexport OLD_JWT_SECRET=keep-me\r\nJWT_SECRET_KEY=also-keep\r\nJWT_SECRET=old-secret # rotate me\r\nMULTI="line1\r\nline2"\r\nLAST=1';
    fs.writeFileSync(fsPath('.env'), before);
    const result = await vscode.commands.executeCommand<{ replaced: boolean }>('jwtWorkbench.generateSecret', { replace: true });
    assert.equal(result?.replaced, true);
    const after = fs.readFileSync(fsPath('.env'), 'latin1');
    const m = /JWT_SECRET=([0-9a-f]{64}) # rotate me/.exec(after);
    assert.ok(m, after);
    assert.equal(after, before.replace('old-secret', m[1]), 'every other byte is unchanged');
  });

  it('appends to a file without a final newline, keeping its line ending and BOM', async () => {
    fs.writeFileSync(fsPath('.env'), '\uFEFFA=1\r\nB=2');
    await vscode.commands.executeCommand('jwtWorkbench.generateSecret');
    const bytes = fs.readFileSync(fsPath('.env'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM kept');
    assert.match(bytes.toString('utf8'), /^\uFEFFA=1\r\nB=2\r\nJWT_SECRET=[0-9a-f]{64}$/);
  });

  it('fills an empty JWT_SECRET= in place without asking to replace (there is no current secret)', async () => {
    fs.writeFileSync(fsPath('.env'), '# keys\nJWT_SECRET=\nOTHER=1\n');
    // Before the fix this asked "Replace JWT_SECRET…? Tokens signed with the current secret will stop verifying" (a modal: the test timed out).
    const result = await vscode.commands.executeCommand<{ replaced: boolean }>('jwtWorkbench.generateSecret');
    assert.equal(result?.replaced, false);
    assert.match(envText(), /^# keys\nJWT_SECRET=[0-9a-f]{64}\nOTHER=1\n$/);
  });

  it('an empty JWT_SECRET= is "empty" in the inspector, not "no key"', async () => {
    fs.writeFileSync(fsPath('.env'), 'JWT_SECRET=\n');
    const token = await signToken({ sub: 'empty' }, 'x'.repeat(64));
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectToken', token);
    assert.equal(ins?.verdict, 'unverified');
    assert.match(ins!.detail!, /^JWT_SECRET in \.env is empty\.$/);
    await closeAllEditors();
  });

  it('goes through the open editor when .env has unsaved changes: both edits survive and Undo works', async () => {
    fs.writeFileSync(fsPath('.env'), 'A=1\nJWT_SECRET=old\n');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(fsPath('.env')));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# my unsaved note\n'));
    assert.ok(doc.isDirty);
    await vscode.commands.executeCommand('jwtWorkbench.generateSecret', { replace: true });
    assert.match(doc.getText(), /^# my unsaved note\nA=1\nJWT_SECRET=[0-9a-f]{64}\n$/);
    assert.ok(doc.isDirty, 'still unsaved: the user decides when to save');
    assert.equal(fs.readFileSync(fsPath('.env'), 'utf8'), 'A=1\nJWT_SECRET=old\n', 'disk untouched');
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), '# my unsaved note\nA=1\nJWT_SECRET=old\n');
  });
});

describe('JWT: Sign Selection', () => {
  before(async () => {
    fs.rmSync(fsPath('.env'), { force: true });
    await vscode.commands.executeCommand('jwtWorkbench.generateSecret');
  });
  afterEach(closeAllEditors);

  it('replaces a selected JSON object with an HS256 token that verifies with the .env secret', async () => {
    const editor = await editorWith('sign.txt', 'before\n{"user": "alice"}\nafter\n', '{"user": "alice"}');
    const token = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
    assert.ok(token);
    assert.equal(editor.document.getText(), `before\n${token}\nafter\n`);
    const ins = await inspectToken(token, { key: secretFromEnv() });
    assert.equal(ins.verdict, 'verified');
    assert.deepEqual(ins.header, { alg: 'HS256', typ: 'JWT' });
    const p = ins.payload as Record<string, number | string>;
    assert.equal(p.user, 'alice');
    assert.equal(p.iss, folder().name);
    assert.equal(Number(p.exp) - Number(p.iat), 86400);
    assert.ok(Math.abs(Number(p.iat) - Date.now() / 1000) < 60);
  });

  it('keeps the file valid (issue 11.7): a dict in code and an object inside JSON become a string literal; a .json that is the payload is left alone and the token opens in the inspector', async () => {
    const py = await editorWith('views.py', "payload = {'user': 'alice', 'is_staff': False}\n", "{'user': 'alice', 'is_staff': False}");
    const t1 = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
    assert.equal(py.document.getText(), `payload = "${t1}"\n`);
    const inner = await editorWith('config.json', '{\n  "payload": {"user": "bob"}\n}\n', '{"user": "bob"}');
    const t2 = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
    assert.equal(inner.document.getText(), `{\n  "payload": "${t2}"\n}\n`);
    assert.doesNotThrow(() => JSON.parse(inner.document.getText()));
    const whole = await editorWith('payload.json', '{"user": "carol"}\n');
    const t3 = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
    assert.equal(whole.document.getText(), '{"user": "carol"}\n', 'the payload file is unchanged');
    const view = await inspectorView();
    assert.equal(view?.inspection?.token, t3);
    assert.equal(view?.signedHere, true);
    assert.match(view?.signedWith ?? '', /^\.env JWT_SECRET \(HS256\)$/);
  });

  it('signs a Python dict literal copied from Django code', async () => {
    await editorWith('views.py', "payload = {'user': 'bob', 'admin': False, 'team': None,}\n", "{'user': 'bob', 'admin': False, 'team': None,}");
    const token = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
    const ins = await inspectToken(token!, { key: secretFromEnv() });
    assert.equal(ins.verdict, 'verified');
    assert.deepEqual({ ...(ins.payload as object), iat: 0, exp: 0, iss: '' }, { user: 'bob', admin: false, team: null, iat: 0, exp: 0, iss: '' });
  });

  it('leaves a malformed selection alone and puts the cursor on the error', async () => {
    const text = '{\n  "user": "alice",\n  "role": }\n';
    const editor = await editorWith('bad.json', text);
    const token = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
    assert.equal(token, undefined);
    assert.equal(editor.document.getText(), text, 'nothing lost');
    assert.equal(editor.selection.active.line, 2, 'cursor on the error line');
  });

  it('signs nothing without a JWT_SECRET', async () => {
    const saved = envText();
    fs.writeFileSync(fsPath('.env'), 'OTHER=1\n');
    try {
      const editor = await editorWith('nokey.json', '{"user": "alice"}');
      assert.equal(await vscode.commands.executeCommand('jwtWorkbench.signSelection'), undefined);
      assert.equal(editor.document.getText(), '{"user": "alice"}');
    } finally {
      fs.writeFileSync(fsPath('.env'), saved);
    }
  });
});

describe('JWT: Verify and Decode Selection', () => {
  afterEach(closeAllEditors);

  async function inspectText(text: string, select?: string): Promise<Inspection> {
    await editorWith('tokens.txt', text, select);
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectSelection');
    assert.ok(ins);
    const view = await inspectorView();
    assert.ok(view?.inspection, 'the inspector shows it');
    assert.equal(view.inspection.verdict, ins.verdict);
    assert.deepEqual(view.inspection.payload, ins.payload);
    return ins;
  }

  it('verifies a valid token with the .env secret', async () => {
    const token = await signToken({ user: 'alice' }, secretFromEnv(), { issuer: 'app' });
    const ins = await inspectText(`Authorization: Bearer ${token}`, `Bearer ${token}`);
    assert.equal(ins.verdict, 'verified');
    assert.equal(ins.message, 'Signature verified.');
    const view = await inspectorView();
    assert.equal(view?.keySource, '.env JWT_SECRET');
    assert.ok(!JSON.stringify(view).includes(secretFromEnv()), 'the secret never reaches the inspector');
  });

  it('says "Token has expired." for an expired token', async () => {
    const token = await signToken({ user: 'alice' }, secretFromEnv(), { now: new Date(Date.now() - 3 * 86400e3) });
    const ins = await inspectText(token);
    assert.equal(ins.verdict, 'expired');
    assert.equal(ins.message, 'Token has expired.');
    assert.match(ins.detail ?? '', /2 days ago/);
  });

  it('says "Token is invalid." for a tampered token, and still shows its claims', async () => {
    const token = await signToken({ user: 'alice', admin: false }, secretFromEnv());
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ user: 'alice', admin: true })).toString('base64url');
    const ins = await inspectText(`${h}.${forged}.${s}`);
    assert.equal(ins.verdict, 'invalid-signature');
    assert.equal(ins.message, 'Token is invalid.');
    assert.deepEqual(ins.payload, { user: 'alice', admin: true });
  });

  it('takes the token under the cursor when nothing is selected', async () => {
    const token = await signToken({ user: 'carol' }, secretFromEnv());
    const editor = await editorWith('cursor.http', `GET /api\nAuthorization: Bearer ${token}\n`, token.slice(10, 10));
    const pos = editor.document.positionAt(editor.document.getText().indexOf(token) + 20);
    editor.selection = new vscode.Selection(pos, pos);
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectSelection');
    assert.equal(ins?.verdict, 'verified');
    assert.equal((ins?.payload as { user: string }).user, 'carol');
  });

  it('opens an empty inspector from JWT: Open Inspector', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const view = await vscode.commands.executeCommand<{ inspection?: unknown; keySources: unknown[] }>('jwtWorkbench.openInspector');
    assert.ok(view);
    assert.ok(view.keySources.length >= 2);
  });
});

describe('contributions', () => {
  it('registers every command with the JWT category and context-menu entries', async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'jwt-workbench');
    assert.ok(ext, 'extension loaded');
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['generateSecret', 'signSelection', 'encryptSelection', 'inspectSelection', 'openInspector']) assert.ok(commands.includes(`jwtWorkbench.${id}`), id);
    const menu = ext.packageJSON.contributes.menus['editor/context'] as { command: string; group: string }[];
    assert.deepEqual(menu.map((m) => m.command).sort(), ['jwtWorkbench.encryptSelection', 'jwtWorkbench.inspectSelection', 'jwtWorkbench.signSelection', 'jwtWorkbench.signSelectionSdJwt']);
    assert.ok(menu.every((m) => m.group.startsWith('jwt')));
  });
});

