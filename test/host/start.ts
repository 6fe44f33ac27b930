/**
 * `npm start`: VS Code with JWT Workbench on a demo workspace.
 *   - a local VS Code (`code` on PATH, or VSCODE_PATH) opens with the extension under development, or
 *   - otherwise (the default on a machine without one) the offline code-server host: the URL is printed
 *     (127.0.0.1 only) and opened in a browser when there is a display.
 * The demo workspace is a copy of test/fixtures/demo in .vscode-demo/workspace, kept between runs; its user data
 * (settings, open editors) too. Ctrl+C stops the server. Set JWT_WORKBENCH_HOST=code-server to skip a local VS Code.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, hostInstalled, localVsCode, startCodeServer } from './codeServer';

const DEMO_ROOT = path.join(REPO, '.vscode-demo');
const WORKSPACE = path.join(DEMO_ROOT, 'workspace');

async function main(): Promise<void> {
  if (!fs.existsSync(WORKSPACE)) fs.cpSync(path.join(REPO, 'test', 'fixtures', 'demo'), WORKSPACE, { recursive: true });
  const code = process.env.JWT_WORKBENCH_HOST === 'code-server' ? undefined : localVsCode();
  if (code) {
    console.log(`Opening ${WORKSPACE} in ${code} with the extension from ${REPO}`);
    spawn(code, ['--extensionDevelopmentPath', REPO, WORKSPACE], { stdio: 'inherit', detached: true }).unref();
    return;
  }
  if (!hostInstalled()) {
    console.log('Installing the offline VS Code host (code-server) once — a few minutes…');
    const r = spawnSync('bash', [path.join(REPO, 'test', 'host', 'setup.sh')], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  const port = Number(process.env.PORT ?? 0);
  const cs = await startCodeServer({ installExtension: true, dataDir: path.join(DEMO_ROOT, 'host'), port });
  const url = `${cs.url}/?folder=${encodeURIComponent(WORKSPACE)}`;
  console.log(`\nJWT Workbench is running in VS Code (code-server) at:\n\n  ${url}\n\nOpen it in a browser. Ctrl+C stops it.`);
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) spawn('xdg-open', [url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await cs.stop();
    console.log('JWT Workbench stopped (code-server ended, its sockets removed).');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  cs.child.once('exit', (c) => {
    if (stopping) return;
    console.error(`code-server exited (${c}).\n${cs.log().slice(-2000)}`);
    process.exit(1);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
