// Issue 13 in the real workbench: Fetch keys for <iss>… (the URLs shown in a modal first), trust anchors for an x5c
// chain, a secret read as base64 on the banner's offer, and "Which of my keys signed this?" — in light, dark and
// high-contrast themes.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import jwt from 'jsonwebtoken';
import { signToken } from '../../src/core';
import { makeChains, type Chains } from '../unit/core/x5cChains';
import { ARTIFACTS, chooseInFileDialog, contrastFailures, inspector, openWorkbench, runCommand, setTheme, shot, type Session } from './workbench';

describe('keys from where issuers publish them, in the real workbench (issue 13)', function () {
  this.timeout(180000);
  let s: Session;
  let c: Chains;
  let server: http.Server;
  let base = '';
  const requests: string[] = [];
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const raw = crypto.randomBytes(32);
  const staging = crypto.randomBytes(32).toString('hex');

  before(async () => {
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      const body =
        req.url === '/realms/dev/.well-known/openid-configuration' ? { issuer: `${base}/realms/dev`, jwks_uri: `${base}/realms/dev/certs` }
        : req.url === '/realms/dev/certs' ? { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'idp-1', use: 'sig' }] }
        // An issuer whose jwks_uri is on another origin (the same server, named localhost): asked about again.
        : req.url === '/cdn/.well-known/openid-configuration' ? { issuer: `${base}/cdn`, jwks_uri: `${base.replace('127.0.0.1', 'localhost')}/realms/dev/certs` }
        : undefined;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(body ? JSON.stringify(body) : '');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    c = makeChains();
    s = await openWorkbench();
    fs.writeFileSync(path.join(s.workspace, '.env'), `JWT_SECRET=${raw.toString('base64')}\n`);
    fs.writeFileSync(path.join(s.workspace, '.env.staging'), `JWT_SECRET=${staging}\n`);
    fs.writeFileSync(path.join(s.workspace, '.env.production'), Array.from({ length: 40 }, (_, i) => `TENANT_${i}_JWT_SECRET=${crypto.randomBytes(32).toString('hex')}`).join('\n') + '\n');
    fs.mkdirSync(path.join(s.workspace, 'certs'));
    fs.writeFileSync(path.join(s.workspace, 'certs', 'ca.pem'), c.pem('root'));
    await runCommand(s.page, 'JWT: Open Inspector');
    await inspector(s.page).locator('#token').waitFor({ timeout: 30000 });
  });
  after(async () => {
    if (s) await s.close();
    c?.cleanup();
    await new Promise((r) => server?.close(r));
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && s) await shot(s.page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
  });

  async function paste(text: string): Promise<void> {
    const view = inspector(s.page);
    const before = await view.locator('#app').getAttribute('data-renders');
    await view.locator('#token').fill(text);
    await view.locator(`#app:not([data-renders="${before}"])`).waitFor({ timeout: 15000 });
    await view.locator('#parts', { hasText: text.split('.')[1].slice(0, 16) }).waitFor({ timeout: 15000 });
  }

  it('13.1 Fetch keys for <iss>…: the modal lists the URLs, nothing is fetched before Fetch, then the token verifies', async () => {
    const token = await signToken({ sub: 'dev-user', iss: `${base}/realms/dev` }, { jwk: { ...privateKey.export({ format: 'jwk' }), kid: 'idp-1' } }, { alg: 'ES256', lifetime: '1h' });
    await paste(token);
    const view = inspector(s.page);
    const offer = view.locator('#fetchIssuer');
    await offer.waitFor({ timeout: 15000 });
    assert.equal((await offer.innerText()).trim(), `Fetch keys for ${base}/realms/dev…`);
    assert.deepEqual(requests, [], 'a token\'s iss fetches nothing by itself');
    await offer.click();
    const dialog = s.page.locator('.monaco-dialog-box').first();
    await dialog.waitFor({ timeout: 15000 });
    const text = await dialog.innerText();
    assert.match(text, new RegExp(`${base.replace(/\./g, '\\.')}/realms/dev/\\.well-known/openid-configuration`));
    assert.match(text, /oauth-authorization-server\/realms\/dev \(only if the first is not found\)/);
    assert.match(text, /exactly http:\/\/127\.0\.0\.1:\d+\/realms\/dev/);
    await shot(s.page, 'issuer-fetch-confirm');
    assert.deepEqual(requests, [], 'nothing fetched while the user reads the URLs');
    await dialog.locator('.monaco-button', { hasText: /^Fetch$/ }).click();
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 20000 });
    assert.deepEqual(requests, ['/realms/dev/.well-known/openid-configuration', '/realms/dev/certs']);
    assert.match(await view.locator('#banner').innerText(), /Key: issuer http:\/\/127\.0\.0\.1:\d+\/realms\/dev — JWKS .*\/realms\/dev\/certs \(1 key\)/);
    await shot(s.page, 'issuer-fetched');
  });

  it('20.8 a jwks_uri on another origin: a second modal names it, and Cancel fetches nothing there', async () => {
    const token = await signToken({ sub: 'u', iss: `${base}/cdn` }, { jwk: { ...privateKey.export({ format: 'jwk' }), kid: 'idp-1' } }, { alg: 'ES256', lifetime: '1h' });
    await paste(token);
    const view = inspector(s.page);
    await view.locator('#fetchIssuer').waitFor({ timeout: 15000 });
    requests.length = 0;
    await view.locator('#fetchIssuer').click();
    const first = s.page.locator('.monaco-dialog-box', { hasText: 'Fetch the keys of' }).first();
    await first.waitFor({ timeout: 15000 });
    assert.match(await first.innerText(), /a jwks_uri or redirect on another origin is asked about first, by name/);
    await first.locator('.monaco-button', { hasText: /^Fetch$/ }).click();
    const other = `${base.replace('127.0.0.1', 'localhost')}/realms/dev/certs`;
    const second = s.page.locator('.monaco-dialog-box', { hasText: 'leads to' }).first();
    await second.waitFor({ timeout: 15000 });
    assert.ok((await second.innerText()).includes(other), await second.innerText());
    await shot(s.page, 'issuer-other-origin');
    await second.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
    await s.page.locator('.notifications-toasts .notification-toast', { hasText: 'not fetched' }).first().waitFor({ timeout: 15000 });
    assert.deepEqual(requests, ['/cdn/.well-known/openid-configuration'], 'nothing fetched from the origin the user did not agree to');
  });

  it('13.2 trust anchors: a CA file added from the panel, then an x5c chain verifies to it — and one missing its intermediate does not', async () => {
    const view = inspector(s.page);
    await view.locator('#verifyOptions summary').click();
    await view.locator('#addTrustAnchors').click();
    await chooseInFileDialog(s.page, 'certs', 'ca.pem');
    await view.locator('#keySource option', { hasText: 'trust anchors certs/ca.pem' }).first().waitFor({ state: 'attached', timeout: 15000 });
    await view.locator('#verifyOptions summary').click();
    await paste(await signToken({ sub: 'svc' }, c.pem('leaf.key'), { alg: 'ES256', header: { x5c: c.x5c('leaf', 'inter') }, lifetime: '1h' }));
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 15000 });
    const banner = await view.locator('#banner').innerText();
    assert.match(banner, /Verified — certificate chain to CN=Test Root CA/);
    assert.match(banner, /CN=api\.example\.test → CN=Test Intermediate CA → CN=Test Root CA/);
    await shot(s.page, 'x5c-chain-verified');
    await paste(await signToken({ sub: 'svc' }, c.pem('leaf.key'), { alg: 'ES256', header: { x5c: c.x5c('leaf') }, lifetime: '1h' }));
    await view.locator('#banner[data-verdict="invalid-signature"]').waitFor({ timeout: 15000 });
    assert.match(await view.locator('#banner').innerText(), /no path to a trust anchor: neither x5c nor the trust anchors hold the issuer of CN=api\.example\.test, CN=Test Intermediate CA/);
    await shot(s.page, 'x5c-chain-broken');
  });

  it('13.3 a token signed with the base64-decoded .env secret: the banner says so, and "Read the secret as base64" verifies it', async () => {
    const view = inspector(s.page);
    await view.locator('#verifyOptions summary').click();
    await view.locator('#keySource').selectOption({ label: '.env JWT_SECRET' });
    await paste(jwt.sign({ sub: 'u', note: 'signed with the decoded bytes' }, raw, { algorithm: 'HS256', expiresIn: 600 }));
    await view.locator('#banner[data-verdict="invalid-signature"]').waitFor({ timeout: 15000 });
    assert.match(await view.locator('#banner').innerText(), /This token was signed with the base64-decoded secret/);
    await shot(s.page, 'secret-reading-offer');
    await view.locator('#useReading').click();
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 15000 });
    assert.match(await view.locator('#banner').innerText(), /Key: \.env JWT_SECRET, read as base64/);
    assert.equal(await view.locator('#secretReadAs').inputValue(), 'base64');
    await shot(s.page, 'secret-read-as-base64');
    // Back to text (the recipe's reading), from the same choice.
    await view.locator('#secretReadAs').selectOption('utf8');
    await view.locator('#banner[data-verdict="invalid-signature"]').waitFor({ timeout: 15000 });
    await view.locator('#verifyOptions summary').click();
  });

  it('13.4 Which of my keys signed this? finds the staging secret among 44 keys; Use this key verifies with it — in every theme', async () => {
    const view = inspector(s.page);
    await paste(jwt.sign({ sub: 'u', env: 'staging' }, staging, { algorithm: 'HS256', expiresIn: 600 }));
    await view.locator('#banner[data-verdict="invalid-signature"]').waitFor({ timeout: 15000 });
    await view.locator('#findKey').click();
    const result = view.locator('#keySearch');
    await result.waitFor({ timeout: 15000 });
    const text = await result.innerText();
    assert.match(text, /Signed with \.env\.staging JWT_SECRET/);
    assert.match(text, /\d+ keys tried, \d+ of other types skipped, in [\d.]+ ms\./);
    console.log(`      ${text.split('\n').pop()}`);
    await shot(s.page, 'which-key');
    assert.deepEqual(await contrastFailures(view), [], 'the answer reads at 4.5:1');
    await result.locator('.use-key').first().click();
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 15000 });
    assert.match(await view.locator('#banner').innerText(), /Key: \.env\.staging JWT_SECRET[\s\S]*it signed this token/);
    // A token no key signed: the answer says so; its panel is what the themes are checked on.
    await paste(jwt.sign({ sub: 'nobody' }, crypto.randomBytes(32).toString('hex'), { algorithm: 'HS256', expiresIn: 600 }));
    await view.locator('#findKey').click();
    await view.locator('#keySearch', { hasText: 'None of your keys signed this token.' }).waitFor({ timeout: 15000 });
    for (const [theme, cls, file] of [['Dark 2026', /\bvs-dark\b/, 'which-key-dark'], ['Light 2026', /\bvs\b(?!-)/, 'which-key-light'], ['Default High Contrast', /\bhc-black\b/, 'which-key-hc-dark']] as const) {
      await setTheme(s, theme, cls);
      assert.deepEqual(await contrastFailures(inspector(s.page)), [], `${theme}: text below 4.5:1`);
      await s.page.locator('iframe.webview').first().screenshot({ path: path.join(ARTIFACTS, `${file}-panel.png`) });
    }
  });
});
