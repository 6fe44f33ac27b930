/**
 * The README's first command on a fresh machine, as CI proves it once per run: `npm start` against an empty tools
 * folder (VSCODE_TEST_TOOLS, default a new temporary directory) until the workbench URL answers, then Ctrl+C (SIGINT
 * to the whole process group, as a terminal sends it) — after which the process must have exited cleanly and the demo
 * folder must hold only files and folders (a socket left behind breaks copying the project tree).
 *   node out/test/host/freshStart.js [--tools DIR]
 * Exits 0 when all of that held, 1 otherwise, saying which part failed. The tools folder is kept, so the caller can
 * run `npm test` on the host this just installed.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');
const DEMO = path.join(REPO, '.vscode-demo');
const INSTALL_LIMIT_MS = 20 * 60_000;

function fail(message: string): never {
  console.error(`fresh start: FAILED — ${message}`);
  process.exit(1);
}

/** Every entry under `dir` that is neither a regular file, a folder nor a symbolic link (sockets, FIFOs, devices). */
export function specialFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.isFile() && !e.isSymbolicLink()) out.push(path.relative(REPO, p));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

function answers(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(10_000, () => req.destroy());
  });
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--tools');
  const tools = i > 0 ? path.resolve(process.argv[i + 1]) : fs.mkdtempSync(path.join(os.tmpdir(), 'jwtwb-fresh-tools-'));
  fs.mkdirSync(tools, { recursive: true });
  if (fs.readdirSync(tools).length) fail(`${tools} is not empty: the check is for a machine that never had the host`);
  console.log(`fresh start: npm start with an empty VSCODE_TEST_TOOLS=${tools}`);
  const started = Date.now();
  const env = { ...process.env, VSCODE_TEST_TOOLS: tools, JWT_WORKBENCH_HOST: 'code-server', PORT: '0' };
  // Its own process group, so SIGINT reaches npm and everything under it at once, as Ctrl+C in a terminal does.
  const child = spawn('npm', ['start'], { cwd: REPO, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  let served = false;
  const url = await new Promise<string>((resolve) => {
    const timer = setTimeout(() => fail(`no workbench URL within ${INSTALL_LIMIT_MS / 60_000} minutes:\n${output.slice(-3000)}`), INSTALL_LIMIT_MS);
    const onData = (d: Buffer) => {
      process.stdout.write(d);
      output += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(output);
      if (m && !served) {
        served = true;
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => served || fail(`npm start exited (${code}) before printing the workbench URL:\n${output.slice(-3000)}`));
  });
  const status = await answers(url);
  if (status !== 200) fail(`the workbench URL ${url} answered ${status}`);
  console.log(`fresh start: the workbench answered 200 after ${Math.round((Date.now() - started) / 1000)} s; Ctrl+C`);
  process.kill(-child.pid!, 'SIGINT');
  const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running 30 s after Ctrl+C'), 30_000))]);
  // npm reports the SIGINT it was sent (130) after its script ended; anything else is a failed stop.
  if (code !== 0 && code !== 130 && code !== 'SIGINT') fail(`npm start did not stop cleanly after Ctrl+C: ${code}`);
  if (!/stopped/i.test(output)) fail(`npm start did not say it stopped:\n${output.slice(-2000)}`);
  const left = specialFiles(DEMO);
  if (left.length) fail(`the demo folder holds files that are not regular: ${left.join(', ')}`);
  const stillUp = await answers(url);
  if (stillUp !== 0) fail(`the workbench still answers (${stillUp}) after Ctrl+C`);
  console.log(`fresh start: ok — installed and served in ${Math.round((Date.now() - started) / 1000)} s, stopped cleanly, no socket left in .vscode-demo`);
}

if (require.main === module) void main().catch((e) => fail(String(e?.stack ?? e)));
