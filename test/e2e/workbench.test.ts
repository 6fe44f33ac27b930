import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CompactEncrypt } from 'jose';
import { inspectToken, signToken } from '../../src/core';
import { ARTIFACTS, contextMenu, contextMenuLabels, editorText, inspector, openFile, openWorkbench, paletteLists, runCommand, selectAll, setTheme, shot, toast, type Session } from './workbench';

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

describe('the real workbench (code-server + chromium)', function () {
  this.timeout(180000);
  let s: Session;
  let secret = '';
  let token = '';

  before(async () => {
    s = await openWorkbench();
  });
  after(async () => {
    if (s) await s.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && s) await shot(s.page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
  });

  it('palette → JWT: Generate Secret into .env writes .env and never shows the secret', async () => {
    await runCommand(s.page, 'JWT: Generate Secret into .env');
    const text = await toast(s.page, 'JWT_SECRET written');
    const envFile = path.join(s.workspace, '.env');
    for (let i = 0; i < 50 && !fs.existsSync(envFile); i++) await s.page.waitForTimeout(100);
    const env = fs.readFileSync(envFile, 'utf8');
    assert.match(env, /^JWT_SECRET=[0-9a-f]{64}\n$/);
    secret = env.slice('JWT_SECRET='.length, -1);
    assert.ok(!text.includes(secret), 'the notification does not show the secret');
    await shot(s.page, 'generate-secret');
  });

  it('palette → Generate again asks in a modal before replacing, and Cancel keeps the secret', async () => {
    await runCommand(s.page, 'JWT: Generate Secret into .env');
    const dialog = s.page.locator('.monaco-dialog-box', { hasText: 'Replace JWT_SECRET' });
    await dialog.waitFor({ timeout: 15000 });
    assert.match(await dialog.innerText(), /stop verifying/);
    await shot(s.page, 'replace-secret-modal');
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await s.page.waitForTimeout(500);
    assert.equal(fs.readFileSync(path.join(s.workspace, '.env'), 'utf8'), `JWT_SECRET=${secret}\n`);
  });

  it('the palette hides Sign Selection without a selection', async () => {
    await openFile(s.page, 'payload.json');
    assert.equal(await paletteLists(s.page, 'JWT: Sign Selection'), false);
  });

  it('select a payload → context menu → Sign Selection replaces it with a token that verifies', async () => {
    await openFile(s.page, 'payload.json');
    await selectAll(s.page);
    const labels = await contextMenuLabels(s.page);
    assert.ok(labels.includes('Sign Selection') && labels.includes('Verify and Decode Selection'), labels.join(', '));
    await selectAll(s.page);
    await contextMenu(s.page, 'Sign Selection');
    for (let i = 0; i < 50 && !/^eyJ/.test((await editorText(s.page)).trim()); i++) await s.page.waitForTimeout(100);
    token = (await editorText(s.page)).replace(/\s+/g, '');
    const ins = await inspectToken(token, { key: secret });
    assert.equal(ins.verdict, 'verified');
    assert.equal((ins.payload as { user: string }).user, 'alice');
    await shot(s.page, 'sign-selection');
  });

  it('select the token → context menu → Verify and Decode shows the verdict and the claims', async () => {
    await selectAll(s.page);
    await contextMenu(s.page, 'Verify and Decode Selection');
    const view = inspector(s.page);
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 30000 });
    const banner = await view.locator('#banner').innerText();
    assert.match(banner, /Verified/);
    assert.match(banner, /Signature verified\./);
    assert.match(banner, /\.env JWT_SECRET/);
    const claims = await view.locator('#claims').innerText();
    assert.match(claims, /user\s+alice/);
    assert.match(claims, /exp\t\d+\t\nin 1 day/);
    assert.match(claims, /Expiration time/);
    assert.ok(!(await view.locator('body').innerText()).includes(secret), 'the secret is not in the inspector');
    await shot(s.page, 'inspector-verified');
  });

  it('the same from the palette: JWT: Sign Selection, then JWT: Verify and Decode Selection', async () => {
    fs.writeFileSync(path.join(s.workspace, 'palette.json'), "{'user': 'palette', 'admin': False}\n");
    await openFile(s.page, 'palette.json');
    await selectAll(s.page);
    await runCommand(s.page, 'JWT: Sign Selection');
    for (let i = 0; i < 50 && !/^eyJ/.test((await editorText(s.page)).trim()); i++) await s.page.waitForTimeout(100);
    const signed = (await editorText(s.page)).replace(/\s+/g, '');
    assert.equal((await inspectToken(signed, { key: secret })).verdict, 'verified');
    await selectAll(s.page);
    await runCommand(s.page, 'JWT: Verify and Decode Selection');
    const view = inspector(s.page);
    await view.locator('#claims', { hasText: 'palette' }).waitFor({ timeout: 30000 });
    assert.equal(await view.locator('#banner').getAttribute('data-verdict'), 'verified');
    assert.match(await view.locator('#claims').innerText(), /admin\s+false/);
  });

  it('edit and re-sign, then Replace selection puts the new token where the old one was; Copy header copies the header', async () => {
    // The inspector shows the token verified from palette.json's selection (previous test).
    const view = inspector(s.page);
    await view.locator('#resign summary').click();
    await view.locator('#editPayload').fill('{"user": "replaced", "exp": 4102444800}');
    await view.locator('#sign').click();
    await view.locator('#banner[data-verdict="signed-here"]').waitFor({ timeout: 15000 });
    const newToken = await view.locator('#token').inputValue();
    await view.locator('#replace').click();
    for (let i = 0; i < 50 && (await editorText(s.page)).replace(/\s+/g, '') !== newToken; i++) await s.page.waitForTimeout(100);
    assert.equal((await editorText(s.page)).replace(/\s+/g, ''), newToken);
    await view.locator('#copyHeader').click();
    await view.locator('#notice', { hasText: 'Copied the header' }).waitFor();
    assert.deepEqual(JSON.parse(await s.page.evaluate(() => navigator.clipboard.readText())), { alg: 'HS256', typ: 'JWT' });
    await view.locator('#resign summary').click();
  });

  it('verification options act at once: expected issuer and audience, leeway, and the clock', async () => {
    const view = inspector(s.page);
    const t = await signToken({ user: 'opts', aud: 'api' }, secret, { issuer: 'app', lifetime: '1h' });
    await paste(t);
    await view.locator('#banner[data-verdict="verified"]').waitFor();
    await view.locator('#verifyOptions summary').click();
    const expectVerdict = async (verdict: string, text?: RegExp) => {
      await view.locator(`#banner[data-verdict="${verdict}"]`).waitFor({ timeout: 15000 });
      if (text) assert.match(await view.locator('#banner').innerText(), text);
    };
    await view.locator('#issuer').fill('someone-else');
    await expectVerdict('claim-mismatch', /"app"; expected "someone-else"/);
    await view.locator('#issuer').fill('app');
    await expectVerdict('verified');
    await view.locator('#audience').fill('web, mobile');
    await expectVerdict('claim-mismatch', /audience/);
    await view.locator('#audience').fill('web, api');
    await expectVerdict('verified');
    // "Was this valid tomorrow?" — two hours from now it has expired; a generous leeway accepts it again.
    const later = new Date(Date.now() + 2 * 3600e3 - new Date().getTimezoneOffset() * 60e3).toISOString().slice(0, 19);
    await view.locator('#clock').fill(later);
    await expectVerdict('expired', /Token has expired\./);
    await view.locator('#leeway').fill('7200');
    await expectVerdict('verified');
    await view.locator('#leeway').fill('0');
    await view.locator('#clockNow').click();
    await expectVerdict('verified');
    await shot(s.page, 'inspector-options');
    await view.locator('#issuer').fill('');
    await view.locator('#audience').fill('');
    await view.locator('#verifyOptions summary').click();
  });

  /** Paste into the inspector and wait for the view that answers it (not the one still on screen). */
  async function paste(text: string): Promise<void> {
    const view = inspector(s.page);
    const before = await view.locator('#app').getAttribute('data-renders');
    await view.locator('#token').fill(text);
    await view.locator(`#app:not([data-renders="${before}"])`).waitFor({ timeout: 15000 });
  }

  const states: { name: string; token: () => Promise<string> | string; verdict: string; banner: RegExp; claims?: RegExp }[] = [
    { name: 'expired', token: () => signToken({ user: 'old' }, secret, { now: new Date(Date.now() - 3 * 86400e3) }), verdict: 'expired', banner: /Token has expired\.[\s\S]*2 days ago/, claims: /user\s+old/ },
    { name: 'tampered', token: async () => { const [h, , sig] = (await signToken({ admin: false }, secret)).split('.'); return `${h}.${b64({ admin: true })}.${sig}`; }, verdict: 'invalid-signature', banner: /Token is invalid\.[\s\S]*does not match/, claims: /admin\s+true/ },
    { name: 'unsigned', token: () => `${b64({ alg: 'none' })}.${b64({ user: 'mallory' })}.`, verdict: 'unsigned', banner: /alg: none/ },
    { name: 'malformed', token: () => 'eyJhbGciOiJIUzI1NiJ9.not-a-token', verdict: 'malformed', banner: /3 parts/ },
    // dir + A256CBC-HS512 takes a 64-byte key: the .env secret's UTF-8 bytes, so the inspector can decrypt it.
    { name: 'jwe', token: () => new CompactEncrypt(new TextEncoder().encode('{"sub":"x"}')).setProtectedHeader({ alg: 'dir', enc: 'A256CBC-HS512' }).encrypt(new TextEncoder().encode(secret)), verdict: 'verified', banner: /Encrypted \(JWE\)[\s\S]*Decrypted and authenticated/, claims: /sub\s+x/ },
  ];
  for (const st of states) {
    it(`pasting a ${st.name} token shows its banner and claims`, async () => {
      await paste(await st.token());
      const view = inspector(s.page);
      await view.locator(`#banner[data-verdict="${st.verdict}"]`).waitFor({ timeout: 15000 });
      assert.match(await view.locator('#banner').innerText(), st.banner);
      if (st.claims) assert.match(await view.locator('#claims').innerText(), st.claims);
      await shot(s.page, `inspector-${st.name}`);
    });
  }

  it('a JWE without a key shows its header and says it is encrypted', async () => {
    const view = inspector(s.page);
    await view.locator('#verifyOptions summary').click();
    await view.locator('#keySource').selectOption({ label: 'No key (decode only)' });
    await view.locator('#banner[data-verdict="unverified"]').waitFor({ timeout: 15000 });
    assert.match(await view.locator('#banner').innerText(), /Encrypted \(JWE\)[\s\S]*cannot be read without the decryption key/);
    assert.match(await view.locator('#header').innerText(), /"enc": "A256CBC-HS512"/);
    await shot(s.page, 'inspector-jwe-no-key');
    await view.locator('#keySource').selectOption({ label: '.env JWT_SECRET' });
    await view.locator('#verifyOptions summary').click();
  });

  it('edit the payload → Sign: the token and the banner change, and the banner says it was signed here', async () => {
    await paste(token);
    const view = inspector(s.page);
    await view.locator('#banner[data-verdict="verified"]').waitFor();
    await view.locator('#resign summary').click();
    await view.locator('#editPayload').fill('{"user": "bob", "role": "viewer", "exp": 4102444800}');
    await view.locator('#sign').click();
    await view.locator('#banner[data-verdict="signed-here"]').waitFor({ timeout: 15000 });
    assert.match(await view.locator('#banner').innerText(), /Signed here with \.env JWT_SECRET \(HS256\)/);
    const newToken = await view.locator('#token').inputValue();
    assert.notEqual(newToken, token);
    assert.match(await view.locator('#claims').innerText(), /user\s+bob/);
    const ins = await inspectToken(newToken, { key: secret });
    assert.equal(ins.verdict, 'verified');
    assert.deepEqual(ins.payload, { user: 'bob', role: 'viewer', exp: 4102444800 });
    await shot(s.page, 'inspector-resigned');
  });

  it('copy buttons put the token, the JSON and the Authorization header on the clipboard', async () => {
    const view = inspector(s.page);
    const current = await view.locator('#token').inputValue();
    const read = () => s.page.evaluate(() => navigator.clipboard.readText());
    await view.locator('#copyToken').click();
    await view.locator('#notice', { hasText: 'Copied the token' }).waitFor();
    assert.equal(await read(), current);
    await view.locator('#copyBearer').click();
    await view.locator('#notice', { hasText: 'Authorization header' }).waitFor();
    assert.equal(await read(), `Authorization: Bearer ${current}`);
    await view.locator('#copyPayload').click();
    await view.locator('#notice', { hasText: 'Copied the payload' }).waitFor();
    assert.deepEqual(JSON.parse(await read()), { user: 'bob', role: 'viewer', exp: 4102444800 });
  });

  it('verifies an RS256 token with a key file chosen from the workspace (remembered as a key source)', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    fs.mkdirSync(path.join(s.workspace, 'keys'), { recursive: true });
    fs.writeFileSync(path.join(s.workspace, 'keys', 'public.pem'), pair.publicKey.export({ type: 'spki', format: 'pem' }));
    const rs = await signToken({ user: 'rsa-user' }, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { alg: 'RS256' });
    await paste(rs);
    const view = inspector(s.page);
    await view.locator('#banner[data-verdict="invalid-signature"]').waitFor({ timeout: 15000 });
    assert.match(await view.locator('#banner').innerText(), /never from the token/);
    await view.locator('#verifyOptions summary').click();
    await view.locator('#addKeyFile').click();
    // code-server's simple file dialog: a quick input holding a path
    const input = s.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15000 });
    // Navigate as a person does: the folder, then the file, then accept.
    const row = (name: string) => s.page.locator('.quick-input-list .monaco-list-row').filter({ has: s.page.locator('.label-name', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }) }).first();
    await row('keys').click();
    await row('public.pem').waitFor({ timeout: 10000 });
    await row('public.pem').click();
    for (let i = 0; i < 30 && !(await input.inputValue()).endsWith('/keys/public.pem'); i++) await s.page.waitForTimeout(100);
    await s.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 10000 });
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 15000 });
    assert.match(await view.locator('#banner').innerText(), /Key: key file keys\/public\.pem/);
    assert.ok((await view.locator('#keySource option').allInnerTexts()).includes('key file keys/public.pem'), 'remembered as a key source');
    assert.match(await view.locator('#banner').innerText(), /RS256 with RSA public key \(2048 bits\)/);
    await shot(s.page, 'inspector-key-file');
    await view.locator('#verifyOptions summary').click();
  });

  it('verifies with a key stored in SecretStorage, entered in a password box', async () => {
    const stored = 'a-stored-secret-for-staging-that-is-long-enough-0123456789';
    await paste(await signToken({ user: 'staging' }, stored));
    const view = inspector(s.page);
    await view.locator('#verifyOptions summary').click();
    await view.locator('#addStoredKey').click();
    const input = s.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15000 });
    await input.fill('staging');
    await s.page.keyboard.press('Enter');
    await s.page.locator('.quick-input-widget input[type="password"]').waitFor({ timeout: 15000 });
    await s.page.locator('.quick-input-widget input[type="password"]').fill(stored);
    await s.page.keyboard.press('Enter');
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 15000 });
    assert.match(await view.locator('#banner').innerText(), /Key: SecretStorage: staging/);
    assert.ok(!(await view.locator('body').innerText()).includes(stored), 'the stored key is not shown');
    await view.locator('#keySource').selectOption({ label: '.env JWT_SECRET' });
    await view.locator('#verifyOptions summary').click();
  });

  it('hostile claims are shown literally: nothing runs, nothing is added, nothing is fetched', async () => {
    const requests: string[] = [];
    s.page.on('request', (r) => {
      if (!r.url().startsWith(s.cs.url) && !r.url().startsWith('vscode-') && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) requests.push(r.url());
    });
    const hostile = {
      name: '<img src=x onerror=alert(1)>',
      script: '</script><script>alert(2)</script>',
      url: 'javascript:alert(3)',
      long: 'A'.repeat(10000),
      rtl: 'admin\u202Egnp.exe',
    };
    const t = `${b64({ alg: 'HS256', typ: '<b>x</b>', kid: '"><svg onload=alert(4)>' })}.${b64(hostile)}.c2ln`;
    const view = inspector(s.page);
    const imgsBefore = await view.locator('img, script:not([nonce]), svg, iframe').count();
    await paste(t);
    await view.locator('#banner[data-verdict="invalid-signature"]').waitFor();
    const claims = await view.locator('#claims').innerText();
    assert.ok(claims.includes('<img src=x onerror=alert(1)>'));
    assert.ok(claims.includes('</script><script>alert(2)</script>'));
    assert.ok(claims.includes('javascript:alert(3)'));
    assert.ok((await view.locator('#header').innerText()).includes('"><svg onload=alert(4)>'));
    assert.equal(await view.locator('img, script:not([nonce]), svg, iframe').count(), imgsBefore, 'no new elements');
    assert.equal(await view.locator('a[href^="javascript"]').count(), 0);
    await s.page.waitForTimeout(500);
    assert.deepEqual(s.dialogs, [], 'no dialog opened');
    assert.deepEqual(requests, [], 'no network request');
    // still responsive
    await paste(token);
    await view.locator('#banner[data-verdict="verified"]').waitFor();
    await paste(t);
    await view.locator('#banner[data-verdict="invalid-signature"]').waitFor();
    await shot(s.page, 'inspector-hostile');
  });

  it('a window reload restores the inspector with its token (and re-verifies it)', async () => {
    await paste(token);
    await inspector(s.page).locator('#banner[data-verdict="verified"]').waitFor();
    await runCommand(s.page, 'Developer: Reload Window');
    await s.page.waitForEvent('load', { timeout: 60000 });
    await s.page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60000 });
    const view = inspector(s.page);
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 60000 });
    assert.equal(await view.locator('#token').inputValue(), token);
    await shot(s.page, 'inspector-restored');
  });

  it('the inspector in light, dark and high-contrast themes', async () => {
    await paste(token);
    await inspector(s.page).locator('#banner[data-verdict="verified"]').waitFor();
    for (const [theme, cls, file] of [['Dark 2026', /\bvs-dark\b/, 'theme-dark'], ['Light 2026', /\bvs\b(?!-)/, 'theme-light'], ['Default High Contrast', /\bhc-black\b/, 'theme-hc-dark'], ['Default High Contrast Light', /\bhc-light\b/, 'theme-hc-light']] as const) {
      await setTheme(s, theme, cls);
      await shot(s.page, file);
      // the panel alone, for the README
      await s.page.locator('iframe.webview').first().screenshot({ path: path.join(ARTIFACTS, `${file}-panel.png`) });
    }
  });
});
