// Issue 12 in the real workbench: an SD-JWT presentation (made by the OpenWallet Foundation's @sd-jwt/core) with its
// disclosures and key binding, and a DPoP request from an .http file (made by panva's dpop) inspected as a pair —
// each looked at in light and dark (a proof alone in high contrast too), every text at least 4.5:1.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SDJwtInstance } from '@sd-jwt/core';
import { digest, ES256, generateSalt } from '@sd-jwt/crypto-nodejs';
import * as dpop from 'dpop';
import { signToken } from '../../src/core';
import { ARTIFACTS, chooseInFileDialog, contrastFailures, goTo, inspector, openFile, openWorkbench, runCommand, setTheme, shot, type Session } from './workbench';

describe('the tokens of 2026, in the real workbench (issue 12)', function () {
  this.timeout(180000);
  let s: Session;
  const SECRET = crypto.randomBytes(32).toString('hex');
  let issuerJwk: JsonWebKey;
  let presented = '';

  before(async () => {
    s = await openWorkbench();
    fs.writeFileSync(path.join(s.workspace, '.env'), `JWT_SECRET=${SECRET}\n`);
    await runCommand(s.page, 'JWT: Open Inspector');
    await inspector(s.page).locator('#token').waitFor({ timeout: 30000 });
  });
  after(async () => {
    if (s) await s.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && s) await shot(s.page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
  });

  async function themes(prefix: string, highContrast = false): Promise<void> {
    const all = [['Light 2026', /\bvs\b(?!-)/, `${prefix}-light`], ['Dark 2026', /\bvs-dark\b/, `${prefix}-dark`], ['Default High Contrast', /\bhc-black\b/, `${prefix}-hc-dark`]] as const;
    for (const [theme, cls, file] of highContrast ? all : all.slice(0, 2)) {
      await setTheme(s, theme, cls);
      assert.deepEqual(await contrastFailures(inspector(s.page)), [], `${theme}: text below 4.5:1`);
      await s.page.locator('iframe.webview').first().screenshot({ path: path.join(ARTIFACTS, `${file}-panel.png`) });
    }
  }

  it('an SD-JWT presentation pasted: verified with the issuer key file, disclosures listed, disclosed claims marked, key binding checked', async () => {
    const issuer = await ES256.generateKeyPair();
    const holder = await ES256.generateKeyPair();
    issuerJwk = issuer.publicKey;
    fs.mkdirSync(path.join(s.workspace, 'issuer'), { recursive: true });
    fs.writeFileSync(path.join(s.workspace, 'issuer', 'issuer.jwk.json'), JSON.stringify(issuer.publicKey));
    const sdjwt = new SDJwtInstance({ signer: await ES256.getSigner(issuer.privateKey), signAlg: 'ES256', hasher: digest, hashAlg: 'sha-256', saltGenerator: generateSalt, kbSigner: await ES256.getSigner(holder.privateKey), kbSignAlg: 'ES256' });
    const now = Math.floor(Date.now() / 1000);
    const issued = await sdjwt.issue({ iss: 'https://issuer.example', iat: now, exp: now + 86400, cnf: { jwk: holder.publicKey }, given_name: 'Erika', family_name: 'Mustermann', email: 'erika@example.com', address: { locality: 'Köln', country: 'DE' } } as never, { _sd: ['given_name', 'family_name', 'email', 'address'] } as never);
    presented = await sdjwt.present(issued, { given_name: true, address: true } as never, { kb: { payload: { aud: 'https://verifier.example', iat: now, nonce: 'n-42' } } });
    const view = inspector(s.page);
    await view.locator('#verifyOptions summary').click();
    await view.locator('#addKeyFile').click();
    await chooseInFileDialog(s.page, 'issuer', 'issuer.jwk.json');
    await view.locator('#keySource option', { hasText: 'issuer.jwk.json' }).first().waitFor({ state: 'attached', timeout: 15000 });
    await view.locator('#audience').fill('https://verifier.example');
    await view.locator('#nonce').fill('n-42');
    await view.locator('#verifyOptions summary').click();
    await view.locator('#token').fill(presented);
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 20000 });
    const banner = await view.locator('#banner').innerText();
    assert.match(banner, /Kind: SD-JWT \(selective disclosure, RFC 9901\)/);
    const profile = view.locator('#profile');
    for (const name of ['issuer signature', 'disclosures', 'key binding signature', 'sd_hash', 'key binding aud', 'key binding nonce']) {
      assert.equal(await profile.locator(`li[data-check="${name}"]`).getAttribute('data-status'), 'passed', name);
    }
    assert.match(await profile.innerText(), /2 claims withheld \(or decoys\)/);
    assert.deepEqual((await view.locator('#disclosures tbody th').allInnerTexts()).sort(), ['address', 'given_name']);
    assert.ok(await view.locator('#claims tr.disclosed', { hasText: 'given_name' }).count(), 'given_name is marked as disclosed');
    assert.equal(await view.locator('#claims tr.disclosed', { hasText: 'iss' }).count(), 0);
    await shot(s.page, 'sd-jwt-inspector');
    await profile.scrollIntoViewIfNeeded();
    await themes('sd-jwt');
  });

  it('an SD-JWT\'s Payload pane shows both, labelled: the payload as the issuer signed it (_sd, _sd_alg, cnf) and the claims as the holder disclosed them', async () => {
    assert.ok(presented, 'the SD-JWT of the test before');
    const view = inspector(s.page);
    if ((await view.locator('#token').inputValue()) !== presented) await view.locator('#token').fill(presented);
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 20000 });
    const pane = view.locator('#payload');
    const signed = pane.locator('#signedPayload');
    const disclosed = pane.locator('#disclosedPayload');
    await signed.waitFor({ timeout: 10000 });
    assert.match(await signed.locator('h3').innerText(), /As signed by the issuer/);
    assert.match(await disclosed.locator('h3').innerText(), /As presented by the holder/);
    const signedText = await signed.locator('pre').innerText();
    const signedJson = JSON.parse(signedText) as Record<string, unknown>;
    assert.ok(Array.isArray(signedJson._sd) && signedJson._sd.length === 4, `the four digests, as signed: ${signedText}`);
    assert.equal(signedJson._sd_alg, 'sha-256');
    assert.ok(signedJson.cnf, 'the holder key, as signed');
    assert.equal(signedJson.given_name, undefined, 'a disclosed claim is not in the signed payload');
    const disclosedJson = JSON.parse(await disclosed.locator('pre').innerText()) as Record<string, unknown>;
    assert.equal(disclosedJson.given_name, 'Erika');
    assert.deepEqual(disclosedJson.address, { locality: 'Köln', country: 'DE' });
    assert.equal(disclosedJson._sd, undefined);
    assert.equal(disclosedJson.email, undefined, 'a withheld claim is not shown');
    // Each view is reached with the keyboard, and each is named by its heading for a screen reader.
    for (const section of [signed, disclosed]) {
      assert.equal(await section.locator('pre').getAttribute('tabindex'), '0');
      const labelledBy = await section.locator('pre').getAttribute('aria-labelledby');
      assert.ok(labelledBy && (await section.locator(`h3#${labelledBy}`).count()) === 1, 'the JSON is labelled by its heading');
    }
    await signed.locator('pre').focus();
    await s.page.keyboard.press('Tab');
    assert.equal(await disclosed.locator('pre').evaluate((n) => n === document.activeElement), true, 'Tab goes from the signed payload to the disclosed claims');
    await pane.evaluate((n) => n.scrollIntoView({ block: 'start' }));
    await shot(s.page, 'sd-jwt-payload');
    await themes('sd-jwt-payload', true);
  });

  it('a DPoP request in an .http file: Verify on the DPoP line shows the pair — the request in the box, the proof\'s checks', async () => {
    const keys = await dpop.generateKeyPair('ES256', { extractable: true });
    const at = await signToken({ iss: 'https://as.example', sub: 'alice', aud: 'https://api.example.com', client_id: 'c1', jti: 'j1', scope: 'orders:write', cnf: { jkt: await dpop.calculateThumbprint(keys.publicKey) } }, SECRET, { header: { typ: 'at+jwt' } });
    const proof = await dpop.generateProof(keys, 'https://api.example.com/orders', 'POST', undefined, at);
    fs.writeFileSync(path.join(s.workspace, 'orders.http'), `### create an order\nPOST https://api.example.com/orders\nAuthorization: DPoP ${at}\nDPoP: ${proof}\nContent-Type: application/json\n\n{"item": 1}\n`);
    // The SD-JWT's verifier options (audience, nonce) are not this request's.
    const options = inspector(s.page);
    await options.locator('#verifyOptions summary').click();
    await options.locator('#audience').fill('');
    await options.locator('#nonce').fill('');
    await options.locator('#verifyOptions summary').click();
    await openFile(s.page, 'orders.http');
    await goTo(s.page, 4, 12);
    await runCommand(s.page, 'JWT: Verify and Decode Selection');
    const view = inspector(s.page);
    await view.locator('#dpopChecks').waitFor({ timeout: 20000 });
    await view.locator('#banner[data-verdict="verified"]').waitFor({ timeout: 20000 });
    assert.equal((await view.locator('#token').inputValue()).trim(), `POST https://api.example.com/orders\nAuthorization: DPoP ${at}\nDPoP: ${proof}`);
    assert.match(await view.locator('#banner').innerText(), /Kind: JWT access token \(RFC 9068\)/);
    for (const name of ['proof signature', 'htm', 'htu', 'iat', 'ath', 'binding']) assert.equal(await view.locator(`#dpopChecks li[data-check="${name}"]`).getAttribute('data-status'), 'passed', name);
    assert.equal(await view.locator('#checkList li[data-check="DPoP proof"]').getAttribute('data-status'), 'passed');
    await shot(s.page, 'dpop-pair-inspector');
    await view.locator('#profile').scrollIntoViewIfNeeded();
    await themes('dpop-pair');
    // Tampered: the proof for another URL — the pair is not verified, and the failed check says why.
    const other = await dpop.generateProof(keys, 'https://api.example.com/refunds', 'POST', undefined, at);
    await view.locator('#token').fill(`POST https://api.example.com/orders\nAuthorization: DPoP ${at}\nDPoP: ${other}`);
    await view.locator('#banner[data-verdict="claim-mismatch"]').waitFor({ timeout: 20000 });
    assert.equal(await view.locator('#dpopChecks li[data-check="htu"]').getAttribute('data-status'), 'failed');
    assert.match(await view.locator('#banner').innerText(), /The DPoP proof fails: The proof is for https:\/\/api\.example\.com\/refunds, not https:\/\/api\.example\.com\/orders/);
    await shot(s.page, 'dpop-pair-htu-mismatch');
    // The proof alone: signed by the key in its own header — proof of possession, never green, never "verified", and
    // the key line names that key, not the .env secret (issue 20.1).
    await view.locator('#token').fill(proof);
    await view.locator('#banner[data-verdict="possession"]').waitFor({ timeout: 20000 });
    assert.match((await view.locator('#banner').getAttribute('class')) ?? '', /\binfo\b/);
    const alone = await view.locator('#banner').innerText();
    assert.match(alone, /Proof of possession/);
    assert.match(alone, /not verified with any key of yours/);
    assert.match(alone, /Key: the key in the proof's own header/);
    assert.doesNotMatch(alone, /JWT_SECRET|✔/);
    await shot(s.page, 'dpop-proof-alone');
    await themes('dpop-proof-alone', true);
    assert.ok(issuerJwk);
  });
});
