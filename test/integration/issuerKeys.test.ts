// Issue 13 in the extension host: an issuer's keys fetched on request from a 127.0.0.1 server (issuer checked, hops
// checked), trust anchors for x5c chains made with openssl, secrets read as base64/hex, and "which key signed this".
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import * as vscode from 'vscode';
import { signToken, type Inspection } from '../../src/core';
import type { InspectorView, ToWebview } from '../../src/protocol';
import { makeChains, type Chains } from '../unit/core/x5cChains';
import { closeAllEditors, commandError, commandResult, fsPath, inspectorView } from './helpers';
import { fromWebview } from './harness';

type Route = (base: string) => { status?: number; body?: string; location?: string };

/** An issuer on 127.0.0.1: routes by path, every request recorded. */
async function issuerServer(routes: Record<string, Route>): Promise<{ base: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  let base = '';
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    const r = route ? route(base) : { status: 404, body: 'not found' };
    res.writeHead(r.status ?? 200, { 'content-type': 'application/json', ...(r.location ? { location: r.location } : {}) });
    res.end(r.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, requests, close: () => new Promise((r) => server.close(() => r())) };
}

const lastView = (posted: ToWebview[]) => [...posted].reverse().find((p): p is Extract<ToWebview, { type: 'view' }> => p.type === 'view')?.view as InspectorView;
const inspect = (token: string, source?: string) => vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectToken', token, undefined, source);

describe('keys from where issuers publish them (issue 13)', function () {
  this.timeout(60000);
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pub = { ...publicKey.export({ format: 'jwk' }), kid: 'idp-1', use: 'sig' };
  const priv = { ...privateKey.export({ format: 'jwk' }), kid: 'idp-1' };
  let idp: Awaited<ReturnType<typeof issuerServer>>;
  const added: string[] = [];

  before(async () => {
    idp = await issuerServer({
      '/realms/dev/.well-known/openid-configuration': (b) => ({ body: JSON.stringify({ issuer: `${b}/realms/dev`, jwks_uri: `${b}/realms/dev/certs` }) }),
      '/realms/dev/certs': () => ({ body: JSON.stringify({ keys: [pub] }) }),
      // RFC 8414 only: the OpenID Connect URL is not found, the oauth-authorization-server one is.
      '/.well-known/oauth-authorization-server/as': (b) => ({ body: JSON.stringify({ issuer: `${b}/as`, jwks_uri: `${b}/as/jwks` }) }),
      '/as/jwks': () => ({ body: JSON.stringify({ keys: [pub] }) }),
      // A document that describes another issuer (a mix-up), and one whose jwks_uri leads off this machine.
      '/mixup/.well-known/openid-configuration': () => ({ body: JSON.stringify({ issuer: 'https://evil.example', jwks_uri: 'https://evil.example/keys' }) }),
      '/offsite/.well-known/openid-configuration': (b) => ({ body: JSON.stringify({ issuer: `${b}/offsite`, jwks_uri: `${b}/offsite/keys` }) }),
      '/offsite/keys': () => ({ status: 302, location: 'http://169.254.169.254/latest/meta-data/' }),
      '/hop/.well-known/openid-configuration': () => ({ status: 301, location: 'http://attacker.example/.well-known/openid-configuration' }),
    });
  });
  after(async () => {
    for (const id of added.filter(Boolean)) await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id });
    await idp.close();
    await closeAllEditors();
  });

  describe('13.1 issuer discovery, on request', () => {
    it('the inspector offers "Fetch keys for <iss>" for a token no key verifies, and fetches nothing until asked', async () => {
      const token = await signToken({ sub: 'u', iss: `${idp.base}/realms/dev` }, { jwk: priv }, { alg: 'ES256', lifetime: '1h' });
      idp.requests.length = 0;
      await inspect(token);
      const view = await inspectorView();
      assert.equal(view?.issuerOffer, `${idp.base}/realms/dev`);
      assert.deepEqual(idp.requests, [], 'nothing is fetched because a token says so');
    });

    it('Add Issuer: the discovery document\'s jwks_uri becomes a JWKS source, and the token verifies with it', async () => {
      const iss = `${idp.base}/realms/dev`;
      const id = await commandResult<string>('jwtWorkbench.addIssuer', { issuer: iss, confirmed: true });
      added.push(id);
      assert.equal(id, `jwks:${idp.base}/realms/dev/certs`);
      assert.deepEqual(idp.requests, ['/realms/dev/.well-known/openid-configuration', '/realms/dev/certs']);
      const token = await signToken({ sub: 'u', iss }, { jwk: priv }, { alg: 'ES256', lifetime: '1h' });
      const ins = await inspect(token, id);
      assert.equal(ins.verdict, 'verified', ins.detail);
      const view = await inspectorView();
      assert.equal(view?.keySource, `issuer ${iss} — JWKS ${idp.base}/realms/dev/certs (1 key)`);
      assert.equal(view?.issuerOffer, undefined, 'no offer once the issuer\'s keys are the ones in use');
    });

    it('falls back to RFC 8414\'s /.well-known/oauth-authorization-server/<path> only when the first is not found', async () => {
      idp.requests.length = 0;
      const id = await commandResult<string>('jwtWorkbench.addIssuer', { issuer: `${idp.base}/as`, confirmed: true });
      added.push(id);
      assert.deepEqual(idp.requests, ['/as/.well-known/openid-configuration', '/.well-known/oauth-authorization-server/as', '/as/jwks']);
    });

    /** What is refused, the issuer path, the code of the error shown, and what that error names. */
    const refusals: [string, string, string, string[]][] = [
      ['an issuer mismatch', '/mixup', 'ERR_DISCOVERY', ['https://evil.example', '/mixup']],
      ['a jwks_uri that redirects off this machine', '/offsite', 'ERR_FETCH_REDIRECT_REFUSED', ['http://169.254.169.254/latest/meta-data/']],
      ['a discovery URL that redirects to plain http elsewhere', '/hop', 'ERR_FETCH_REDIRECT_REFUSED', ['http://attacker.example/.well-known/openid-configuration']],
      ['an issuer with no document', '/nothing', 'ERR_DISCOVERY_NOT_FOUND', ['/nothing/.well-known/openid-configuration', '/.well-known/oauth-authorization-server/nothing']],
    ];
    for (const [what, path, code, names] of refusals) {
      it(`refuses ${what}, and names why`, async () => {
        const shown = await commandError('jwtWorkbench.addIssuer', { issuer: `${idp.base}${path}`, confirmed: true });
        assert.equal(shown.code, code, shown.message);
        for (const name of names) assert.ok(shown.message.includes(name), `names ${name}: ${shown.message}`);
        assert.ok(!idp.requests.some((r) => r.includes('meta-data') || r.includes('attacker')), 'a refused hop is never followed');
      });
    }

    it('the webview cannot make it fetch a URL of its own: fetchIssuerKeys carries none, and without an offer does nothing', async () => {
      const token = jwt.sign({ sub: 'u', iss: 'my-django-app' }, 'x'.repeat(32));
      await inspect(token);
      idp.requests.length = 0;
      assert.equal((await inspectorView())?.issuerOffer, undefined, 'an iss that is not a URL is not offered');
      await fromWebview({ type: 'fetchIssuerKeys', url: `${idp.base}/realms/dev` });
      assert.deepEqual(idp.requests, []);
    });
  });

  describe('13.2 trust anchors for x5c chains', () => {
    let c: Chains;
    before(() => {
      c = makeChains();
      fs.writeFileSync(fsPath('ca.pem'), c.pem('root'));
      fs.writeFileSync(fsPath('other-ca.pem'), c.pem('otherRoot'));
    });
    after(() => {
      c?.cleanup();
      for (const f of ['ca.pem', 'other-ca.pem']) fs.rmSync(fsPath(f), { force: true });
    });

    it('Add Trust Anchors, then a token with an x5c chain is checked against them — chosen for it, and the chain said', async () => {
      const id = await vscode.commands.executeCommand<string>('jwtWorkbench.addTrustAnchors', { uri: vscode.Uri.file(fsPath('ca.pem')) });
      added.push(id);
      assert.match(id, /^anchors:file:/);
      const token = await signToken({ sub: 'svc' }, c.pem('leaf.key'), { alg: 'ES256', header: { x5c: c.x5c('leaf', 'inter') }, lifetime: '1h' });
      // No key source named: the extension chooses the trust anchors because the token carries x5c.
      const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectToken', token);
      assert.equal(ins.verdict, 'verified', ins.detail);
      assert.equal(ins.chain?.anchor, 'CN=Test Root CA');
      assert.ok(Object.keys(require.cache).some((k) => /[\\/]dist[\\/]pkijs\.js$/.test(k)), 'the X.509 library is loaded on first use');
      const view = await inspectorView();
      assert.equal(view?.keySource, 'trust anchors ca.pem');
      assert.match(view?.keyChosen ?? '', /trust anchors ca\.pem: the token carries an x5c certificate chain/);
    });

    it('with another CA as the anchor the same token is refused, naming the link', async () => {
      const id = await vscode.commands.executeCommand<string>('jwtWorkbench.addTrustAnchors', { uri: vscode.Uri.file(fsPath('other-ca.pem')) });
      added.push(id);
      const token = await signToken({ sub: 'svc' }, c.pem('leaf.key'), { alg: 'ES256', header: { x5c: c.x5c('leaf', 'inter', 'root') }, lifetime: '1h' });
      const ins = await inspect(token, id);
      assert.equal(ins.verdict, 'invalid-signature');
      assert.match(ins.detail ?? '', /no path to a trust anchor: the chain ends at CN=Test Root CA/);
    });

    it('a file that is not a certificate is refused as a trust anchor', async () => {
      fs.writeFileSync(fsPath('not-ca.pem'), c.pem('leaf.key'));
      try {
        assert.equal(await vscode.commands.executeCommand('jwtWorkbench.addTrustAnchors', { uri: vscode.Uri.file(fsPath('not-ca.pem')) }), undefined);
      } finally {
        fs.rmSync(fsPath('not-ca.pem'), { force: true });
      }
    });
  });

  describe('13.3 encoded secrets and 13.4 which key signed this', () => {
    const raw = crypto.randomBytes(32);
    const b64 = raw.toString('base64');
    const staging = crypto.randomBytes(32).toString('hex');
    const many = Array.from({ length: 45 }, () => crypto.randomBytes(32).toString('hex'));
    before(() => {
      fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${b64}\nDEBUG=1\n`);
      fs.writeFileSync(fsPath('.env.staging'), `JWT_SECRET=${staging}\nDATABASE_URL=postgres://x\n`);
      fs.writeFileSync(fsPath('.env.production'), many.map((s, i) => `TENANT_${i}_JWT_SECRET=${s}`).join('\n') + '\nSECRET_KEY=django-insecure-abc\n');
    });
    after(async () => {
      for (const f of ['.env', '.env.staging', '.env.production']) fs.rmSync(fsPath(f), { force: true });
      await fromWebview({ type: 'setSecretEncoding', encoding: 'utf8' });
    });

    it('a token signed with the base64-decoded .env secret: the view says so, and "read as base64" verifies it (remembered)', async () => {
      const token = jwt.sign({ sub: 'u' }, raw, { algorithm: 'HS256', expiresIn: 600 });
      const ins = await inspect(token);
      assert.equal(ins.verdict, 'invalid-signature');
      assert.equal(ins.secretReading?.encoding, 'base64');
      assert.equal((await inspectorView())?.secretEncoding, 'utf8');
      const view = lastView(await fromWebview({ type: 'setSecretEncoding', encoding: 'base64' }));
      assert.equal(view.inspection?.verdict, 'verified', view.inspection?.detail);
      assert.equal(view.keySource, '.env JWT_SECRET, read as base64');
      assert.equal(view.secretEncoding, 'base64');
      assert.equal((await inspect(token)).verdict, 'verified', 'the reading is remembered for the source');
      // Back to text: the PyJWT recipe's reading.
      lastView(await fromWebview({ type: 'setSecretEncoding', encoding: 'utf8' }));
      assert.equal((await inspect(token)).verdict, 'invalid-signature');
    });

    it('a hostile encoding is refused by the protocol', async () => {
      assert.deepEqual(await fromWebview({ type: 'setSecretEncoding', encoding: 'rot13' }), []);
    });

    it('which key: among 50 keys of three .env files, the staging secret is found, and Use this key verifies with it', async () => {
      const token = jwt.sign({ sub: 'u', env: 'staging' }, staging, { algorithm: 'HS256', expiresIn: 600 });
      await inspect(token);
      const view = lastView(await fromWebview({ type: 'findKey' }));
      const s = view.keySearch!;
      assert.deepEqual(s.matches.map(({ handle: _h, ...m }) => m), [{ label: '.env.staging JWT_SECRET', inUse: false }]);
      assert.ok(s.tried >= 48, `tried ${s.tried}`);
      console.log(`      which key over ${s.tried + s.skipped} keys (${s.tried} tried, ${s.skipped} skipped): ${s.ms.toFixed(2)} ms`);
      const used = lastView(await fromWebview({ type: 'useKey', handle: s.matches[0].handle }));
      assert.equal(used.inspection?.verdict, 'verified');
      assert.equal(used.selectedKeySource, 'env:0:JWT_SECRET@.env.staging');
      assert.ok(used.keySources.some((o) => o.id === 'env:0:JWT_SECRET@.env.staging'), 'the found key is in the picker');
      assert.match(used.keyChosen ?? '', /it signed this token/);
    });

    it('"chosen for this token" is said of that token only: a new token pasted with the same key drops it', async () => {
      const view = await inspectorView();
      assert.match(view?.keyChosen ?? '', /it signed this token/);
      const other = jwt.sign({ sub: 'someone-else' }, crypto.randomBytes(32).toString('hex'), { algorithm: 'HS256' });
      const after = lastView(await fromWebview({ type: 'inspect', token: other, keySource: view!.selectedKeySource, options: view!.options }));
      assert.equal(after.selectedKeySource, view!.selectedKeySource);
      assert.equal(after.keyChosen, undefined, 'the reason it was chosen was about the other token');
    });

    it('a key the search did not find cannot be chosen through useKey', async () => {
      const before = (await inspectorView())?.selectedKeySource;
      for (const handle of ['env:0:TENANT_3_JWT_SECRET@.env.production', 'file:///etc/passwd']) {
        const view = lastView(await fromWebview({ type: 'useKey', handle }));
        assert.equal(view?.selectedKeySource ?? before, before);
      }
      assert.equal((await inspectorView())?.selectedKeySource, before);
    });

    it('which key finds a secret only its decoded reading verifies, and Use this key reads it so', async () => {
      const token = jwt.sign({ sub: 'u' }, raw, { algorithm: 'HS256', expiresIn: 600 });
      await inspect(token);
      const view = lastView(await fromWebview({ type: 'findKey' }));
      assert.deepEqual(view.keySearch?.matches.map(({ handle: _h, ...m }) => m), [{ label: '.env JWT_SECRET', reading: 'base64', inUse: false }]);
      const used = lastView(await fromWebview({ type: 'useKey', handle: view.keySearch!.matches[0].handle }));
      assert.equal(used.inspection?.verdict, 'verified');
      assert.equal(used.secretEncoding, 'base64');
    });
  });
});
