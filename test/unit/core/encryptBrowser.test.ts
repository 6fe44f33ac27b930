// Issue 26 — the core's encryption also runs in VS Code for the Web. In Debian's Chromium every pair but the 192-bit
// AES ones encrypts, and what it makes decrypts in Node; the 192-bit pairs are not offered there, saying why, and
// refused if asked for by name.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CONTENT_ENCRYPTION_ALGS, inspectToken, KEY_MANAGEMENT_ALGS, type EncryptionChoice } from '../../../src/core';
import { CEK_BYTES, uses192BitAes } from '../../../src/core/token/encryptAlgorithms';
import { launchChromium } from '../../host/codeServer';
import type { EncryptResult } from '../browser/encryptPage';
import { FIXTURES } from './keyFixtures';

describe('core/encrypt in Chromium (VS Code for the Web)', function () {
  this.timeout(180_000);
  let browser: Browser | undefined;
  let server: http.Server | undefined;
  let page: Page;
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pub = (k: crypto.KeyObject) => ({ jwk: k.export({ format: 'jwk' }) });

  before(async () => {
    const esbuild = await import('esbuild');
    const bundle = await esbuild.build({ entryPoints: [path.join(FIXTURES, '..', 'unit', 'browser', 'encryptPage.ts')], bundle: true, write: false, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'silent' });
    const script = bundle.outputFiles[0].text;
    server = http.createServer((req, res) => {
      if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/page.js"></script>');
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    browser = await launchChromium();
    page = await browser.newPage();
    // http://127.0.0.1 is a secure context, so Web Crypto is there as in a web worker extension host.
    await page.goto(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => typeof (globalThis as { encryptAll?: unknown }).encryptAll === 'function');
  });
  after(async () => {
    await browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
  });

  it('every pair encrypts there and decrypts in Node, but the 192-bit AES ones, which are refused saying why', async () => {
    const cases = KEY_MANAGEMENT_ALGS.flatMap((alg) =>
      CONTENT_ENCRYPTION_ALGS.map((enc) => {
        if (alg.startsWith('RSA')) return { alg, enc, key: pub(rsa.publicKey), decrypt: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
        if (alg.startsWith('ECDH')) return { alg, enc, key: pub(ec.publicKey), decrypt: ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
        const s = { jwk: { kty: 'oct', k: crypto.randomBytes(alg === 'dir' ? CEK_BYTES[enc] : Number(/\d+/.exec(alg)![0]) / 8).toString('base64url') } };
        return { alg, enc, key: s, decrypt: s };
      }),
    );
    const results = await page.evaluate(
      (c) => (globalThis as unknown as { encryptAll: (c: unknown) => Promise<EncryptResult[]> }).encryptAll(c),
      cases.map(({ alg, enc, key }) => ({ alg, enc, key, claims: { sub: `${alg} ${enc}` } })),
    );
    const wrong: string[] = [];
    let made = 0;
    for (const [i, c] of cases.entries()) {
      const r = results[i];
      if (uses192BitAes(c.alg, c.enc)) {
        if (r.code !== 'ERR_ALG_UNSUPPORTED' || !/192-bit AES is not offered here.*VS Code for the Web/.test(r.error ?? '')) wrong.push(`${c.alg} ${c.enc}: ${r.error ?? 'encrypted'}`);
        continue;
      }
      if (!r.token) {
        wrong.push(`${c.alg} ${c.enc}: ${r.error}`);
        continue;
      }
      const ins = await inspectToken(r.token, { key: c.decrypt as never });
      if ((ins.payload as { sub?: string } | undefined)?.sub !== `${c.alg} ${c.enc}`) wrong.push(`${c.alg} ${c.enc}: Node reads ${ins.verdict} ${ins.detail}`);
      made++;
    }
    assert.deepEqual(wrong, []);
    assert.equal(made, cases.filter((c) => !uses192BitAes(c.alg, c.enc)).length);
    assert.equal(made, 40, 'of the 78 pairs, 38 need 192-bit AES');
    console.log(`      (Chromium ${await browser!.version()}: ${made} pairs encrypted there and decrypted in Node; ${78 - made} 192-bit pairs refused)`);
  });

  it('the picker there offers no 192-bit pair, and says why', async () => {
    const { aes192, choices } = await page.evaluate((k) => (globalThis as unknown as { choicesFor: (k: unknown) => Promise<{ aes192: boolean; choices: EncryptionChoice[] }> }).choicesFor(k), pub(ec.publicKey));
    assert.equal(aes192, false, 'Chromium lacks 192-bit AES');
    assert.deepEqual(choices[0], { alg: 'ECDH-ES+A256KW', enc: 'A256GCM' });
    for (const c of choices) assert.equal(!!c.why, uses192BitAes(c.alg, c.enc), `${c.alg} ${c.enc}`);
    assert.match(choices.find((c) => c.why)!.why!, /browsers, so VS Code for the Web/);
  });
});
