import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { signToken } from '../../src/core';
import { inspector, openWorkbench, runCommand, shot, toast, type Session } from './workbench';

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

  it('does not write .env: Generate Secret asks for trust instead', async () => {
    await runCommand(s.page, 'JWT: Generate Secret into .env');
    await toast(s.page, 'Trust this workspace');
    assert.equal(fs.readFileSync(path.join(s.workspace, '.env'), 'utf8'), `JWT_SECRET=${secret}\n`);
  });
});
