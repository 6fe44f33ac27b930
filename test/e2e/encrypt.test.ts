// Issue 26 in the real workbench: JWT: Encrypt Selection… from the palette on a selected signed token (sign, then
// encrypt: a nested JWT), the recipient and the algorithms picked as a person picks them; the panel decrypts the
// result with the key pair in .env and verifies the inner signature.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { signToken } from '../../src/core';
import { contextMenuLabels, editorText, inspector, openFile, openWorkbench, runCommand, selectAll, shot, toast, type Session } from './workbench';
import type { Page } from 'playwright-core';

describe('Encrypt Selection in the real workbench (issue 26)', function () {
  this.timeout(180000);
  let s: Session;
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pkcs8 = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

  before(async () => {
    s = await openWorkbench();
    // The key pair in .env (quoted, over several lines): it signs, is encrypted to (its public half), and decrypts.
    fs.writeFileSync(path.join(s.workspace, '.env'), `JWT_PRIVATE_KEY="${pkcs8.trim()}"\n`);
  });
  after(async () => {
    if (s) await s.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && s) await shot(s.page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
  });

  it('sign-then-encrypt: a selected ES256 token encrypted to .env JWT_PRIVATE_KEY (its default ECDH-ES+A256KW / A256GCM) decrypts in the panel and the inner token verifies', async () => {
    const signed = await signToken({ sub: 'alice', role: 'admin' }, pkcs8, { lifetime: '1h' });
    const file = path.join(s.workspace, 'nested.txt');
    fs.writeFileSync(file, `${signed}\n`);
    await openFile(s.page, file);
    await selectAll(s.page);
    assert.ok((await contextMenuLabels(s.page)).includes('Encrypt Selection…'), 'in the editor context menu');
    await selectAll(s.page);
    await runCommand(s.page, 'JWT: Encrypt Selection…');
    await pickRecipient(s.page, 'JWT_PRIVATE_KEY');
    const first = s.page.locator('.quick-input-list .monaco-list-row.focused');
    await first.waitFor({ timeout: 10000 });
    assert.match(await first.innerText(), /ECDH-ES\+A256KW \/ A256GCM[\s\S]*default for this key/);
    assert.equal(await s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'RSA1_5' }).count(), 0, 'RSA1_5 is never offered');
    await s.page.keyboard.press('Enter');

    const view = inspector(s.page);
    const banner = view.locator('#banner[data-verdict="verified"]');
    await banner.waitFor({ timeout: 30000 });
    assert.match(await banner.innerText(), /Encrypted \(JWE\)[\s\S]*Inner token \(cty "JWT"\)/);
    const token = (await view.locator('#token').inputValue()).trim();
    assert.equal(token.split('.').length, 5, 'the panel shows the JWE');
    assert.equal(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).cty, 'JWT');
    await toast(s.page, /Encrypted to \.env JWT_PRIVATE_KEY \(ECDH-ES\+A256KW \/ A256GCM\), in place of the signed token/);
    assert.equal((await editorText(s.page)).replace(/\s+/g, ''), token, 'the signed token in the file became the encrypted one');
    assert.doesNotMatch(await view.locator('body').innerText(), /BEGIN PRIVATE KEY|"d":/, 'no private key in the panel');
    await shot(s.page, 'encrypt-nested-verified');
  });

  it("the inspector's Encrypt… nests the signed token on display in a JWE, which the panel then decrypts and verifies", async () => {
    const view = inspector(s.page);
    const signed = await signToken({ sub: 'bob' }, pkcs8, { lifetime: '1h' });
    const before = await view.locator('#app').getAttribute('data-renders');
    await view.locator('#token').fill(signed);
    await view.locator(`#app:not([data-renders="${before}"])`).waitFor({ timeout: 15000 });
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 30000 });
    await view.locator('#encrypt:not([disabled])').click();
    await pickRecipient(s.page, 'JWT_PRIVATE_KEY');
    await s.page.locator('.quick-input-list .monaco-list-row.focused').waitFor({ timeout: 10000 });
    await s.page.keyboard.press('Enter');
    await view.locator('#banner[data-verdict="verified"]', { hasText: 'Encrypted (JWE)' }).waitFor({ timeout: 30000 });
    const token = (await view.locator('#token').inputValue()).trim();
    assert.equal(token.split('.').length, 5);
    assert.equal(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).cty, 'JWT');
    assert.match(await view.locator('#claims').innerText(), /sub\s+bob/);
    await shot(s.page, 'encrypt-inspector-button');
  });
});

/** Encrypt's first picker: the recipient, chosen by typing its name and Enter, as a person does; then the algorithms' picker is open. */
async function pickRecipient(page: Page, name: string): Promise<void> {
  await page.locator('.quick-input-widget', { hasText: 'Encrypt to which key?' }).waitFor({ timeout: 15000 });
  await page.locator('.quick-input-widget input').fill(name);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget', { hasText: 'Key management / content encryption' }).waitFor({ timeout: 15000 });
}
