// Issue 11 — the inspector never shows one key and uses another, and the first steps do not trip people.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { signToken, type Inspection } from '../../src/core';
import { closeAllEditors, editorWith, fsPath, inspectorView } from './helpers';
import { fromWebview } from './harness';

const OPTIONS = { issuer: '', audience: '', leeway: 0, at: '' };
const SECRET = 's'.repeat(64);

describe('the key shown is the key used (issue 11.1, 11.2, 11.4)', () => {
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  let esToken = '';
  let fileId = '';
  before(async () => {
    fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${SECRET}\n`);
    fs.mkdirSync(fsPath('keys'), { recursive: true });
    fs.writeFileSync(fsPath('keys', 'es256-public.pem'), ec.publicKey.export({ type: 'spki', format: 'pem' }));
    fs.writeFileSync(fsPath('keys', 'es256-private.pem'), ec.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    esToken = await signToken({ sub: 'es' }, ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    fileId = (await vscode.commands.executeCommand<string>('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath('keys', 'es256-public.pem')) }))!;
  });
  after(async () => {
    fs.rmSync(fsPath('keys'), { recursive: true, force: true });
    await closeAllEditors();
  });

  it('Verify on an ES256 token from the editor picks the key source that fits ES256, and says why', async () => {
    await editorWith('es.txt', esToken);
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectSelection');
    assert.equal(ins?.verdict, 'verified', ins?.detail);
    const view = (await inspectorView())!;
    assert.equal(view.selectedKeySource, fileId);
    assert.match(view.keyChosen ?? '', /key file keys\/es256-public\.pem: its key fits ES256/);
    // an HS256 token in the same folder keeps the .env secret
    await editorWith('hs.txt', await signToken({ sub: 'hs' }, SECRET));
    await vscode.commands.executeCommand('jwtWorkbench.inspectSelection');
    assert.equal((await inspectorView())!.selectedKeySource, 'env:0:JWT_SECRET');
  });

  it('Forget a Key Source on the key the open panel uses removes it at once: shown, described and used fall back together', async () => {
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', esToken, undefined, fileId);
    assert.equal((await inspectorView())!.selectedKeySource, fileId);
    await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id: fileId });
    for (let i = 0; i < 50 && (await inspectorView())!.selectedKeySource === fileId; i++) await new Promise((r) => setTimeout(r, 50));
    const view = (await inspectorView())!;
    assert.equal(view.selectedKeySource, 'env:0:JWT_SECRET');
    assert.equal(view.keySource, '.env JWT_SECRET');
    assert.equal(view.keyDescription, 'HMAC secret (64 bytes)');
    assert.ok(!view.keySources.some((o) => o.id === fileId));
    assert.notEqual(view.inspection?.verdict, 'verified', 'judged with the key it shows: the HMAC secret');
    // a webview that still names the forgotten source is not obeyed
    await fromWebview({ type: 'inspect', token: esToken, keySource: fileId, options: OPTIONS });
    assert.equal((await inspectorView())!.keyDescription, 'HMAC secret (64 bytes)');
  });

  it('"Signed here" names the key that signed; choosing a verification key then verifies; a failed sign\'s error is replaced', async () => {
    const privId = (await vscode.commands.executeCommand<string>('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath('keys', 'es256-private.pem')) }))!;
    const pubId = (await vscode.commands.executeCommand<string>('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath('keys', 'es256-public.pem')) }))!;
    try {
      const failed = await fromWebview({ type: 'sign', header: '{}', payload: '{"sub": }', alg: 'ES256', keySource: privId });
      assert.ok(failed.some((m) => m.type === 'notice' && m.level === 'error'));
      const posted = await fromWebview({ type: 'sign', header: '{}', payload: '{"sub": "made-here"}', alg: 'ES256', keySource: privId });
      assert.ok(posted.some((m) => m.type === 'notice' && m.level === 'info' && /^Signed with key file keys\/es256-private\.pem \(ES256\)/.test(m.text)), 'the success replaces the error');
      let view = (await inspectorView())!;
      assert.equal(view.signedHere, true);
      assert.equal(view.signedWith, 'key file keys/es256-private.pem (ES256)');
      const token = view.inspection!.token!;
      await fromWebview({ type: 'inspect', token, keySource: pubId, options: OPTIONS });
      view = (await inspectorView())!;
      assert.equal(view.signedHere, false);
      assert.equal(view.inspection?.verdict, 'verified');
      assert.equal(view.keySource, 'key file keys/es256-public.pem');
    } finally {
      await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id: privId });
      await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id: pubId });
    }
  });
});

describe('first steps that used to trip people (issue 11.8, 11.9, 11.10, 11.16)', () => {
  after(closeAllEditors);
  it('Open Inspector opens ready for a paste; the previous token is one click away', async () => {
    const token = await signToken({ sub: 'old' }, SECRET);
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', token);
    const view = await vscode.commands.executeCommand<{ inspection?: Inspection; hasPrevious?: boolean }>('jwtWorkbench.openInspector');
    assert.equal(view?.inspection, undefined, 'the box is empty');
    assert.equal(view?.hasPrevious, true);
    await fromWebview({ type: 'restorePrevious' });
    assert.equal((await inspectorView())!.inspection?.token, token);
  });
  it('a double-clicked segment inside a token is widened to the whole token, and the panel says so', async () => {
    const token = await signToken({ sub: 'dbl' }, SECRET);
    const editor = await editorWith('double.txt', `Authorization: Bearer ${token}\n`, token.split('.')[1]);
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectSelection');
    assert.equal(ins?.verdict, 'verified');
    assert.equal(editor.document.getText(editor.selection), token, 'the selection now covers the token');
  });
  it('a 1.5 MB selection is refused before anything reaches the panel', async () => {
    const before = (await inspectorView())?.inspection?.token;
    await editorWith('huge.txt', 'eyJ' + 'A'.repeat(1_500_000));
    assert.equal(await vscode.commands.executeCommand('jwtWorkbench.inspectSelection'), undefined);
    assert.equal((await inspectorView())?.inspection?.token, before);
  });
  it('"Not verified — no key" with no .env offers Generate Secret, and names .env workspace-relative (never a file:// URI)', async () => {
    fs.rmSync(fsPath('.env'), { force: true });
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', await signToken({ sub: 'x' }, SECRET));
    const view = (await inspectorView())!;
    assert.equal(view.canGenerateSecret, true);
    assert.match(view.inspection!.detail!, /^There is no \.env in /);
    assert.doesNotMatch(view.inspection!.detail!, /file:\/\//);
    await fromWebview({ type: 'generateSecret' });
    assert.match(fs.readFileSync(fsPath('.env'), 'utf8'), /^JWT_SECRET=[0-9a-f]{64}\n$/);
    assert.equal((await inspectorView())!.canGenerateSecret, undefined);
  });
});

describe('a guided start: the recipe as a walkthrough (issue 11.18)', () => {
  it('four steps, each completed when its command succeeded (a context key it sets, never onCommand), each with its page', async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'jwt-workbench')!;
    const [walkthrough] = ext.packageJSON.contributes.walkthroughs as { steps: { id: string; media: { markdown: string }; completionEvents: string[] }[] }[];
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['generateSecret', 'sign', 'verify', 'middleware']);
    const { walkthroughContextKey } = await import('../../src/walkthrough');
    const keys = (['secretGenerated', 'payloadSigned', 'tokenVerified', 'djangoAuthAdded'] as const).map((k) => `onContext:${walkthroughContextKey(k)}`);
    assert.deepEqual(walkthrough.steps.map((s) => s.completionEvents), keys.map((k) => [k]));
    for (const step of walkthrough.steps) {
      assert.ok(fs.existsSync(vscode.Uri.joinPath(ext.extensionUri, step.media.markdown).fsPath), step.media.markdown);
    }
  });
});

describe('a secret typed in the panel (issue 11.11)', () => {
  after(closeAllEditors);
  it('verifies with it, in the chosen encoding, and never sends it back or keeps it', async () => {
    fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${SECRET}\n`);
    const bytes = crypto.randomBytes(32);
    const token = await signToken({ sub: 'panel' }, { secret: bytes.toString('hex'), encoding: 'hex' });
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', token);
    assert.equal((await inspectorView())!.inspection?.verdict, 'invalid-signature', 'the .env secret is not it');
    for (const [encoding, text] of [['hex', bytes.toString('hex')], ['base64', bytes.toString('base64')], ['base64url', bytes.toString('base64url')]] as const) {
      const posted = await fromWebview({ type: 'inspect', token, keySource: 'env:0:JWT_SECRET', options: OPTIONS, secret: { text, encoding } });
      const view = (await inspectorView())!;
      assert.equal(view.inspection?.verdict, 'verified', encoding);
      assert.equal(view.panelSecret, true);
      assert.match(view.keySource ?? '', new RegExp(`^the secret typed in the panel \\(${encoding}\\)$`));
      assert.ok(!JSON.stringify(posted).includes(text) && !JSON.stringify(view).includes(text), 'the secret never comes back');
    }
    // read as text (the default), the same characters are another key
    await fromWebview({ type: 'inspect', token, keySource: 'env:0:JWT_SECRET', options: OPTIONS, secret: { text: bytes.toString('hex'), encoding: 'utf8' } });
    assert.equal((await inspectorView())!.inspection?.verdict, 'invalid-signature');
    // without it, the chosen source is back
    await fromWebview({ type: 'inspect', token, keySource: 'env:0:JWT_SECRET', options: OPTIONS });
    assert.equal((await inspectorView())!.keySource, '.env JWT_SECRET');
    assert.equal((await inspectorView())!.panelSecret, undefined);
  });
});
