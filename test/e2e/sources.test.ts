// Issue 14 in the real workbench: a paused program's variable (VS Code's own JavaScript debugger, js-debug), a token
// printed in the terminal, the palette with no editor, Sign with nothing selected, and Re-sign lenses in .http files.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeToken, inspectToken, signToken } from '../../src/core';
import { editor, editorText, goTo, inspector, openFile, openWorkbench, runCommand, shot, toast, type Session } from './workbench';

const SECRET = crypto.randomBytes(32).toString('hex');

describe('tokens where they show up, in the real workbench (issue 14)', function () {
  this.timeout(180000);
  let s: Session;
  let token = '';

  before(async () => {
    s = await openWorkbench({ 'terminal.integrated.gpuAcceleration': 'off', 'debug.openDebug': 'openOnDebugBreak' });
    token = await signToken({ user: 'alice', role: 'admin' }, SECRET, { lifetime: '1d' });
    fs.writeFileSync(path.join(s.workspace, '.env'), `JWT_SECRET=${SECRET}\n`);
  });
  after(async () => {
    if (s) await s.close();
  });
  /** The browser writes the clipboard only for a focused document: give the workbench the focus first (a dialog or
   * a quick pick may have had it). */
  async function writeClipboard(text: string): Promise<void> {
    for (let i = 0; ; i++) {
      await s.page.bringToFront();
      await s.page.locator('.part.sidebar .composite.title').first().click().catch(() => undefined);
      try {
        // Written and read back: the workbench reads the clipboard the same way when the command runs.
        const back = await s.page.evaluate(async (t) => {
          await navigator.clipboard.writeText(t);
          return navigator.clipboard.readText();
        }, text);
        if (back === text) return;
        throw new Error(`the clipboard holds ${back.slice(0, 40)}…, not what was written`);
      } catch (e) {
        if (i >= 4) throw e;
        await s.page.waitForTimeout(300);
      }
    }
  }
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && s) await shot(s.page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
  });

  it('14.1 the debugger: a Node program paused with a token in a local variable → right-click → JWT: Inspect Value → Verified', async () => {
    const logged = await signToken({ user: 'dave', via: 'debug-console' }, SECRET, { lifetime: '1d' });
    // Over 1,000 characters: js-debug cuts it in the Watch view ("…" in the middle); the whole value is asked for.
    const big = await signToken({ user: 'erin', roles: Array.from({ length: 120 }, (_, i) => `role-${i}`) }, SECRET, { lifetime: '1d' });
    assert.ok(big.length > 1200);
    fs.writeFileSync(path.join(s.workspace, 'app.js'), `const token = ${JSON.stringify(token)};\nconst big = ${JSON.stringify(big)};\nconst n = 42;\nconsole.log('issued', ${JSON.stringify(logged)});\ndebugger;\nconsole.log(token.length, big.length, n);\n`);
    fs.mkdirSync(path.join(s.workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(s.workspace, '.vscode', 'launch.json'), JSON.stringify({ version: '0.2.0', configurations: [{ type: 'node', request: 'launch', name: 'app', program: '${workspaceFolder}/app.js' }] }));
    await runCommand(s.page, 'View: Show Run and Debug');
    await s.page.locator('.part.sidebar .composite.title').first().click();
    await runCommand(s.page, 'Debug: Start Debugging');
    const row = s.page.locator('.debug-variables .monaco-list-row[aria-label^="token, value "]').first();
    await row.waitFor({ timeout: 60000 });
    await row.click({ button: 'right' });
    const item = s.page.locator('.context-view .action-item', { hasText: 'JWT: Inspect Value' }).first();
    await item.waitFor({ timeout: 10000 });
    await item.hover();
    await s.page.keyboard.press('Enter');
    const view = inspector(s.page);
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 30000 });
    assert.equal((await view.locator('#token').inputValue()).trim(), token);
    assert.match(await view.locator('#originNote').innerText().catch(() => ''), /From the debugger: token/);
    await shot(s.page, 'debugger-inspect-value');
    // A number is not offered the entry (only string values are).
    const n = s.page.locator('.debug-variables .monaco-list-row[aria-label^="n, value "]').first();
    await n.click({ button: 'right' });
    await s.page.locator('.context-view .action-item').first().waitFor({ timeout: 10000 });
    const labels = await s.page.locator('.context-view .action-item .action-label').allInnerTexts();
    await s.page.keyboard.press('Escape');
    assert.ok(!labels.some((l) => l.includes('JWT: Inspect Value')), labels.join(', '));
    // The Debug Console: select the logged line, Ctrl+Shift+J.
    const out = s.page.locator('.repl .monaco-list-row', { hasText: 'issued' }).first();
    await out.waitFor({ timeout: 15000 });
    await out.locator('span', { hasText: 'eyJ' }).last().click({ clickCount: 3 });
    await s.page.keyboard.press('Control+Shift+J');
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 30000 });
    for (let i = 0; i < 50 && (await view.locator('#token').inputValue()).trim() !== logged; i++) await s.page.waitForTimeout(100);
    assert.equal((await view.locator('#token').inputValue()).trim(), logged);
    await shot(s.page, 'debug-console-selection');
    // The Watch view: add "big", whose value the view shows cut; JWT: Inspect Value gets the whole token.
    await s.page.locator('.pane-header', { hasText: 'Watch' }).first().hover();
    await s.page.locator('.pane-header', { hasText: 'Watch' }).first().locator('.action-label[aria-label="Add Expression"]').click();
    const watchInput = s.page.locator('.debug-watch input').first();
    await watchInput.waitFor({ timeout: 10000 });
    await watchInput.fill('big');
    await s.page.keyboard.press('Enter');
    const watchRow = s.page.locator('.debug-watch .monaco-list-row', { hasText: 'big' }).first();
    await watchRow.waitFor({ timeout: 15000 });
    assert.match(await watchRow.innerText(), /…/, 'the Watch view shows the value cut');
    await watchRow.click({ button: 'right' });
    const watchItem = s.page.locator('.context-view .action-item', { hasText: 'JWT: Inspect Value' }).first();
    await watchItem.waitFor({ timeout: 10000 });
    await watchItem.hover();
    await s.page.keyboard.press('Enter');
    for (let i = 0; i < 100 && (await view.locator('#token').inputValue()).trim() !== big; i++) await s.page.waitForTimeout(100);
    assert.equal((await view.locator('#token').inputValue()).trim(), big, 'the whole token, not the cut one');
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 30000 });
    await shot(s.page, 'debugger-watch-whole-value');
    await s.page.keyboard.press('Shift+F5');
    await runCommand(s.page, 'View: Close All Editors');
  });

  it('14.2 the terminal: a token echoed in the integrated terminal is a link; Ctrl+click opens it in the inspector, verified', async () => {
    const other = await signToken({ user: 'bob', via: 'terminal' }, SECRET, { lifetime: '1d' });
    await runCommand(s.page, 'Terminal: Create New Terminal');
    const term = s.page.locator('.terminal-wrapper .xterm').first();
    await term.waitFor({ timeout: 30000 });
    await s.page.waitForTimeout(1500);
    await term.click();
    await s.page.locator('.xterm.focus').first().waitFor({ timeout: 10000 });
    await s.page.keyboard.type(`echo "[01/Dec/2026 10:00:00] GET /api/me Authorization: Bearer ${other}"`);
    await s.page.keyboard.press('Enter');
    const rows = s.page.locator('.terminal-wrapper .xterm-rows > div', { hasText: 'GET /api/me Authorization' });
    await rows.last().waitFor({ timeout: 15000 });
    await s.page.waitForTimeout(500);
    // The last row that shows the printed line (not the typed command): the token starts after "Bearer ".
    const line = rows.last();
    const box = (await line.boundingBox())!;
    const text = await line.innerText();
    const col = text.indexOf('Bearer ') + 'Bearer '.length + 5;
    const charWidth = box.width / Math.max(text.length, 1);
    const x = box.x + Math.min(col, text.length - 1) * charWidth;
    await s.page.mouse.move(x, box.y + box.height / 2);
    await s.page.waitForTimeout(800);
    await s.page.keyboard.down('Control');
    await s.page.mouse.click(x, box.y + box.height / 2);
    await s.page.keyboard.up('Control');
    const view = inspector(s.page);
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 30000 });
    assert.equal((await view.locator('#token').inputValue()).trim(), other);
    await shot(s.page, 'terminal-link');
    await runCommand(s.page, 'View: Close All Editors');
    await runCommand(s.page, 'Terminal: Kill All Terminals');
  });

  it('14.3 an OAuth redirect to the URI handler: "Developer: Open URL" with …/inspect#id_token=…&access_token=… offers both; the one picked is shown', async () => {
    const idToken = await signToken({ sub: 'alice', nonce: 'n-0S6', aud: 'client-1' }, SECRET, { lifetime: '1h' });
    const access = await signToken({ sub: 'alice', scope: 'read' }, SECRET, { lifetime: '1h' });
    await runCommand(s.page, 'Developer: Open URL');
    const input = s.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10000 });
    // The host's URI scheme is code-oss (VS Code's is vscode).
    await input.fill(`code-oss://jwt-workbench.jwt-workbench/inspect#id_token=${idToken}&access_token=${access}&token_type=Bearer`);
    await s.page.keyboard.press('Enter');
    // VS Code asks before an extension opens a URI.
    const allow = s.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^(Open|Allow|Yes)/ }).first();
    if (await allow.waitFor({ timeout: 8000 }).then(() => true, () => false)) await allow.click();
    const pick = s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'access_token (fragment)' }).first();
    await pick.waitFor({ timeout: 15000 });
    assert.equal(await s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'id_token (fragment)' }).count(), 1, 'both tokens are offered');
    await shot(s.page, 'uri-handler-pick');
    await pick.click();
    const view = inspector(s.page);
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 30000 });
    assert.equal((await view.locator('#token').inputValue()).trim(), access);
    assert.match(await view.locator('#originNote').innerText(), /From a URI \(access_token \(fragment\)\)/);
    await runCommand(s.page, 'View: Close All Editors');
  });

  it('14.4 the palette with no editor open: Verify takes the token on the clipboard and says so', async () => {
    const clip = await signToken({ user: 'carol', via: 'clipboard' }, SECRET, { lifetime: '1d' });
    await writeClipboard(`Bearer ${clip}`);
    await runCommand(s.page, 'View: Close All Editors');
    await runCommand(s.page, 'JWT: Verify and Decode Selection');
    const view = inspector(s.page);
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 30000 });
    assert.equal((await view.locator('#token').inputValue()).trim(), clip, 'Verify took the token on the clipboard');
    assert.match(await view.locator('#originNote').innerText(), /from the clipboard/);
    await shot(s.page, 'palette-clipboard');
    // The inspector's own Paste from Clipboard.
    await view.locator('#clear').click();
    await writeClipboard(token);
    await view.locator('#pasteClipboard').click();
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 30000 });
    for (let i = 0; i < 50 && (await view.locator('#token').inputValue()).trim() !== token; i++) await s.page.waitForTimeout(100);
    assert.equal((await view.locator('#token').inputValue()).trim(), token, 'Paste from Clipboard took the token on the clipboard');
    await runCommand(s.page, 'View: Close All Editors');
  });

  it('14.4 Sign Selection with nothing selected signs the dict around the cursor and says which line it took', async () => {
    await openFile(s.page, 'views.py');
    const lineNo = fs.readFileSync(path.join(s.workspace, 'views.py'), 'utf8').split('\n').findIndex((l) => l.startsWith('payload = {')) + 1;
    await goTo(s.page, lineNo, 'payload = {'.length + 5);
    await runCommand(s.page, 'JWT: Sign Selection');
    assert.match(await toast(s.page, 'Signed with'), new RegExp(`the object on line ${lineNo}`));
    const m = /payload = "(eyJ[\w.-]+)"/.exec(await editorText(s.page));
    assert.ok(m, 'the dict became a string literal');
    assert.equal((await inspectToken(m[1], { key: SECRET })).verdict, 'verified');
    await runCommand(s.page, 'File: Revert File');
    await runCommand(s.page, 'View: Close All Editors');
  });

  it('14.5 an expired Bearer token in a .http file: the lens reads "Re-sign (expired 2 hours ago)", a click puts a fresh token in its place, Ctrl+Z restores it', async () => {
    const t = Math.floor(Date.now() / 1000);
    const expired = await signToken({ user: 'alice', iat: t - 3 * 3600, exp: t - 2 * 3600 }, SECRET);
    fs.writeFileSync(path.join(s.workspace, 'api.http'), `### me\nGET http://127.0.0.1:8000/api/me\nAuthorization: Bearer ${expired}\n`);
    await openFile(s.page, 'api.http');
    const lens = editor(s.page).locator('.codelens-decoration a', { hasText: 'Re-sign (expired 2 hours ago)' }).first();
    await lens.waitFor({ timeout: 30000 });
    await shot(s.page, 'http-resign-lens');
    await lens.click();
    // The first Re-sign in a file shows what will be signed and asks (20.2): a real modal, answered by a click.
    const dialog = s.page.locator('.monaco-dialog-box', { hasText: 'Re-sign this token' });
    await dialog.waitFor({ timeout: 15000 });
    assert.match(await dialog.innerText(), /"user": "alice"/);
    await shot(s.page, 'http-resign-confirm');
    await dialog.locator('.monaco-button', { hasText: /^Re-sign$/ }).click();
    await toast(s.page, 'Re-signed with');
    let text = '';
    for (let i = 0; i < 50; i++) {
      text = await editorText(s.page);
      if (!text.includes(expired.slice(-20))) break;
      await s.page.waitForTimeout(100);
    }
    const fresh = /Authorization: Bearer (eyJ[\w.-]+)/.exec(text)?.[1];
    assert.ok(fresh && fresh !== expired, text);
    const p = decodeToken(fresh).payload as Record<string, number>;
    assert.equal(p.exp - p.iat, 3600);
    assert.equal((await inspectToken(fresh, { key: SECRET })).verdict, 'verified');
    await editor(s.page).locator('.view-lines').click();
    await s.page.keyboard.press('Control+Z');
    for (let i = 0; i < 50 && !(await editorText(s.page)).includes(expired.slice(-20)); i++) await s.page.waitForTimeout(100);
    assert.ok((await editorText(s.page)).includes(expired.slice(-20)), 'Undo restores the old token');
  });
});
