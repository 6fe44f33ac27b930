// Issue 15 in the real workbench: JWT: Add JWT Authentication to Django… on a fixture Django 3.2 project, through
// VS Code's refactor preview (nothing is written before Apply), then the project's own `manage.py test api` passes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePythonEnv, signToken } from '../../src/core';
import { openWorkbench, runCommand, shot, toast, type Session } from './workbench';

describe('the real workbench: Add JWT Authentication to Django…', function () {
  this.timeout(180000);
  let s: Session;
  before(async () => {
    s = await openWorkbench({}, false, 'django');
  });
  after(async () => {
    if (s) await s.close();
  });

  it('shows the whole change in the refactor preview, writes nothing until Apply, and then manage.py test passes', async () => {
    const settingsPath = path.join(s.workspace, 'mysite', 'settings.py');
    const before = fs.readFileSync(settingsPath, 'utf8');
    await runCommand(s.page, 'JWT: Add JWT Authentication to Django…');
    const preview = s.page.locator('.bulk-edit-panel, [id="workbench.view.bulkEdit"]').first();
    await preview.waitFor({ state: 'visible', timeout: 20000 });
    const tree = s.page.locator('.bulk-edit-panel .monaco-list');
    for (let i = 0; i < 50 && !/settings\.py/.test(await tree.innerText().catch(() => '')); i++) await s.page.waitForTimeout(100);
    const listed = await tree.innerText();
    for (const part of ['jwt.py', 'middleware.py', 'settings.py']) assert.ok(listed.includes(part), `the preview lists ${part}: ${listed}`);
    await shot(s.page, 'django-refactor-preview');
    assert.equal(fs.readFileSync(settingsPath, 'utf8'), before, 'nothing written before Apply');
    assert.ok(!fs.existsSync(path.join(s.workspace, 'utils', 'jwt.py')));
    // The proposed changes start ticked (22.11): the new files are, and Apply needs no click on any box.
    const fileRows = s.page.locator('.bulk-edit-panel .monaco-list-row[aria-level="1"]');
    for (const name of ['jwt.py', 'middleware.py']) {
      assert.equal(await fileRows.filter({ hasText: name }).first().locator('.edit-checkbox').first().getAttribute('aria-checked'), 'true', `${name} starts ticked`);
    }
    await shot(s.page, 'django-refactor-preview-ticked');
    await s.page.locator('.bulk-edit-panel .monaco-button', { hasText: /^Apply$/ }).first().click();
    await toast(s.page, 'JWT authentication added');
    await shot(s.page, 'django-applied');
    for (let i = 0; i < 50 && !fs.readFileSync(settingsPath, 'utf8').includes('JWTAuthenticationMiddleware'); i++) await s.page.waitForTimeout(100);
    assert.match(fs.readFileSync(settingsPath, 'utf8'), /JWTAuthenticationMiddleware/);
    const env = fs.readFileSync(path.join(s.workspace, '.env'), 'utf8');
    const secret = parsePythonEnv(env).JWT_SECRET;
    assert.match(secret ?? '', /^[0-9a-f]{64}$/);
    // Sign Selection's defaults: iss = the workspace folder's name.
    const token = await signToken({ user: 'alice' }, secret!, { issuer: path.basename(s.workspace) });
    const r = spawnSync('/usr/bin/python3', ['manage.py', 'test', 'api'], { cwd: s.workspace, env: { PATH: '/usr/bin:/bin', SIGNED_TOKEN: token, GENERATED_TOKEN_FILE: path.join(s.workspace, 'generated.jwt') }, encoding: 'utf8', timeout: 120000 });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /Ran 11 tests[\s\S]*OK/);
  });
});
