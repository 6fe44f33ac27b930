/**
 * Runs the integration suite (out/test/integration/index.js, mocha's run() contract) inside a real VS Code
 * extension host, with the extension loaded as a development extension on a fresh copy of the fixture workspace.
 *
 *   --host code-server   the offline host (default unless a downloaded VS Code is at hand)
 *   --host electron      @vscode/test-electron: downloads VS Code (needs internet) — `npm run test:electron`
 *   --suite multiroot    the multi-root suite (test/integration/multiroot) on test/fixtures/multiroot's
 *                        multi.code-workspace, instead of the single-folder suite
 *
 * Exit code: 0 when every test passed, 1 on failures or a timeout, 2 when the host itself failed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, copyFixture, extensionHostText, launchChromium, runInExtensionHost, startCodeServer } from './codeServer';

const SUITE = process.argv.includes('--suite') ? process.argv[process.argv.indexOf('--suite') + 1] : 'integration';
const MULTIROOT = SUITE === 'multiroot';
const TESTS = path.join(REPO, 'out', 'test', 'integration', ...(MULTIROOT ? ['multiroot'] : []), 'index.js');
const ARTIFACTS = path.join(REPO, 'test-artifacts');
const TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 900000);
const t0 = Date.now();
const lap = (m: string) => console.log(`[${SUITE} ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

function chooseHost(): 'electron' | 'code-server' {
  const i = process.argv.indexOf('--host');
  const asked = i > 0 ? process.argv[i + 1] : process.env.VSCODE_TEST_HOST;
  if (asked === 'electron' || asked === 'code-server') return asked;
  // @vscode/test-electron keeps its downloads in .vscode-test/: use it when one is already there.
  const cache = path.join(REPO, '.vscode-test');
  return fs.existsSync(cache) && fs.readdirSync(cache).some((d) => d.startsWith('vscode-')) ? 'electron' : 'code-server';
}

async function runElectron(workspace: string): Promise<number> {
  const { runTests } = await import('@vscode/test-electron');
  try {
    await runTests({ extensionDevelopmentPath: REPO, extensionTestsPath: TESTS, launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'] });
    return 0;
  } catch (e) {
    console.error(String(e));
    return 1;
  }
}

async function runCodeServer(workspace: string): Promise<number> {
  const cs = await startCodeServer({ smokeTestDriver: true });
  lap(`code-server up at ${cs.url}`);
  const browser = await launchChromium();
  try {
    const { code, page } = await runInExtensionHost(browser, cs, {
      ...(MULTIROOT ? { workspace } : { folder: workspace }),
      extensionTestsPath: TESTS,
      debugId: SUITE,
      timeoutMs: TIMEOUT_MS,
      onPage: (p, finish) => {
        p.on('console', async (m) => {
          const t = m.text();
          if (t.includes('[Extension Host]')) {
            const s = await extensionHostText(m);
            (m.type() === 'error' ? process.stderr : process.stdout).write(s + '\n');
          } else if (/No extension host found|Cannot find module|Extension host .* terminated/.test(t)) {
            console.error('[workbench] ' + t.slice(0, 500));
            if (/No extension host found/.test(t)) finish(2);
          }
        });
        lap('workbench loading; the suite runs in the extension host');
      },
    });
    if (code === -1) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'integration-timeout.png') }).catch(() => undefined);
      console.error(`TIMEOUT after ${TIMEOUT_MS} ms. code-server log tail:\n${cs.log().slice(-3000)}`);
      return 1;
    }
    return code;
  } finally {
    await browser.close().catch(() => undefined);
    await cs.stop();
  }
}

(async () => {
  const host = chooseHost();
  const copy = copyFixture(MULTIROOT ? 'multiroot' : 'workspace');
  const workspace = MULTIROOT ? path.join(copy, 'multi.code-workspace') : copy;
  lap(`host: ${host}; workspace: ${workspace}`);
  let code = 2;
  try {
    code = host === 'electron' ? await runElectron(workspace) : await runCodeServer(workspace);
  } catch (e) {
    console.error('host error:', e);
    code = 2;
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
  lap(`exit code ${code}`);
  process.exit(code === 0 ? 0 : code === 2 ? 2 : 1);
})();
