import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { signToken } from '../../src/core';
import { REPO } from '../host/codeServer';
import { inspector, openFile, openWorkbench, runCommand, selectAll, shot, toast, type Session } from './workbench';

// The web extension build (package.json "browser") installed without "main", so the workbench runs it in the
// browser's web worker extension host — as vscode.dev would. No Node API is available to it there.
describe('the web extension build (web worker extension host)', function () {
  this.timeout(180000);
  let s: Session;
  let server: http.Server;
  const origins: (string | undefined)[] = [];
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  before(async () => {
    // A browser fetch needs CORS: an identity provider's JWKS endpoint answers any origin, as this one does.
    server = http.createServer((req, res) => {
      origins.push(req.headers.origin);
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'web-1', use: 'sig' }] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    s = await openWorkbench({}, true);
  });
  after(async () => {
    if (s) await s.close();
    await new Promise((r) => server.close(r));
  });

  it('generates a secret into .env and verifies a token in the inspector', async () => {
    await runCommand(s.page, 'JWT: Generate Secret into .env');
    await toast(s.page, 'JWT_SECRET written');
    const envFile = path.join(s.workspace, '.env');
    for (let i = 0; i < 50 && !fs.existsSync(envFile); i++) await s.page.waitForTimeout(100);
    const secret = /^JWT_SECRET=([0-9a-f]{64})\n$/.exec(fs.readFileSync(envFile, 'utf8'))?.[1];
    assert.ok(secret);
    await runCommand(s.page, 'JWT: Open Inspector');
    const view = inspector(s.page);
    await view.locator('#token').fill(await signToken({ user: 'web' }, secret));
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 30000 });
    assert.match(await view.locator('#claims').innerText(), /user\s+web/);
    await shot(s.page, 'web-extension-host');
  });

  it('Add JWKS URL from the palette, then an EdDSA token verifies with it in the inspector', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    await runCommand(s.page, 'JWT: Add JWKS URL…');
    const input = s.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15000 });
    await input.fill(url);
    await s.page.keyboard.press('Enter');
    for (let i = 0; i < 100 && origins.length === 0; i++) await s.page.waitForTimeout(100);
    assert.equal(origins.length, 1, 'fetched once');
    assert.ok(origins[0], 'by the browser (it sends an Origin), not by a Node process');
    await runCommand(s.page, 'JWT: Open Inspector');
    const view = inspector(s.page);
    await view.locator('#token').fill(await signToken({ user: 'web-jwks' }, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, { alg: 'EdDSA', header: { kid: 'web-1' } }));
    await view.locator('#verifyOptions summary').click();
    await view.locator('#keySource').selectOption({ label: `JWKS ${url} (1 key)` });
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 30000 });
    assert.match(await view.locator('#keyInfo').innerText(), /Ed25519|OKP/);
  });

  it('the inspector paints its first verdict from the HTML it is opened with, not from a message (21.6)', async () => {
    const secret = /^JWT_SECRET=([0-9a-f]{64})$/m.exec(fs.readFileSync(path.join(s.workspace, '.env'), 'utf8'))![1];
    await runCommand(s.page, 'View: Close All Editors');
    const file = path.join(s.workspace, 'first-paint.txt');
    fs.writeFileSync(file, await signToken({ user: 'first-paint' }, secret));
    await openFile(s.page, file);
    await selectAll(s.page);
    await runCommand(s.page, 'JWT: Verify and Decode Selection');
    const view = inspector(s.page);
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 30000 });
    await s.page.waitForTimeout(1000);
    const embedded = JSON.parse((await view.locator('#initial-view').textContent({ timeout: 5000 })) ?? 'null');
    assert.equal(embedded?.inspection?.verdict, 'verified', 'the webview\'s HTML carried the view');
    assert.equal(await view.locator('#app').getAttribute('data-renders'), '1', 'painted once: no view message followed it');
  });

  it('activates in the web worker host (Show Running Extensions; the time is printed, not asserted)', async () => {
    await runCommand(s.page, 'Developer: Show Running Extensions');
    const rows = s.page.locator('.runtime-extensions-editor .monaco-list-row');
    await rows.first().waitFor({ timeout: 15000 });
    await rows.first().click();
    let time = '';
    for (let i = 0; i < 20 && !time; i++) {
      const row = rows.filter({ hasText: 'JWT Workbench' }).first();
      if (await row.count()) time = (await row.locator('.activation-time').first().innerText()).trim();
      else await s.page.keyboard.press('PageDown');
    }
    const kib = (f: string) => (fs.statSync(path.join(REPO, f)).size / 1024).toFixed(1);
    console.log(`      web worker extension host: JWT Workbench activation ${time}; dist/web/extension.js ${kib('dist/web/extension.js')} KiB (dist/extension.js ${kib('dist/extension.js')} KiB)`);
    assert.match(time, /\d+\s*ms/);
  });
});
