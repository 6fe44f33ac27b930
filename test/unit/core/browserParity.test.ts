// Issue 9.10 — the core also runs in VS Code for the Web: the same key and JWE cases, run by the same core in
// Debian's Chromium, must get the same answer as in Node. The one difference allowed is the runtime's own: Chromium
// has no 192-bit AES, and there an A192 JWE must be 'unsupported' (saying so), never "Token is invalid.".
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { inspectToken } from '../../../src/core';
import { launchChromium } from '../../host/codeServer';
import { FIXTURES } from './keyFixtures';
import type { PageResult } from '../browser/page';
import { keyEncodingCases, type ParityCase } from './keyEncodingCases';
import { CASES, judge } from './wycheproofCases';

const NOW = '2026-01-01T00:00:00Z';
const uses192 = (token: string) => /192/.test(Buffer.from(token.split('.')[0], 'base64url').toString());

describe('the core in Chromium answers as in Node: Wycheproof and key-encoding cases (issue 9.10)', function () {
  this.timeout(180_000);
  const wycheproof = CASES.filter((c) => !c.skip);
  let browser: Browser | undefined;
  let server: http.Server | undefined;
  let extra: ParityCase[] = [];
  const node = new Map<string, PageResult>();
  const chromium = new Map<string, PageResult>();

  before(async () => {
    const esbuild = await import('esbuild');
    const bundle = await esbuild.build({ entryPoints: [path.join(FIXTURES, '..', 'unit', 'browser', 'page.ts')], bundle: true, write: false, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'silent' });
    const script = bundle.outputFiles[0].text;
    server = http.createServer((req, res) => {
      if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/page.js"></script>');
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    extra = await keyEncodingCases();
    const all = [...wycheproof.map((c) => ({ id: c.id, token: c.token, key: c.key })), ...extra];
    for (const c of all) {
      const ins = await inspectToken(c.token, { key: c.key, now: new Date(NOW) });
      node.set(c.id, { verdict: ins.verdict, accepted: ins.verifiedWith !== undefined, detail: ins.detail, payloadText: ins.payloadText });
    }
    browser = await launchChromium();
    const page: Page = await browser.newPage();
    // http://127.0.0.1 is a secure context, so Web Crypto is there as in a VS Code webview or web worker.
    await page.goto(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => typeof (globalThis as { inspectAll?: unknown }).inspectAll === 'function');
    const results = await page.evaluate(
      ([cases, now]) => (globalThis as unknown as { inspectAll: (c: unknown, n: string) => Promise<PageResult[]> }).inspectAll(cases, now),
      [all.map(({ token, key }) => ({ token, key })), NOW] as const,
    );
    results.forEach((r, i) => chromium.set(all[i].id, r));
    console.log(`      browser parity: ${all.length} cases in ${await browser.version()} (${wycheproof.length} Wycheproof, ${extra.length} key encodings and JWE)`);
  });
  after(async () => {
    await browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
  });

  const same = (id: string, token: string) => {
    const n = node.get(id)!;
    const c = chromium.get(id)!;
    if (uses192(token) && c.verdict === 'unsupported' && n.verdict !== 'unsupported') {
      assert.match(c.detail ?? '', /192-bit AES/);
      assert.equal(c.accepted, false);
      return;
    }
    assert.deepEqual({ verdict: c.verdict, accepted: c.accepted }, { verdict: n.verdict, accepted: n.accepted }, `Node: ${n.detail}\nChromium: ${c.detail}`);
  };
  for (const c of wycheproof) {
    it(`${c.id}: same answer, and right`, () => {
      same(c.id, c.token);
      const r = chromium.get(c.id)!;
      if (!(uses192(c.token) && r.verdict === 'unsupported' && !c.unsupported)) {
        const wrong = judge(c, { verdict: r.verdict, verifiedWith: r.accepted ? ({} as never) : undefined, payloadText: r.payloadText, detail: r.detail } as never);
        assert.equal(wrong, undefined, wrong);
      }
    });
  }
  it('key encodings and JWE: same answer for every case', () => {
    const wrong = extra.flatMap((c) => {
      try {
        same(c.id, c.token);
        return [];
      } catch (e) {
        return [`${c.id}: ${(e as Error).message}`];
      }
    });
    assert.deepEqual(wrong, []);
    // and the answers are the right ones
    const expectAccepted = ['RSA JWK, n and e with a leading zero byte', 'PKCS#1 PEM with non-minimal DER integers', 'EC JWK, x of 31 bytes', 'EC JWK, x of 33 bytes', 'EC JWK, canonical', 'Ed25519, a real key', 'EC SPKI PEM'];
    for (const id of expectAccepted) assert.equal(chromium.get(id)?.verdict, 'verified', `${id}: ${chromium.get(id)?.detail}`);
    for (const c of extra.filter((x) => /forgery|small order|use "enc"/.test(x.id))) assert.equal(chromium.get(c.id)?.accepted, false, c.id);
  });
});
