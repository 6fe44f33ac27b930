// The inspector's HTML carries its first view as data, so the verdict paints with the first frame — and a
// token's text in it can never become markup. The real webview script runs in Chromium on the real shell; nothing
// answers its messages here, so whatever it paints came from the HTML alone.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { inspectToken } from '../../../src/core';
import { embedJson, inspectorHtml } from '../../../src/inspector/html';
import { DEFAULT_VERIFY_OPTIONS, type InspectorView } from '../../../src/protocol';
import { launchChromium } from '../../host/codeServer';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const HOSTILE = '</script><script>window.__pwned = 1</script><!--<script>';
const SECRET = 'x'.repeat(64);

/** A view as the controller builds it (no key material), for `token` verified with SECRET. */
async function viewOf(token: string): Promise<InspectorView> {
  const inspection = await inspectToken(token, { key: { secret: SECRET, encoding: 'utf8' } });
  return { inspection, origin: 'selection', keySource: '.env JWT_SECRET', signedHere: false, keySources: [{ id: 'env:root', label: `.env ${HOSTILE}` }], selectedKeySource: 'env:root', options: DEFAULT_VERIFY_OPTIONS, canReplace: false } as InspectorView;
}

/** An HS256 token signed with SECRET (node:crypto, independent of the core) whose header and payload hold `text`. */
async function hostileToken(text: string): Promise<string> {
  const { createHmac } = await import('node:crypto');
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${b64({ alg: 'HS256', typ: 'JWT', kid: text })}.${b64({ sub: text, note: `${text}-->` })}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

describe('the inspector HTML paints its first view without a message (issue 21.6)', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let server: http.Server | undefined;
  let origin = '';
  let script = '';
  const pages = new Map<string, string>();

  before(async () => {
    const esbuild = await import('esbuild');
    const bundle = await esbuild.build({ entryPoints: [path.join(ROOT, 'src', 'webview', 'main.ts')], bundle: true, write: false, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'silent' });
    script = bundle.outputFiles[0].text;
    const css = fs.readFileSync(path.join(ROOT, 'media', 'inspector.css'));
    server = http.createServer((req, res) => {
      if (req.url === '/webview.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      else if (req.url === '/inspector.css') res.writeHead(200, { 'content-type': 'text/css' }).end(css);
      else if (pages.has(req.url ?? '')) res.writeHead(200, { 'content-type': 'text/html' }).end(pages.get(req.url!));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
  });

  /**
   * Open the shell holding `view` in a page whose webview API records what the script posts (and hands it `saved` as
   * its saved state); CSP violations are recorded too.
   */
  async function open(name: string, view: InspectorView | undefined, saved?: unknown): Promise<Page> {
    pages.set(`/${name}`, inspectorHtml({ cspSource: origin, script: `${origin}/webview.js`, style: `${origin}/inspector.css`, strings: {}, view }));
    const page = await browser!.newPage();
    await page.addInitScript((s) => {
      const w = window as unknown as Record<string, unknown>;
      const posted: unknown[] = (w.__posted = []);
      const violations: string[] = (w.__violations = []);
      document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => posted.push(m), getState: () => s, setState: (x: unknown) => (w.__state = x) });
    }, saved);
    await page.goto(`${origin}/${name}`);
    await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
    return page;
  }

  it('a token holding </script> and <!-- stays data: the verdict and the text are painted, no element is added', async () => {
    const token = await hostileToken(HOSTILE);
    const view = await viewOf(token);
    assert.equal(view.inspection?.verdict, 'verified');
    const json = embedJson(view);
    assert.ok(!/[<>&]/.test(json), 'no <, > or & in the embedded JSON');
    assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(view)), 'read back unchanged');
    const page = await open('hostile', view);
    const got = await page.evaluate(() => ({
      verdict: document.querySelector('#banner')?.getAttribute('data-verdict'),
      renders: document.getElementById('app')?.dataset.renders,
      token: (document.getElementById('token') as HTMLTextAreaElement | null)?.value,
      text: document.getElementById('app')?.textContent ?? '',
      scripts: document.scripts.length,
      comments: document.createTreeWalker(document, NodeFilter.SHOW_COMMENT).nextNode() !== null,
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      posted: (window as unknown as { __posted: unknown[] }).__posted,
      violations: (window as unknown as { __violations: string[] }).__violations,
      options: Array.from(document.querySelectorAll('#keySource option')).map((o) => o.textContent),
    }));
    assert.equal(got.verdict, 'verified', 'painted from the HTML: nothing answered a message');
    assert.equal(got.renders, '1');
    assert.deepEqual(got.posted, [{ type: 'ready' }], 'the script asked for nothing but to be told of newer views');
    assert.equal(got.token, token);
    assert.ok(got.text.includes(`${HOSTILE}-->`), 'the payload text is shown as text');
    assert.ok(got.options.includes(`.env ${HOSTILE}`), 'a label is text too');
    assert.equal(got.scripts, 2, 'only the JSON block and our script: nothing broke out of the block');
    assert.equal(got.comments, false, 'no comment opened by the token');
    assert.equal(got.pwned, undefined);
    assert.deepEqual(got.violations, [], 'nothing needed the CSP to stop it');
    await page.close();
  });

  it('a malformed text holding </script> is shown as text too', async () => {
    const text = `eyJ${HOSTILE}.e30.`;
    const view = await viewOf(text);
    const page = await open('malformed', view);
    const got = await page.evaluate(() => ({ verdict: document.querySelector('#banner')?.getAttribute('data-verdict'), scripts: document.scripts.length, pwned: (window as unknown as { __pwned?: number }).__pwned }));
    assert.equal(got.verdict, view.inspection?.verdict);
    assert.equal(got.scripts, 2);
    assert.equal(got.pwned, undefined);
    await page.close();
  });

  it('without a view, or with one older than what the panel last showed, the script waits for the extension', async () => {
    const token = await hostileToken('fine');
    const view = await viewOf(token);
    for (const [name, v, saved] of [
      ['empty', undefined, undefined],
      ['stale', view, { token: 'another.token.here', options: DEFAULT_VERIFY_OPTIONS, keySource: 'env:root' }],
    ] as const) {
      const page = await open(name, v, saved);
      const got = await page.evaluate(() => ({ renders: document.getElementById('app')?.dataset.renders, verdict: document.querySelector('#banner')?.getAttribute('data-verdict') }));
      assert.equal(got.renders, undefined, `${name}: nothing rendered`);
      assert.equal(got.verdict ?? undefined, undefined);
      await page.close();
    }
    // The same state it last showed (a panel shown again): painted at once.
    const page = await open('same', view, { token: view.inspection?.token, options: view.options, keySource: view.selectedKeySource });
    assert.equal(await page.evaluate(() => document.querySelector('#banner')?.getAttribute('data-verdict')), 'verified');
    await page.close();
  });
});
