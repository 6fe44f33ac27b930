// Issue 22 in the real workbench: the panel says what is true of the token on display — no ES256 key is "not
// verified", a token issued in the future is not yet valid in the recipe's words, a status line goes with its token,
// and a secret typed for one token is not kept for the next — in light, dark and high-contrast themes.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { signToken } from '../../src/core';
import { ARTIFACTS, contrastFailures, inspector, openFile, openWorkbench, runCommand, selectAll, setTheme, shot, type Session } from './workbench';

describe('the first hour, truthfully, in the real workbench (issue 22)', function () {
  this.timeout(180000);
  let s: Session;
  const secret = crypto.randomBytes(32).toString('hex');
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });

  before(async () => {
    s = await openWorkbench();
    fs.writeFileSync(path.join(s.workspace, '.env'), `JWT_SECRET=${secret}\n`);
    await runCommand(s.page, 'JWT: Open Inspector');
    await inspector(s.page).locator('#token').waitFor({ timeout: 30000 });
  });
  after(async () => {
    if (s) await s.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && s) await shot(s.page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
  });

  async function paste(text: string): Promise<void> {
    const view = inspector(s.page);
    const before = await view.locator('#app').getAttribute('data-renders');
    await view.locator('#token').fill(text);
    await view.locator(`#app:not([data-renders="${before}"])`).waitFor({ timeout: 15000 });
  }

  async function themes(prefix: string): Promise<void> {
    for (const [theme, cls, file] of [['Dark 2026', /\bvs-dark\b/, `${prefix}-dark`], ['Light 2026', /\bvs\b(?!-)/, `${prefix}-light`], ['Default High Contrast', /\bhc-black\b/, `${prefix}-hc-dark`]] as const) {
      await setTheme(s, theme, cls);
      assert.deepEqual(await contrastFailures(inspector(s.page)), [], `${theme}: text below 4.5:1`);
      await s.page.locator('iframe.webview').first().screenshot({ path: path.join(ARTIFACTS, `${file}-panel.png`) });
    }
  }

  it('22.4 an ES256 token with only the .env secret: "Not verified: no ES256 key", with the offers that fit', async () => {
    const view = inspector(s.page);
    await paste(await signToken({ sub: 'es', iss: 'https://id.example.com' }, ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string));
    const banner = view.locator('#banner[data-verdict="unverified"]');
    await banner.waitFor({ timeout: 15000 });
    assert.match(await banner.innerText(), /Not verified: no ES256 key/);
    for (const id of ['#fixKeyFile', '#fixJwksUrl', '#findKey']) assert.equal(await view.locator(id).count(), 1, id);
    assert.equal(await view.locator('#fixPasteSecret').count(), 0, 'a secret never verifies ES256: not offered');
    assert.equal(await view.locator('#fixGenerateSecret').count(), 0);
    await themes('no-es256-key');
  });

  it('22.3 a token issued in the future: not yet valid, "Token is invalid." as the recipe\'s server answers', async () => {
    const view = inspector(s.page);
    const now = Math.floor(Date.now() / 1000);
    await paste(await signToken({ user: 'alice', iat: now + 3600, exp: now + 7200 }, secret, { addDefaults: false }));
    const banner = view.locator('#banner[data-verdict="not-yet-valid"]');
    await banner.waitFor({ timeout: 15000 });
    assert.match(await banner.innerText(), /issued in the future[\s\S]*"Token is invalid\."/);
    await themes('iat-future');
  });

  it('22.6 "Signed with …" goes with its token: Clear empties it', async () => {
    const view = inspector(s.page);
    await paste(await signToken({ user: 'alice' }, secret));
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 15000 });
    await view.locator('#payload .editable').click();
    await view.locator('#editPayload').fill('{"user": "bob"}');
    await view.locator('#notice', { hasText: /Signed with \.env JWT_SECRET \(HS256\)/ }).waitFor({ timeout: 15000 });
    await view.locator('#clear').click();
    await view.locator('#banner.empty').waitFor({ timeout: 15000 });
    assert.equal(await view.locator('#notice').innerText(), '', 'the emptied panel has no status line of the token it showed');
  });

  it('22.5 a secret typed for one token is gone when a token comes from the editor, and that token is checked with .env', async () => {
    const view = inspector(s.page);
    const other = crypto.randomBytes(32).toString('hex');
    await paste(await signToken({ sub: 'typed' }, other));
    await view.locator('#verifyOptions summary').click();
    await view.locator('#panelSecret').fill(other);
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 15000 });
    assert.match(await view.locator('#banner').innerText(), /Key: the secret typed in the panel/);
    fs.writeFileSync(path.join(s.workspace, 'next22.txt'), await signToken({ sub: 'next' }, secret));
    await openFile(s.page, 'next22.txt');
    await selectAll(s.page);
    await runCommand(s.page, 'JWT: Verify and Decode Selection');
    await view.locator('#banner[data-verdict="verified"]', { hasText: 'Key: .env JWT_SECRET' }).waitFor({ timeout: 15000 });
    assert.equal(await view.locator('#panelSecret').inputValue(), '', 'the box no longer holds the other token\'s secret');
    await view.locator('#verifyOptions summary').click();
  });
});
