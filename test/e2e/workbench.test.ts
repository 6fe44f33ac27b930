import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { CompactEncrypt } from 'jose';
import { inspectToken, signToken } from '../../src/core';
import { ARTIFACTS, chooseInFileDialog, contextMenu, contextMenuLabels, contrastFailures, editor, editorText, goTo, inspector, openFile, openWorkbench, paletteLists, runCommand, selectAll, setTheme, shot, toast, type Session } from './workbench';

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

  it('the palette offers Verify with no editor open, and Sign Selection in an editor with nothing selected (issue 14.4)', async () => {
    await runCommand(s.page, 'View: Close All Editors');
    assert.equal(await paletteLists(s.page, 'JWT: Verify and Decode Selection'), true, 'a newcomer typing "JWT" finds how to verify');
    assert.equal(await paletteLists(s.page, 'JWT: Sign Selection'), false, 'nothing to sign without an editor');
    await openFile(s.page, 'payload.json');
    assert.equal(await paletteLists(s.page, 'JWT: Sign Selection'), true, 'it signs the object around the cursor');
  });

  it('README step 2: payload.json → context menu → Sign Selection leaves the payload file as it is and opens the token in the inspector, signed here', async () => {
    await openFile(s.page, 'payload.json');
    await selectAll(s.page);
    const labels = await contextMenuLabels(s.page);
    assert.ok(labels.includes('Sign Selection') && labels.includes('Verify and Decode Selection'), labels.join(', '));
    await selectAll(s.page);
    await contextMenu(s.page, 'Sign Selection');
    const view = inspector(s.page);
    await view.locator('#banner[data-verdict="signed-here"]').waitFor({ timeout: 30000 });
    assert.match(await view.locator('#banner').innerText(), /Signed here with \.env JWT_SECRET \(HS256\)/);
    token = (await view.locator('#token').inputValue()).trim();
    const ins = await inspectToken(token, { key: secret });
    assert.equal(ins.verdict, 'verified');
    assert.equal((ins.payload as { user: string }).user, 'alice');
    assert.equal((await editorText(s.page)).trim(), '{"user": "alice", "role": "admin"}', 'payload.json unchanged');
    assert.match(await toast(s.page, 'Signed with .env JWT_SECRET'), /Added iat, exp \(\+1 day\), iss "/);
    await shot(s.page, 'sign-selection');
  });

  it('README step 3: views.py → Sign Selection makes a string literal; double-click the token → Verify and Decode shows Verified', async () => {
    await openFile(s.page, 'views.py');
    // Select the dict: go to just after "payload = " and extend to the end of the line.
    const lineNo = fs.readFileSync(path.join(s.workspace, 'views.py'), 'utf8').split('\n').findIndex((l) => l.startsWith('payload = {')) + 1;
    await goTo(s.page, lineNo, 'payload = '.length + 1);
    await s.page.keyboard.press('Shift+End');
    await runCommand(s.page, 'JWT: Sign Selection');
    for (let i = 0; i < 50 && !/payload = "eyJ/.test(await editorText(s.page)); i++) await s.page.waitForTimeout(100);
    const text = await editorText(s.page);
    const literal = /payload = "(eyJ[\w.-]+)"/.exec(text);
    assert.ok(literal, text);
    await toast(s.page, 'in place of the payload');
    // A double-click selects one base64url segment (Ctrl+D, the keyboard's double-click): Verify widens it to the whole token.
    await goTo(s.page, lineNo, 'payload = "'.length + 5);
    await s.page.keyboard.press('Control+d');
    await runCommand(s.page, 'JWT: Verify and Decode Selection');
    const view = inspector(s.page);
    await view.locator('#claims', { hasText: 'is_staff' }).waitFor({ timeout: 30000 });
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
    await runCommand(s.page, 'File: Revert File');
  });

  it('the same from the palette: JWT: Sign Selection, then JWT: Verify and Decode Selection', async () => {
    fs.writeFileSync(path.join(s.workspace, 'palette.txt'), "{'user': 'palette', 'admin': False}\n");
    await openFile(s.page, 'palette.txt');
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
    // The inspector shows the token verified from palette.txt's selection (previous test).
    const view = inspector(s.page);
    // In place: click the payload where it is shown, and type; the token is re-signed as you type.
    await view.locator('#payload .editable').click();
    await view.locator('#editPayload').fill('{"user": "replaced", "exp": 4102444800}');
    await view.locator('#banner[data-verdict="signed-here"]').waitFor({ timeout: 15000 });
    const newToken = await view.locator('#token').inputValue();
    await view.locator('#replace').click();
    for (let i = 0; i < 50 && (await editorText(s.page)).replace(/\s+/g, '') !== newToken; i++) await s.page.waitForTimeout(100);
    assert.equal((await editorText(s.page)).replace(/\s+/g, ''), newToken);
    await view.locator('#copyHeader').click();
    await view.locator('#notice', { hasText: 'Copied the header' }).waitFor();
    assert.deepEqual(JSON.parse(await s.page.evaluate(() => navigator.clipboard.readText())), { alg: 'HS256', typ: 'JWT' });
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
    // "Was this valid in an hour?" — 4 minutes after its expiry it has expired; the largest leeway (300 s) accepts it
    // again, and the banner says that the leeway decided it.
    const later = new Date(Date.now() + 3600e3 + 240e3 - new Date().getTimezoneOffset() * 60e3).toISOString().slice(0, 19);
    await view.locator('#clock').fill(later);
    await expectVerdict('expired', /Token has expired\./);
    await view.locator('#leeway').fill('300');
    await expectVerdict('verified', /leeway of 300 s decided it/);
    await view.locator('#leeway').fill('0');
    await view.locator('#clockNow').click();
    await expectVerdict('verified');
    await shot(s.page, 'inspector-options');
    await view.locator('#issuer').fill('');
    await view.locator('#audience').fill('');
    await view.locator('#verifyOptions summary').click();
  });

  /** Paste into the inspector and wait for the view that answers it (not the one still on screen). */
  /** code-server's simple file dialog (a quick input holding a path): navigate as a person does — folder, file, accept. */
  async function paste(text: string): Promise<void> {
    const view = inspector(s.page);
    const before = await view.locator('#app').getAttribute('data-renders');
    await view.locator('#token').fill(text);
    await view.locator(`#app:not([data-renders="${before}"])`).waitFor({ timeout: 15000 });
    // A render still in flight from the test before (a key source change) also counts as new: wait until the
    // encoded parts on display are this token's.
    const mark = text.split('.')[1]?.slice(0, 16);
    if (mark) await view.locator('#parts', { hasText: mark }).waitFor({ timeout: 15000 });
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

  it('edit the payload where it is shown: the token is re-signed live, and the banner says it was signed here — never "verified" (issue 11.12)', async () => {
    await paste(token);
    const view = inspector(s.page);
    await view.locator('#banner[data-verdict="verified"]').waitFor();
    assert.equal(await view.locator('#resign').count(), 0, 'no separate "Edit and re-sign" section');
    await view.locator('#payload .editable').click();
    await view.locator('#editPayload').fill('{"user": "bob", "role": "viewer", "exp": 4102444800}');
    await view.locator('#banner[data-verdict="signed-here"]').waitFor({ timeout: 15000 });
    assert.match(await view.locator('#banner').innerText(), /Signed here with \.env JWT_SECRET \(HS256\)/);
    const newToken = await view.locator('#token').inputValue();
    assert.notEqual(newToken, token);
    assert.match(await view.locator('#claims').innerText(), /user\s+bob/);
    const ins = await inspectToken(newToken, { key: secret });
    assert.equal(ins.verdict, 'verified');
    assert.deepEqual(ins.payload, { user: 'bob', role: 'viewer', exp: 4102444800 });
    await shot(s.page, 'inspector-resigned');
    // A payload without exp gets one, as Sign Selection gives it (1 day). The box is still open: type on.
    await view.locator('#editPayload').fill('{"user": "no-exp"}');
    await view.locator('#claims', { hasText: 'no-exp' }).waitFor({ timeout: 15000 });
    const withExp = await inspectToken(await view.locator('#token').inputValue(), { key: secret });
    const exp = (withExp.payload as { exp: number }).exp;
    assert.ok(Math.abs(exp - (Date.now() / 1000 + 86400)) < 120, `exp ${exp}`);
    await view.locator('#editPayload').blur();
  });

  it('the banner leads with the worst and lists the rest; Clear empties the box; Copy says "Copied"; controls that cannot apply are disabled (issue 11.5, 11.8, 11.14)', async () => {
    // The demo's expired token, signed with a secret we do not have: invalid signature, and also expired.
    const demo = /Authorization: Bearer (\S+)/.exec(fs.readFileSync(path.join(s.workspace, 'requests.http'), 'utf8'))![1];
    await paste(demo);
    const view = inspector(s.page);
    await view.locator('#banner[data-verdict="invalid-signature"]').waitFor();
    assert.match(await view.locator('#banner .also').innerText(), /^Also: It expired \d+ (years|months) ago/);
    await view.locator('#copyToken').click();
    await view.locator('#copyToken', { hasText: 'Copied' }).waitFor({ timeout: 5000 });
    await paste('not a token at all');
    await view.locator('#banner[data-verdict="malformed"]').waitFor();
    for (const id of ['#copyToken', '#copyBearer', '#insert']) assert.ok(await view.locator(id).isDisabled(), `${id} disabled on a malformed input`);
    await view.locator('#clear').click();
    assert.equal(await view.locator('#token').inputValue(), '');
    await view.locator('#banner.empty').waitFor();
    await paste(token);
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
    assert.deepEqual(JSON.parse(await read()), (await inspectToken(current)).payload, 'the payload of the token on display (the previous test re-signed it)');
  });

  it('verifies an RS256 token with a key file chosen from the workspace (remembered as a key source)', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    fs.mkdirSync(path.join(s.workspace, 'keys'), { recursive: true });
    fs.writeFileSync(path.join(s.workspace, 'keys', 'public.pem'), pair.publicKey.export({ type: 'spki', format: 'pem' }));
    const rs = await signToken({ user: 'rsa-user' }, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { alg: 'RS256' });
    await paste(rs);
    const view = inspector(s.page);
    // The .env HMAC secret cannot check an RS256 signature: nothing was checked, so it is not verified (issue 22.4).
    await view.locator('#banner[data-verdict="unverified"]').waitFor({ timeout: 15000 });
    assert.match(await view.locator('#banner').innerText(), /Not verified: no RS256 key[\s\S]*never from the token/);
    await view.locator('#verifyOptions summary').click();
    await view.locator('#addKeyFile').click();
    await chooseInFileDialog(s.page, 'keys', 'public.pem');
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

  it('inspector → JWKS URL… fetches the issuer’s keys from the URL typed, and verifies by kid', async () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'e2e-1', use: 'sig', alg: 'ES256' }] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
      const es = await signToken({ sub: 'from-idp' }, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, { alg: 'ES256', header: { kid: 'e2e-1', jku: `${url}?evil=1` } });
      await paste(es);
      const view = inspector(s.page);
      await view.locator('#verifyOptions summary').click();
      // Without a key the banner says so and offers the fixes; take the JWKS one from there.
      await view.locator('#keySource').selectOption({ label: 'No key (decode only)' });
      await view.locator('#banner[data-verdict="unverified"]').waitFor();
      // An ES256 token: a secret never verifies it, so the fixes are the keys that could (issue 22.4).
      assert.deepEqual((await view.locator('#banner .fixes button').allInnerTexts()).map((t) => t.trim()), ['Key file…', 'JWKS URL…', 'Issuer…', 'Which of my keys signed this?']);
      await shot(s.page, 'inspector-no-key');
      await view.locator('#fixJwksUrl').click();
      const input = s.page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 15000 });
      await input.fill('http://jwks.example/keys');
      await s.page.locator('.quick-input-message', { hasText: 'https://' }).waitFor({ timeout: 5000 });
      await input.fill(url);
      await s.page.keyboard.press('Enter');
      await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 15000 });
      assert.match(await view.locator('#banner').innerText(), /Key: JWKS http:\/\/127\.0\.0\.1:\d+\/\.well-known\/jwks\.json \(1 key\)/);
      assert.match(await view.locator('#keyInfo').innerText(), /EC P-256 public JWK — kid e2e-1/);
      assert.ok(await view.locator('#revealKey').isHidden(), 'a public key has nothing to reveal');
      assert.deepEqual(requests, ['/.well-known/jwks.json'], 'fetched once; the token’s jku never');
      await shot(s.page, 'inspector-jwks');
      await view.locator('#keySource').selectOption({ label: '.env JWT_SECRET' });
      await view.locator('#verifyOptions summary').click();
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('Sign Selection without a key says where it looked and offers fixes; Choose Key File… signs with that key', async () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' });
    fs.mkdirSync(path.join(s.workspace, 'keys'), { recursive: true });
    fs.writeFileSync(path.join(s.workspace, 'keys', 'signing.pem'), privateKey.export({ format: 'pem', type: 'pkcs8' }));
    fs.mkdirSync(path.join(s.workspace, 'service'), { recursive: true });
    fs.writeFileSync(path.join(s.workspace, 'service', '.env'), 'DATABASE_URL=postgres://localhost/db\n');
    fs.writeFileSync(path.join(s.workspace, 'service', 'claims.txt'), '{"user": "es384"}');
    try {
      await openFile(s.page, path.join(s.workspace, 'service', 'claims.txt'));
      await selectAll(s.page);
      await runCommand(s.page, 'JWT: Sign Selection');
      const message = await toast(s.page, 'no key to sign with');
      assert.match(message, /No JWT_SECRET in service\/\.env: there is no key to sign with/);
      assert.doesNotMatch(message, /file:\/\//, 'workspace-relative, never a URI');
      await shot(s.page, 'sign-no-key');
      const toastEl = s.page.locator('.notifications-toasts .notification-toast', { hasText: 'no key to sign with' }).first();
      assert.ok(await toastEl.locator('.monaco-button', { hasText: 'Generate Secret' }).isVisible());
      await toastEl.locator('.monaco-button', { hasText: 'Choose Key File…' }).click();
      await chooseInFileDialog(s.page, 'keys', 'signing.pem');
      // A whole ES384 JWS (its signature is 128 characters) in claims.txt, the editor it was selected in.
      let signed = '';
      for (let i = 0; i < 80 && !/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{128}$/.test(signed); i++) {
        await s.page.waitForTimeout(100);
        signed = (await editorText(s.page)).replace(/\s+/g, '');
      }
      assert.ok(await s.page.locator('.tab.active[aria-label*="claims.txt"]').first().isVisible(), 'still in claims.txt');
      const ins = await inspectToken(signed, { key: publicKey.export({ format: 'pem', type: 'spki' }) as string });
      assert.equal(ins.verdict, 'verified', `${ins.message} ${signed}`);
      assert.equal(ins.header?.alg, 'ES384');
      assert.equal((ins.payload as { user: string }).user, 'es384');
      await runCommand(s.page, 'View: Close Editor');
    } finally {
      fs.rmSync(path.join(s.workspace, 'service'), { recursive: true, force: true });
    }
  });

  it('hover over a token in requests.http: algorithm, user, expiry, signature; its link opens the inspector', async () => {
    await openFile(s.page, 'requests.http');
    const line = editor(s.page).locator('.view-line', { hasText: 'eyJ1c2VyIjoiYm9iIiwiaWF0IjoxNzAwMDAwMDAw' }).first();
    const box = await line.boundingBox();
    assert.ok(box);
    const hover = s.page.locator('.monaco-hover:not(.hidden)', { hasText: 'JWT' }).first();
    for (let i = 0; i < 5 && !(await hover.isVisible()); i++) {
      await s.page.mouse.move(box.x + 400 + i * 10, box.y + box.height / 2);
      await hover.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
    }
    const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /JWT · HS256/);
    assert.match(text, /user bob/);
    assert.match(text, /expired\s\d+\syears?\sago/);
    assert.match(text, /signature INVALID for \.env JWT_SECRET/);
    await shot(s.page, 'hover');
    await hover.locator('a', { hasText: 'Open in JWT Inspector' }).click();
    const view = inspector(s.page);
    // The banner may already say invalid-signature (the token before): wait for this token's claims.
    await view.locator('#claims', { hasText: 'bob' }).waitFor({ timeout: 15000 });
    assert.match(await view.locator('#claims').innerText(), /user\s+bob/);
    assert.equal(await view.locator('#banner').getAttribute('data-verdict'), 'invalid-signature');
  });

  it('a .env git would commit: it says so once and adds it to .gitignore on request', async () => {
    const envFile = path.join(s.workspace, '.env');
    const gitignore = path.join(s.workspace, '.gitignore');
    const envBefore = fs.readFileSync(envFile, 'utf8');
    const ignoreBefore = fs.readFileSync(gitignore, 'utf8');
    fs.mkdirSync(path.join(s.workspace, '.git'));
    fs.writeFileSync(gitignore, 'node_modules/\n');
    fs.rmSync(envFile);
    try {
      await openFile(s.page, 'payload.json');
      await runCommand(s.page, 'JWT: Generate Secret into .env');
      await toast(s.page, '.env is not ignored by git');
      await shot(s.page, 'gitignore-offer');
      await s.page.locator('.notifications-toasts .notification-toast', { hasText: 'not ignored by git' }).locator('.monaco-button', { hasText: 'Add to .gitignore' }).click();
      for (let i = 0; i < 50 && !fs.readFileSync(gitignore, 'utf8').includes('.env'); i++) await s.page.waitForTimeout(100);
      assert.equal(fs.readFileSync(gitignore, 'utf8'), 'node_modules/\n/.env\n');
    } finally {
      fs.writeFileSync(envFile, envBefore);
      fs.writeFileSync(gitignore, ignoreBefore);
      fs.rmSync(path.join(s.workspace, '.git'), { recursive: true, force: true });
    }
  });

  it('snippets: generate_jwt in a Python file inserts the PyJWT recipe', async () => {
    fs.writeFileSync(path.join(s.workspace, 'tokens_snippet.py'), '');
    await openFile(s.page, 'tokens_snippet.py');
    await editor(s.page).locator('.view-lines').click();
    await s.page.keyboard.type('generate_jwt');
    const suggestion = s.page.locator('.suggest-widget .monaco-list-row', { hasText: 'generate_jwt' }).first();
    for (let i = 0; i < 3 && !(await suggestion.isVisible()); i++) {
      await s.page.keyboard.press('Control+Space');
      await suggestion.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
    }
    await suggestion.click();
    for (let i = 0; i < 30 && !(await editorText(s.page)).includes('jwt.encode('); i++) await s.page.waitForTimeout(100);
    const text = await editorText(s.page);
    assert.match(text, /import jwt/);
    assert.match(text, /jwt\.encode\(/);
    await s.page.keyboard.press('Escape');
    await runCommand(s.page, 'File: Revert File');
  });

  it('a secret typed in the panel verifies, is saved to SecretStorage on request, and is never restored after a reload (issue 11.11)', async () => {
    const typed = 'a-secret-typed-into-the-panel-0123456789abcdef';
    await paste(await signToken({ user: 'typed' }, typed));
    const view = inspector(s.page);
    await view.locator('#banner[data-verdict="invalid-signature"]').waitFor();
    await view.locator('#verifyOptions').evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await view.locator('#panelSecret').fill(typed);
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 15000 });
    assert.match(await view.locator('#banner').innerText(), /Key: the secret typed in the panel \(text\)/);
    assert.equal(await view.locator('#keySource option:checked').innerText(), 'The secret typed below', 'the picker shows the key in use');
    await shot(s.page, 'inspector-panel-secret');
    await view.locator('#saveSecret').click();
    const input = s.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15000 });
    await input.fill('typed');
    await s.page.keyboard.press('Enter');
    await view.locator('#notice', { hasText: 'Saved to SecretStorage as typed' }).waitFor({ timeout: 15000 });
    assert.equal(await view.locator('#keySource option:checked').innerText(), 'SecretStorage: typed');
    assert.equal(await view.locator('#banner').getAttribute('data-verdict'), 'verified');
    await view.locator('#keySource').selectOption({ label: '.env JWT_SECRET' });
    await view.locator('#verifyOptions').evaluate((d) => ((d as HTMLDetailsElement).open = false));
  });

  it('the key is described and masked; Reveal shows it for a moment, Hide takes it away', async () => {
    await paste(token);
    const view = inspector(s.page);
    await view.locator('#banner[data-verdict="verified"]').waitFor();
    await view.locator('#verifyOptions summary').click();
    assert.match(await view.locator('#keyInfo').innerText(), /HMAC secret \(64 bytes\)/);
    assert.ok(await view.locator('#keyMask').isVisible(), 'masked');
    assert.ok(!(await view.locator('body').innerText()).includes(secret), 'not shown before it is asked for');
    await shot(s.page, 'inspector-key-masked');
    // Reveal asks in VS Code's own dialog (the webview cannot answer it): Show.
    const reveal = async () => {
      await view.locator('#revealKey').click();
      const dialog = s.page.locator('.monaco-dialog-box', { hasText: 'Show the key of' }).first();
      await dialog.waitFor({ timeout: 15000 });
      await shot(s.page, 'inspector-reveal-asked');
      await dialog.locator('.monaco-button', { hasText: /^Show$/ }).first().click();
    };
    await reveal();
    await view.locator('#keyRevealed').waitFor({ state: 'visible' });
    assert.equal((await view.locator('#keyRevealed').innerText()).trim(), secret);
    assert.equal((await view.locator('#revealKey').innerText()).trim(), 'Hide');
    await view.locator('#revealKey').click();
    await view.locator('#keyRevealed').waitFor({ state: 'hidden' });
    assert.equal(await view.locator('#keyRevealed').textContent(), '');
    // Revealed again and left so: the reload test below checks that the restored panel does not hold it.
    await reveal();
    await view.locator('#keyRevealed').waitFor({ state: 'visible' });
    await view.locator('#verifyOptions summary').click();
  });

  it('a window reload restores the inspector with its token (and re-verifies it)', async () => {
    await paste(token);
    await inspector(s.page).locator('#banner[data-verdict="verified"]').waitFor();
    assert.equal(await inspector(s.page).locator('#keyRevealed').textContent(), secret, 'still revealed from the test before (its options are folded)');
    // A secret typed in the panel (the same one, so the verdict stays) is not kept across the reload either.
    await inspector(s.page).locator('#verifyOptions summary').click();
    await inspector(s.page).locator('#panelSecret').fill(secret);
    await inspector(s.page).locator('#banner', { hasText: 'the secret typed in the panel' }).waitFor({ timeout: 15000 });
    await inspector(s.page).locator('#verifyOptions summary').click();
    await runCommand(s.page, 'Developer: Reload Window');
    await s.page.waitForEvent('load', { timeout: 60000 });
    await s.page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60000 });
    const view = inspector(s.page);
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 60000 });
    assert.equal(await view.locator('#token').inputValue(), token);
    assert.equal(await view.locator('#keyRevealed').textContent(), '', 'a revealed key is not restored');
    assert.ok(await view.locator('#keyRevealed').isHidden());
    assert.equal(await view.locator('#panelSecret').inputValue(), '', 'a typed secret is not restored');
    assert.match(await view.locator('#banner').innerText(), /Key: \.env JWT_SECRET/);
    await shot(s.page, 'inspector-restored');
  });

  it('the inspector in light, dark and high-contrast themes', async () => {
    // Verified, with warnings (no exp, a sensitive claim): every kind of text the panel has is on screen.
    const shown = await signToken({ user: 'alice', password: 'hunter2', team: 'the platform workspace team' }, secret, { addDefaults: false });
    await paste(shown);
    await inspector(s.page).locator('#banner[data-verdict="verified"]').waitFor();
    await inspector(s.page).locator('#warnings li[data-code="no-exp"]').waitFor();
    // issue 11.13, at the default half-width panel: the token once; header and payload above the claims; values wrap
    // between words, never inside one.
    const layout = await inspector(s.page).locator('body').evaluate((body, signature) => {
      const text = (body as HTMLElement).innerText;
      const y = (sel: string) => document.querySelector(sel)!.getBoundingClientRect().top;
      const cell = Array.from(document.querySelectorAll('#claims td.value')).find((td) => td.textContent === 'the platform workspace team')!;
      const node = cell.firstChild!;
      const range = document.createRange();
      const at = node.textContent!.indexOf('workspace');
      range.setStart(node, at);
      range.setEnd(node, at + 'workspace'.length);
      // The box's own text counts when it is visible (before, the box and a coloured copy below it both showed it).
      const boxShows = !/rgba\([^)]*,\s*0\)|transparent/.test(getComputedStyle(document.getElementById('token')!).color);
      return { times: text.split(signature).length - 1 + (boxShows ? 1 : 0), width: document.body.clientWidth, headerAbove: y('#header') < y('#claims'), payloadAbove: y('#payload') < y('#claims'), wordLines: new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size };
    }, shown.split('.')[2]);
    assert.equal(layout.times, 1, 'the token is shown once');
    assert.ok(layout.headerAbove && layout.payloadAbove, 'header and payload above the claims');
    assert.equal(layout.wordLines, 1, `"workspace" stays on one line (panel ${layout.width}px wide)`);
    for (const [theme, cls, file] of [['Dark 2026', /\bvs-dark\b/, 'theme-dark'], ['Light 2026', /\bvs\b(?!-)/, 'theme-light'], ['Default High Contrast', /\bhc-black\b/, 'theme-hc-dark'], ['Default High Contrast Light', /\bhc-light\b/, 'theme-hc-light']] as const) {
      await setTheme(s, theme, cls);
      await shot(s.page, file);
      // Every visible text in the panel at least 4.5:1 against what is behind it (WCAG AA), from computed styles.
      const low = await contrastFailures(inspector(s.page));
      assert.deepEqual(low, [], `${theme}: text below 4.5:1`);
      // the panel alone, for the README
      await s.page.locator('iframe.webview').first().screenshot({ path: path.join(ARTIFACTS, `${file}-panel.png`) });
      // and with the verification options open: the key line (description, mask, Reveal) in this theme
      const view = inspector(s.page);
      await view.locator('#verifyOptions summary').click();
      await view.locator('#keyMask').waitFor({ state: 'visible' });
      assert.deepEqual(await contrastFailures(view), [], `${theme}, options open: text below 4.5:1`);
      await s.page.locator('iframe.webview').first().screenshot({ path: path.join(ARTIFACTS, `${file}-key.png`) });
      await view.locator('#verifyOptions summary').click();
    }
  });
});
