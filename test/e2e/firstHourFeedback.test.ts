// Issue 22 in the real workbench: the walkthrough on the Welcome page (a step is ticked only when its command
// succeeded, its title is not cut off), and the feedback of Sign, Generate Secret, Store a Key… and Forget a Key Source….
import * as assert from 'node:assert/strict';
import { signToken } from '../../src/core';
import { ARTIFACTS, contrastFailures, inspector, openFile, openWorkbench, runCommand, setTheme, shot, toast, type Session } from './workbench';

describe('the walkthrough on the Welcome page (22.12)', function () {
  this.timeout(180000);
  let s: Session;
  before(async () => {
    s = await openWorkbench();
  });
  after(async () => {
    if (s) await s.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && s) await shot(s.page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
  });

  const signStep = () => s.page.locator('button.getting-started-step[data-step-id$="#payloadSigned"], button.getting-started-step[data-step-id$="#sign"]').first();

  async function openWalkthrough(): Promise<void> {
    await runCommand(s.page, 'Welcome: Open Walkthrough...');
    const input = s.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15000 });
    await input.fill('JWT');
    await s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'JWT' }).first().waitFor({ timeout: 15000 });
    await s.page.keyboard.press('Enter');
    await signStep().waitFor({ timeout: 30000 });
  }

  it('its title fits on the Welcome page of a laptop-sized window', async () => {
    await s.page.setViewportSize({ width: 1100, height: 800 });
    await runCommand(s.page, 'Help: Welcome');
    const card = s.page.locator('.getting-started-category', { hasText: 'JWT' }).first();
    await card.waitFor({ timeout: 30000 });
    await shot(s.page, 'walkthrough-welcome');
    const cut = await card.evaluate((el) => [...el.querySelectorAll<HTMLElement>('.category-title, .category-description-container, .category-description')].filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1).map((e) => e.textContent));
    await s.page.setViewportSize({ width: 1500, height: 950 });
    assert.deepEqual(cut, [], 'nothing is cut off');
  });

  it('"Sign a payload" stays unticked when Sign Selection failed (no editor), and is ticked once it signed', async () => {
    await runCommand(s.page, 'View: Close All Editors');
    await openWalkthrough();
    await signStep().click();
    await s.page.locator('.getting-started-step.expanded .monaco-button, .getting-started-step.expanded a', { hasText: 'Sign Selection' }).first().click();
    await toast(s.page, 'Open a file and select a JSON object');
    await s.page.waitForTimeout(1000);
    assert.equal(await signStep().getAttribute('aria-checked'), 'false', 'a failed command completes nothing');
    await shot(s.page, 'walkthrough-sign-failed');
    // no .env at all: Sign says so, not "No JWT_SECRET in .env" (22.14)
    await openFile(s.page, 'payload.json');
    await runCommand(s.page, 'JWT: Sign Selection');
    assert.match(await toast(s.page, 'no key to sign with'), /There is no \.env file \(the signing secret JWT_SECRET is read from it\)/);
    await runCommand(s.page, 'JWT: Generate Secret into .env');
    // one sentence tells "32 random bytes as hex" from the inspector's "HMAC secret (64 bytes)" (22.16)
    assert.match(await toast(s.page, 'JWT_SECRET written'), /32 random bytes as hex\)\. The 64 hex characters themselves are the key, as PyJWT uses them/);
    await openFile(s.page, 'payload.json');
    await runCommand(s.page, 'JWT: Sign Selection');
    await s.page.frameLocator('iframe.webview').first().locator('iframe').first().waitFor({ timeout: 30000 }).catch(() => undefined);
    await openWalkthrough();
    for (let i = 0; i < 50 && (await signStep().getAttribute('aria-checked')) !== 'true'; i++) await s.page.waitForTimeout(200);
    assert.equal(await signStep().getAttribute('aria-checked'), 'true', 'ticked after a successful sign');
    await shot(s.page, 'walkthrough-sign-done');
  });

  it('Store a Key… says what it stored; Forget a Key Source… asks before deleting it from SecretStorage, and says so (22.14)', async () => {
    await runCommand(s.page, 'View: Close All Editors'); // the walkthrough's page, a webview, may take the focus from a quick pick
    await runCommand(s.page, 'JWT: Store a Key in SecretStorage…');
    const input = s.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15000 });
    await input.fill('staging');
    await s.page.keyboard.press('Enter');
    await s.page.locator('.quick-input-widget', { hasText: 'Store a key (2/2)' }).waitFor({ timeout: 15000 });
    await input.fill('h'.repeat(64));
    await s.page.keyboard.press('Enter');
    const stored = await toast(s.page, 'Stored the key');
    assert.match(stored, /Stored the key “staging” in VS Code’s SecretStorage/);
    assert.ok(!stored.includes('hhhh'), 'the key is never shown');
    const dialog = s.page.locator('.monaco-dialog-box', { hasText: 'Delete the stored key “staging” from SecretStorage?' });
    // The pick is chosen as a person does with the keyboard (filter, Enter); a quick pick that lost the focus on a loaded
    // machine closes, and is opened again (at most three times).
    for (let attempt = 0; attempt < 3 && !(await dialog.isVisible()); attempt++) {
      await runCommand(s.page, 'JWT: Forget a Key Source…');
      const row = s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'staging' }).first();
      if (!(await row.waitFor({ timeout: 15000 }).then(() => true, () => false))) continue;
      await input.fill('staging');
      await s.page.keyboard.press('Enter');
      await dialog.waitFor({ timeout: 10000 }).catch(() => undefined);
    }
    await dialog.waitFor({ timeout: 5000 });
    await shot(s.page, 'forget-stored-key-modal');
    await dialog.locator('.monaco-button', { hasText: 'Delete' }).first().click();
    await toast(s.page, 'Deleted the stored key “staging” from SecretStorage.');
  });

  it('the inspector: the secret beside the verdict of an HS token, payload errors as you type, readable in every theme (22.13, 22.14, 22.16)', async () => {
    const secret = 'jwt.io-habit-'.repeat(3);
    const token = await signToken({ sub: 'alice' }, secret);
    await runCommand(s.page, 'View: Close All Editors'); // the walkthrough's page is a webview too
    await runCommand(s.page, 'JWT: Open Inspector');
    const view = inspector(s.page);
    await view.locator('#token').waitFor({ timeout: 30000 });
    await view.locator('#token').fill(token);
    const box = view.locator('#panelSecret');
    await box.waitFor({ state: 'visible', timeout: 15000 });
    assert.equal(await view.locator('#verifyOptions').getAttribute('open'), null, 'visible without expanding anything');
    const fits = await box.evaluate((input: HTMLInputElement) => {
      const ctx = document.createElement('canvas').getContext('2d')!;
      const style = getComputedStyle(input);
      ctx.font = style.font;
      return ctx.measureText(input.placeholder).width <= input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    });
    assert.ok(fits, 'the placeholder is not cut off');
    await box.fill(secret);
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 15000 });
    await shot(s.page, 'inspector-secret-beside-verdict');
    // the payload edited into something that is not JSON: said as it is typed, and that the token was not re-signed
    await view.locator('#payload .editable').click();
    await view.locator('#editPayload').fill('{\n  "sub": "alice",\n  "admin": tru\n}');
    const problem = view.locator('#editError');
    await problem.waitFor({ state: 'visible', timeout: 15000 });
    assert.equal(await problem.innerText(), 'Not valid JSON yet: A value (a "string", a number, true, false, null, {…} or […]) expected, not “t” (line 3, column 12). The token was not re-signed.');
    assert.equal(await view.locator('#token').inputValue(), token, 'not re-signed');
    await shot(s.page, 'inspector-payload-error');
    await view.locator('#editPayload').fill('{\n  "sub": "alice",\n  "admin": true\n}');
    await problem.waitFor({ state: 'hidden', timeout: 15000 });
    await view.locator('#token').blur();
    for (const [theme, cls, file] of [['Default Dark Modern', /\bvs-dark\b/, 'first-hour-dark-modern'], ['Default Light Modern', /\bvs\b(?!-)/, 'first-hour-light'], ['Default High Contrast', /\bhc-black\b/, 'first-hour-hc']] as const) {
      await setTheme(s, theme, cls);
      await s.page.locator('iframe.webview').first().screenshot({ path: `${ARTIFACTS}/${file}.png` });
      assert.deepEqual(await contrastFailures(inspector(s.page)), [], `${theme}: text below 4.5:1`);
    }
  });
});
