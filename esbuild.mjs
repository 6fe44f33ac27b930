// One build for everything: the extension (Node), the inspector webview (browser) and the test bundles.
// Type-checking is separate (`tsc`): esbuild strips types without checking them.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

function files(dir, suffix) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, suffix));
    else if (p.endsWith(suffix)) out.push(p);
  }
  return out;
}

// Libraries that only rare paths need are their own files in the Node build, loaded on first use rather than parsed
// at activation: json5 reads payloads that are not strict JSON. (The web build bundles them: a web worker extension
// host cannot load a second file; esbuild still evaluates them only when first imported.)
const lazyLibraries = ['json5', 'pkijs'];
const lazyFiles = {
  name: 'lazy-libraries',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${lazyLibraries.join('|')})$`) }, (args) => (args.kind === 'dynamic-import' ? { path: `./${args.path}.js`, external: true } : undefined));
  },
};

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', target: 'es2022' };

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'], plugins: [lazyFiles] },
  ...lazyLibraries.map((name) => ({ ...common, stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: '.' }, outfile: `dist/${name}.js`, platform: 'node', format: 'cjs' })),
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife' },
  // The web extension (vscode.dev, github.dev, a browser's extension host): the same code, no Node built-ins (the one
  // dynamic import of node:fs/promises, for symbolic links of local .env files, runs only where there is a Node).
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', external: ['vscode', 'node:fs/promises'] },
];
if (!production) {
  // Tests: each file its own bundle so mocha can load them one by one; vscode and mocha stay external.
  const testOpts = { ...common, sourcemap: true, platform: 'node', format: 'cjs', outbase: '.', outdir: 'out', external: ['vscode', 'mocha', 'playwright-core', 'esbuild'] };
  builds.push({ ...testOpts, entryPoints: [...files('test/unit', '.ts'), ...files('test/interop', '.ts')] });
  builds.push({ ...testOpts, entryPoints: [...files('test/integration', '.ts')] });
  builds.push({ ...testOpts, entryPoints: [...files('test/e2e', '.ts'), ...files('test/host', '.ts').filter((f) => !f.endsWith('reporter.ts'))] });
  // mocha require()s a reporter and calls the module itself as a constructor.
  builds.push({ ...testOpts, entryPoints: ['test/host/reporter.ts'], footer: { js: 'module.exports = module.exports.default;' } });
  builds.push({ ...testOpts, entryPoints: files('test/bench', '.ts') });
}

// --keep-out: a production build of dist/ next to the test bundles already in out/ (npm run bench:editor).
if (!process.argv.includes('--keep-out')) rmSync('out', { recursive: true, force: true });
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
