import * as assert from 'node:assert/strict';
import * as childProcess from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { inspectToken, signToken, type Inspection } from '../../src/core';
import { closeAllEditors, editorWith, fsPath, inspectorView } from './helpers';

/** A JWKS server on 127.0.0.1 that records every request it gets. */
async function jwksServer(routes: Record<string, () => { status?: number; body: string }>): Promise<{ url: (p: string) => string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    const r = route ? route() : { status: 404, body: 'not found' };
    res.writeHead(r.status ?? 200, { 'content-type': 'application/json' });
    res.end(r.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: (p) => `http://127.0.0.1:${port}${p}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

function rsa(kid: string): { priv: crypto.JsonWebKey; pub: crypto.JsonWebKey } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { priv: { ...privateKey.export({ format: 'jwk' }), kid }, pub: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig' } };
}

describe('JWKS from a URL the user adds — and nothing else fetched', () => {
  const k1 = rsa('k1');
  const k2 = rsa('k2');
  let keys = [k1.pub];
  let server: Awaited<ReturnType<typeof jwksServer>>;
  before(async () => {
    server = await jwksServer({
      '/jwks': () => ({ body: JSON.stringify({ keys }) }),
      '/private': () => ({ body: JSON.stringify({ keys: [k1.priv] }) }),
      '/html': () => ({ body: '<html>sign in</html>' }),
      '/evil': () => ({ body: JSON.stringify({ keys: [k2.pub] }) }),
    });
  });
  after(async () => {
    for (const p of ['/jwks', '/private', '/html']) await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id: `jwks:${server.url(p)}` });
    await server.close();
    await closeAllEditors();
  });

  it('fetches the URL once when added, then verifies tokens by kid with it', async () => {
    const id = await vscode.commands.executeCommand<string>('jwtWorkbench.addJwksUrl', { url: server.url('/jwks') });
    assert.equal(id, `jwks:${server.url('/jwks')}`);
    assert.deepEqual(server.requests, ['/jwks']);
    const token = await signToken({ sub: 'jwks-user' }, { jwk: k1.priv }, { alg: 'RS256' });
    // The third argument chooses the key source, as the inspector's picker does.
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectToken', token, undefined, id);
    assert.equal(ins?.verdict, 'verified', ins?.message);
    const view = await inspectorView();
    assert.match(view?.keySource ?? '', /^JWKS http:\/\/127\.0\.0\.1:\d+\/jwks \(1 key\)$/);
    assert.match(view?.keyDescription ?? '', /^RSA public JWK \(2048 bits\) — kid k1$/);
    assert.equal(view?.keyIsSecret, false);
    assert.ok(view?.keySources.some((s) => s.id === id), 'listed in the pickers');
    assert.deepEqual(server.requests, ['/jwks'], 'verifying with a kid it has fetches nothing');
  });

  it('never follows a token’s jku or x5u, and asks again for an unknown kid at most once a minute', async () => {
    const id = `jwks:${server.url('/jwks')}`;
    const before = server.requests.length;
    const token = await signToken({ sub: 'attacker' }, { jwk: k2.priv }, { alg: 'RS256', header: { jku: server.url('/evil'), x5u: server.url('/evil') } });
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectToken', token, undefined, id);
    assert.equal(ins?.verdict, 'invalid-signature');
    assert.ok(!server.requests.includes('/evil'), 'jku/x5u never fetched');
    assert.deepEqual(server.requests.slice(before), [], 'kid k2 is unknown, but the set was fetched less than a minute ago');
    assert.deepEqual(ins?.warnings.filter((w) => w.code.startsWith('header-')).map((w) => w.code), ['header-jku', 'header-x5u'], 'the header is flagged');
  });

  it('re-adding the URL fetches the rotated set; refuses private keys, non-JSON and plain http to other hosts', async () => {
    keys = [k1.pub, k2.pub];
    const id = await vscode.commands.executeCommand<string>('jwtWorkbench.addJwksUrl', { url: server.url('/jwks') });
    const token = await signToken({ sub: 'rotated' }, { jwk: k2.priv }, { alg: 'RS256' });
    assert.equal((await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectToken', token, undefined, id))?.verdict, 'verified');
    assert.equal(await vscode.commands.executeCommand('jwtWorkbench.addJwksUrl', { url: server.url('/private') }), undefined);
    assert.equal(await vscode.commands.executeCommand('jwtWorkbench.addJwksUrl', { url: server.url('/html') }), undefined);
    const requests = server.requests.length;
    assert.equal(await vscode.commands.executeCommand('jwtWorkbench.addJwksUrl', { url: 'http://jwks.example/keys' }), undefined);
    assert.equal(server.requests.length, requests);
    const view = await inspectorView();
    assert.ok(!view?.keySources.some((s) => /private|html/.test(s.id)), 'refused URLs are not kept');
  });
});

describe('a key to sign with when .env has none', () => {
  let saved: string | undefined;
  before(() => {
    saved = fs.existsSync(fsPath('.env')) ? fs.readFileSync(fsPath('.env'), 'utf8') : undefined;
  });
  after(async () => {
    if (saved === undefined) fs.rmSync(fsPath('.env'), { force: true });
    else fs.writeFileSync(fsPath('.env'), saved);
    await closeAllEditors();
  });

  it('a key file chosen for signing signs with its own algorithm; a public key is refused for it', async () => {
    fs.writeFileSync(fsPath('.env'), 'OTHER=1\n');
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    fs.writeFileSync(fsPath('sign-key.pem'), privateKey.export({ format: 'pem', type: 'pkcs8' }));
    fs.writeFileSync(fsPath('sign-key.pub.pem'), publicKey.export({ format: 'pem', type: 'spki' }));
    assert.equal(await vscode.commands.executeCommand('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath('sign-key.pub.pem')), forSigning: true }), undefined);
    const id = await vscode.commands.executeCommand<string>('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath('sign-key.pem')), forSigning: true });
    assert.ok(id?.startsWith('file:'));
    try {
      const editor = await editorWith('es256.txt', '{"user": "keyfile"}');
      const token = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
      assert.ok(token, 'signed');
      assert.equal(editor.document.getText(), token);
      const ins = await inspectToken(token, { key: publicKey.export({ format: 'pem', type: 'spki' }) as string });
      assert.equal(ins.verdict, 'verified');
      assert.equal(ins.header?.alg, 'ES256');
      // Once .env has a secret again, it wins.
      fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${'e'.repeat(64)}\n`);
      await editorWith('hs.json', '{"user": "env"}');
      const hs = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
      assert.equal((await inspectToken(hs!, { key: 'e'.repeat(64) })).header?.alg, 'HS256');
    } finally {
      await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id });
    }
    fs.writeFileSync(fsPath('.env'), 'OTHER=1\n');
    await editorWith('forgotten.json', '{"user": "none"}');
    assert.equal(await vscode.commands.executeCommand('jwtWorkbench.signSelection'), undefined, 'forgotten: nothing to sign with');
  });
});

describe('secrets in the inspector: described and masked, never sent unasked', () => {
  after(closeAllEditors);

  it('the view describes the .env secret without it', async () => {
    const secret = crypto.randomBytes(32).toString('hex');
    fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${secret}\n`);
    const token = await signToken({ sub: 'masked' }, secret);
    await editorWith('masked.txt', token);
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectSelection');
    assert.equal(ins?.verdict, 'verified');
    const view = await inspectorView();
    assert.equal(view?.keyDescription, 'HMAC secret (64 bytes)');
    assert.equal(view?.keyIsSecret, true);
    assert.ok(!JSON.stringify(view).includes(secret));
  });
});

/** Make a file unwritable even for root: chattr +i where the file system has it, else chmod (non-root). */
function makeReadOnly(file: string): (() => void) | undefined {
  try {
    childProcess.execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
    return () => childProcess.execFileSync('chattr', ['-i', file], { stdio: 'ignore' });
  } catch {
    if (process.getuid?.() === 0) return undefined;
    fs.chmodSync(file, 0o444);
    return () => fs.chmodSync(file, 0o644);
  }
}

describe('a read-only .env', () => {
  afterEach(closeAllEditors);

  for (const open of [false, true]) {
    it(`gives a clear error and writes nothing${open ? ' (open in an editor)' : ''}`, async function () {
      fs.writeFileSync(fsPath('.env'), 'JWT_SECRET=old\n');
      const restore = makeReadOnly(fsPath('.env'));
      if (!restore) this.skip(); // root on a file system without chattr: nothing can make the file read-only
      try {
        const doc = open ? await vscode.workspace.openTextDocument(vscode.Uri.file(fsPath('.env'))) : undefined;
        if (doc) await vscode.window.showTextDocument(doc);
        assert.equal(await vscode.commands.executeCommand('jwtWorkbench.generateSecret', { replace: true }), undefined);
        assert.equal(fs.readFileSync(fsPath('.env'), 'utf8'), 'JWT_SECRET=old\n');
        if (doc) {
          assert.equal(doc.getText(), 'JWT_SECRET=old\n', 'the editor is back to what the file holds');
          assert.equal(doc.isDirty, false);
        }
      } finally {
        restore();
      }
    });
  }
});
