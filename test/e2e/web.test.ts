import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { signToken } from '../../src/core';
import { inspector, openWorkbench, runCommand, shot, toast, type Session } from './workbench';

// The web extension build (package.json "browser") installed without "main", so the workbench runs it in the
// browser's web worker extension host — as vscode.dev would. No Node API is available to it there.
describe('the web extension build (web worker extension host)', function () {
  this.timeout(180000);
  let s: Session;
  before(async () => {
    s = await openWorkbench({}, true);
  });
  after(async () => {
    if (s) await s.close();
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
});
