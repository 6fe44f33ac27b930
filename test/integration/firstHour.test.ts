// Issue 22: the first hour of a new user, truthfully — each point through the extension's real entry points.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { signToken, type Inspection } from '../../src/core';
import type { InspectorView } from '../../src/protocol';
import { closeAllEditors, editorWith, fsPath, inspectorView } from './helpers';
import { fromWebview } from './harness';

const OPTIONS = { issuer: '', audience: '', leeway: 0, at: '' };
const SECRET = crypto.randomBytes(32).toString('hex');
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

async function viewWhen(ok: (v: InspectorView) => boolean, what: string): Promise<InspectorView> {
  for (let i = 0; i < 100; i++) {
    const v = await inspectorView();
    if (v && ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`the panel never showed ${what}: ${JSON.stringify((await inspectorView())?.inspection?.detail)}`);
}

async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos)) ?? [];
  // appendText escapes markdown and turns spaces into &nbsp;: read it back as the text a person sees
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n').replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
}

describe('the first hour, truthfully (issue 22)', () => {
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecPrivate = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  before(() => {
    fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${SECRET}\n`);
    fs.mkdirSync(fsPath('keys22'), { recursive: true });
    fs.writeFileSync(fsPath('keys22', 'p256-public.pem'), ec.publicKey.export({ type: 'spki', format: 'pem' }));
  });
  after(async () => {
    fs.rmSync(fsPath('keys22'), { recursive: true, force: true });
    await closeAllEditors();
  });

  it('22.1 Replace selection keeps the quotes Sign Selection put around the token in a .py file', async () => {
    for (const quote of ['"', "'"]) {
      const editor = await editorWith('settings22.py', 'payload = {"user": "alice"}\n', '{"user": "alice"}');
      const signed = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
      assert.ok(signed);
      const doc = editor.document;
      if (quote === "'") await editor.edit((b) => b.replace(new vscode.Range(0, 0, doc.lineCount, 0), `payload = '${signed}'\n`));
      assert.equal(doc.getText(), `payload = ${quote}${signed}${quote}\n`);
      const literal = `${quote}${signed}${quote}`;
      const start = doc.getText().indexOf(literal);
      editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(start + literal.length));
      await vscode.commands.executeCommand('jwtWorkbench.inspectSelection');
      await fromWebview({ type: 'sign', header: '{"typ": "JWT"}', payload: '{"user": "bob"}', alg: 'HS256', keySource: 'env:0:JWT_SECRET' });
      const resigned = (await inspectorView())!.inspection!.token!;
      assert.notEqual(resigned, signed);
      await fromWebview({ type: 'insert', mode: 'replace' });
      assert.equal(doc.getText(), `payload = ${quote}${resigned}${quote}\n`, 'the literal keeps its quotes: the module still imports');
      // and again: the range follows the token, quotes and all
      await fromWebview({ type: 'sign', header: '{"typ": "JWT"}', payload: '{"user": "carol"}', alg: 'HS256', keySource: 'env:0:JWT_SECRET' });
      const again = (await inspectorView())!.inspection!.token!;
      await fromWebview({ type: 'insert', mode: 'replace' });
      assert.equal(doc.getText(), `payload = ${quote}${again}${quote}\n`);
    }
  });

  it('22.2 after Forget a Key Source…, the Which-key answer no longer offers the forgotten key', async () => {
    const token = await signToken({ sub: 'which' }, ecPrivate);
    const fileId = (await vscode.commands.executeCommand<string>('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath('keys22', 'p256-public.pem')) }))!;
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', token, undefined, 'env:0:JWT_SECRET');
    await fromWebview({ type: 'findKey' });
    // The answer names keys by label, with a handle: never by source id (the webview must not learn those).
    const label = (await inspectorView())!.keySources.find((o) => o.id === fileId)!.label;
    assert.ok((await inspectorView())!.keySearch?.matches.some((m) => m.label === label), 'found before');
    await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id: fileId });
    const view = await viewWhen((v) => !v.keySearch?.matches.some((m) => m.label === label), 'an answer without the forgotten key');
    assert.ok(view.keySearch, 'the answer is refreshed, not dropped');
    assert.ok(!view.keySources.some((o) => o.id === fileId));
  });

  it('22.3 a token issued in the future is not yet valid, in the recipe\'s words; the Clock option is named; aud without audience says what PyJWT answers', async () => {
    const future = await signToken({ user: 'a', iat: now() + 3600, exp: now() + 7200 }, SECRET, { addDefaults: false });
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', future);
    let ins = (await inspectorView())!.inspection!;
    assert.equal(ins.verdict, 'not-yet-valid', ins.detail);
    assert.match(ins.detail!, /"iat".*"Token is invalid\."/);
    const issued = now() - 60;
    const token = await signToken({ user: 'a', iat: issued, exp: now() + 7200 }, SECRET, { addDefaults: false });
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', token);
    assert.equal((await inspectorView())!.inspection!.verdict, 'verified');
    await fromWebview({ type: 'inspect', token, keySource: 'env:0:JWT_SECRET', options: { ...OPTIONS, at: new Date((issued - 3600) * 1000).toISOString() } });
    ins = (await inspectorView())!.inspection!;
    assert.equal(ins.verdict, 'not-yet-valid');
    assert.match(ins.detail!, /Clock option/);
    const withAud = await signToken({ user: 'a', aud: 'api' }, SECRET);
    await fromWebview({ type: 'inspect', token: withAud, keySource: 'env:0:JWT_SECRET', options: OPTIONS });
    ins = (await inspectorView())!.inspection!;
    assert.equal(ins.verdict, 'verified');
    assert.match(ins.detail!, /"Token is invalid\." \(Invalid audience\)/);
  });

  it('22.4 an ES256 token with only the HMAC secret: "Not verified: no ES256 key", and adding a key re-verifies the open panel', async () => {
    const token = await signToken({ sub: 'es' }, ecPrivate);
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', token, undefined, 'env:0:JWT_SECRET');
    const ins = (await inspectorView())!.inspection!;
    assert.equal(ins.verdict, 'unverified', ins.detail);
    assert.match(ins.message, /^Not verified: no ES256 key/);
    const fileId = (await vscode.commands.executeCommand<string>('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath('keys22', 'p256-public.pem')) }))!;
    try {
      const view = await viewWhen((v) => v.inspection?.verdict === 'verified', 'the token verified with the new key');
      assert.equal(view.selectedKeySource, fileId);
    } finally {
      await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id: fileId });
    }
  });

  it('22.5 a secret typed in the panel is for its token: the next token from the editor is checked with the folder\'s key', async () => {
    const other = crypto.randomBytes(32).toString('hex');
    const typedFor = await signToken({ sub: 'typed' }, other);
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', typedFor);
    await fromWebview({ type: 'inspect', token: typedFor, keySource: 'env:0:JWT_SECRET', options: OPTIONS, secret: { text: other, encoding: 'utf8' } });
    assert.equal((await inspectorView())!.inspection!.verdict, 'verified');
    await editorWith('next22.txt', await signToken({ sub: 'next' }, SECRET));
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectSelection');
    assert.equal(ins?.verdict, 'verified', ins?.detail);
    const view = (await inspectorView())!;
    assert.equal(view.keySource, '.env JWT_SECRET');
    assert.equal(view.panelSecret, undefined);
  });

  it('22.6 every status line belongs to one token: "Signed with…" and where a token came from go with it', async () => {
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', await signToken({ sub: 'one' }, SECRET));
    await fromWebview({ type: 'sign', header: '{}', payload: '{"sub": "made"}', alg: 'HS256', keySource: 'env:0:JWT_SECRET' });
    let view = (await inspectorView())!;
    assert.match(view.status?.text ?? '', /^Signed with \.env JWT_SECRET \(HS256\)/);
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', await signToken({ sub: 'two' }, SECRET));
    assert.equal((await inspectorView())!.status, undefined, 'not under an unrelated token');
    await fromWebview({ type: 'sign', header: '{}', payload: '{"sub": "made again"}', alg: 'HS256', keySource: 'env:0:JWT_SECRET' });
    await fromWebview({ type: 'inspect', token: '', keySource: 'env:0:JWT_SECRET', options: OPTIONS });
    assert.equal((await inspectorView())!.status, undefined, 'Clear empties it');
    // the clipboard note is the token's origin: in the view (by the banner), gone with the token
    const clip = await signToken({ sub: 'clip' }, SECRET);
    await vscode.env.clipboard.writeText(clip);
    await closeAllEditors();
    await vscode.commands.executeCommand('jwtWorkbench.inspectSelection');
    view = (await inspectorView())!;
    assert.match(view.originNote ?? '', /from the clipboard/);
    await editorWith('signed22.txt', '{"sub": "file"}');
    await vscode.commands.executeCommand('jwtWorkbench.signSelection');
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', await signToken({ sub: 'three' }, SECRET));
    assert.equal((await inspectorView())!.originNote, undefined);
    await fromWebview({ type: 'inspect', token: '', keySource: 'env:0:JWT_SECRET', options: OPTIONS });
    assert.equal((await inspectorView())!.originNote, undefined);
  });

  it('22.7 the hover uses the inspector\'s key and says what the inspector says', async () => {
    // a token signed with the hex-decoded .env secret: the inspector explains it; the hover says the same
    const hexSigned = await signToken({ sub: 'hex' }, { secret: SECRET, encoding: 'hex' });
    const editor = await editorWith('hover22.txt', `token: ${hexSigned}\n`, hexSigned);
    await vscode.commands.executeCommand('jwtWorkbench.inspectSelection');
    const ins = (await inspectorView())!.inspection!;
    assert.ok(ins.secretReading, ins.detail);
    const hover = await hoverText(editor.document.uri, new vscode.Position(0, 20));
    assert.ok(hover.includes(ins.secretReading!.message), hover);
    assert.match(hover, /Read the secret as hex to verify it/);
    // a key chosen in the panel for this token is the hover's key too
    fs.writeFileSync(fsPath('keys22', 'secret.txt'), 'a secret kept in a file, read as text');
    const secretId = (await vscode.commands.executeCommand<string>('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath('keys22', 'secret.txt')), asSecret: true }))!;
    try {
      const fileSigned = await signToken({ sub: 'file' }, 'a secret kept in a file, read as text');
      const e2 = await editorWith('hover22b.txt', `token: ${fileSigned}\n`, fileSigned);
      await vscode.commands.executeCommand('jwtWorkbench.inspectSelection');
      await fromWebview({ type: 'inspect', token: fileSigned, keySource: secretId, options: OPTIONS });
      assert.equal((await inspectorView())!.inspection!.verdict, 'verified');
      const h2 = await hoverText(e2.document.uri, new vscode.Position(0, 20));
      assert.match(h2, /verified/i);
      assert.doesNotMatch(h2, /INVALID/);
    } finally {
      await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id: secretId });
    }
  });

  it('22.8 after Generate Key Pair, Verify uses the public half, as the toast says', async () => {
    const r = await vscode.commands.executeCommand<{ privateKey: string; publicKey: string }>('jwtWorkbench.generateKeyPair', { alg: 'RS256', target: 'files', replace: true });
    try {
      const token = await signToken({ sub: 'kp' }, fs.readFileSync(vscode.Uri.parse(r!.privateKey).fsPath, 'utf8'), { alg: 'RS256' });
      await editorWith('kp22.txt', token);
      const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectSelection');
      assert.equal(ins?.verdict, 'verified');
      assert.equal((await inspectorView())!.keySource, 'key file keys/rs256-public.pem');
      assert.doesNotMatch(ins!.detail!, /private/);
    } finally {
      for (const o of (await inspectorView())!.keySources.filter((k) => /rs256-(private|public)/.test(k.label))) await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id: o.id });
      fs.rmSync(fsPath('keys'), { recursive: true, force: true });
    }
  });

  it('22.9 garbage says what fails; alg none leads with "Token is invalid."', async () => {
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', 'this-is-not.a-token.at-all');
    const garbage = (await inspectorView())!.inspection!;
    assert.doesNotMatch(garbage.detail!, /not valid base64url/);
    assert.match(garbage.detail!, /does not decode to a JSON header/);
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', `${b64({ alg: 'none' })}.${b64({ admin: true })}.`);
    const none = (await inspectorView())!.inspection!;
    assert.equal(none.message, 'Token is invalid.');
    assert.match(none.detail!, /^It is unsigned \(alg: none\)/);
  });
});
