import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { signToken } from '../../src/core';
import { editor, inspector, openFile, runCommand, selectAll, shot, toast, openWorkbench, type Session } from './workbench';

// Workspace Trust on, and the folder not trusted: the extension runs in restricted mode (untrustedWorkspaces:
// limited). Decoding works; .env is neither read nor written.
describe('an untrusted workspace (restricted mode)', function () {
  this.timeout(180000);
  let s: Session;
  const secret = 'u'.repeat(64);
  before(async () => {
    s = await openWorkbench({ 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' });
    fs.writeFileSync(path.join(s.workspace, '.env'), `JWT_SECRET=${secret}\n`);
  });
  after(async () => {
    if (s) await s.close();
  });

  it('decodes a token but does not read .env to verify it, and says why', async () => {
    await runCommand(s.page, 'JWT: Open Inspector');
    const view = inspector(s.page);
    await view.locator('#token').waitFor({ timeout: 30000 });
    await view.locator('#token').fill(await signToken({ user: 'restricted' }, secret));
    await view.locator('#banner[data-verdict="unverified"]').waitFor({ timeout: 30000 });
    assert.match(await view.locator('#banner').innerText(), /not trusted, so \.env was not read/);
    assert.match(await view.locator('#claims').innerText(), /user\s+restricted/);
    await shot(s.page, 'untrusted-inspector');
  });

  it('uses no key at all (20.2): a key kept in SecretStorage does not re-sign an expired token in an .http file', async () => {
    const stored = 'a-stored-secret-for-an-untrusted-workspace-0123456789';
    await runCommand(s.page, 'JWT: Store a Key in SecretStorage…');
    const input = s.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15000 });
    await input.fill('untrusted');
    await s.page.keyboard.press('Enter');
    await s.page.locator('.quick-input-widget input[type="password"]').waitFor({ timeout: 15000 });
    await s.page.locator('.quick-input-widget input[type="password"]').fill(stored);
    await s.page.keyboard.press('Enter');
    const t = Math.floor(Date.now() / 1000);
    const expired = await signToken({ user: 'alice', iat: t - 7200, exp: t - 3600 }, stored);
    fs.writeFileSync(path.join(s.workspace, 'api.http'), `### me\nGET http://127.0.0.1:8000/api/me\nAuthorization: Bearer ${expired}\n`);
    await openFile(s.page, 'api.http');
    const lens = editor(s.page).locator('.codelens-decoration', { hasText: /Cannot re-sign|Re-sign/ }).first();
    await lens.waitFor({ timeout: 30000 });
    await shot(s.page, 'untrusted-http-lens');
    assert.match(await lens.innerText(), /Cannot re-sign \(expired 1 hour ago\): the workspace is not trusted, so no key is used/);
  });

  it('Encrypt Selection uses no key (26): it asks for trust before any picker, and the file stays as it was', async () => {
    fs.writeFileSync(path.join(s.workspace, 'claims.json'), '{"user": "alice"}\n');
    await openFile(s.page, 'claims.json');
    await selectAll(s.page);
    await runCommand(s.page, 'JWT: Encrypt Selection…');
    await toast(s.page, /Trust this workspace to let JWT Workbench use its keys: in an untrusted workspace no key is read/);
    assert.equal(await s.page.locator('.quick-input-widget', { hasText: 'Encrypt to which key?' }).isVisible(), false, 'no key source is offered');
    assert.equal(fs.readFileSync(path.join(s.workspace, 'claims.json'), 'utf8'), '{"user": "alice"}\n');
  });

  it('does not write .env: Generate Secret asks for trust instead', async () => {
    await runCommand(s.page, 'JWT: Generate Secret into .env');
    await toast(s.page, 'Trust this workspace');
    assert.equal(fs.readFileSync(path.join(s.workspace, '.env'), 'utf8'), `JWT_SECRET=${secret}\n`);
  });
});
