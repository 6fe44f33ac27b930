// One build for everything: the extension (Node), the inspector webview (browser) and the test bundles.
// Type-checking is separate (`tsc`): esbuild strips types without checking them.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const production = process.argv.includes('--production');
/** --metafile: write each extension bundle's esbuild metafile to out/metafile/ (what is big: esbuild --analyze's data). */
const metafile = (name, result) => {
  if (!process.argv.includes('--metafile')) return;
  mkdirSync('out/metafile', { recursive: true });
  writeFileSync(`out/metafile/${name}.json`, JSON.stringify(result.metafile));
};
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
// at activation: json5 reads payloads that are not strict JSON, pkijs checks x5c chains. (The web build bundles them:
// a web worker extension host cannot load a second file; esbuild still evaluates them only when first imported.)
const lazyLibraries = ['json5', 'pkijs'];
const lazyFiles = {
  name: 'lazy-libraries',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${lazyLibraries.join('|')})$`) }, (args) => (args.kind === 'dynamic-import' ? { path: `./${args.path}.js`, external: true } : undefined));
  },
};

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', target: 'es2022' };

// Our own modules that activation does not need are dist/lazy.js in the Node build: every `import('./x')` of a
// module under src/ (src/lazy.ts: the rarer commands and handlers; in the core and the inspector, what only some
// tokens or actions need) is read from there on first use. dist/lazy.js shares the activation bundle's modules instead
// of copying them — one KeySources class, one error class for `instanceof`, one KeyCache: dist/extension.js exports
// each module dist/lazy.js imports of it whole, as a namespace (esbuild's live getters), and dist/lazy.js reads those
// modules from there. Which modules those are comes from esbuild's metafile, never from reading generated code. The
// build refuses a module imported both ways. (The web build is one file: a web worker extension host cannot load a
// second one; esbuild evaluates a lazy module there on first import.) `node esbuild.mjs --production --metafile`
// writes out/metafile/. Goal: dist/extension.js ≤ 130 KiB (issue 21.5).
const extensionNode = { ...common, platform: 'node', format: 'cjs', external: ['vscode'] };
const rel = (p) => relative('.', p).split(sep).join('/');

/** Resolves `import('./x')` of a module under src/ to dist/lazy.js (`found` collects the modules met). */
const lazyModules = (found) => ({
  name: 'lazy-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.kind !== 'dynamic-import' || args.pluginData === 'inner') return undefined;
      const r = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });
      const file = rel(r.path);
      if (r.errors.length || !file.startsWith('src/')) return r;
      found.add(file);
      // One stub for all: dist/lazy.js exports the names of every lazy module (the build checks they are distinct).
      return { path: 'lazy', namespace: 'lazy-module' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-module' }, () => ({ contents: `module.exports = require('./lazy.js');`, loader: 'js' }));
    build.onResolve({ filter: /^\.\/lazy\.js$/, namespace: 'lazy-module' }, () => ({ path: './lazy.js', external: true }));
  },
});

/**
 * The activation bundle, exporting each module of `shared` (paths) whole, as a namespace; returns the src/ modules in
 * it and the lazy modules it imports.
 */
async function activationBundle(shared, write) {
  const found = new Set();
  const lines = [`export { activate, deactivate } from './src/extension';`, ...shared.map((m, i) => `export * as _s${i} from './${m}';`)];
  const r = await esbuild.build({ ...extensionNode, stdin: { contents: lines.join('\n'), resolveDir: '.', sourcefile: 'extension-entry.ts', loader: 'ts' }, outfile: 'dist/extension.js', plugins: [lazyFiles, lazyModules(found)], metafile: true, write });
  if (write) metafile('extension', r);
  // A module the bundle names but tree-shakes away entirely is not in it: dist/lazy.js has its own.
  const inputs = Object.values(r.metafile.outputs).find((o) => o.entryPoint)?.inputs ?? {};
  const own = Object.keys(inputs).filter((k) => k.startsWith('src/') && inputs[k].bytesInOutput > 0 && !isBarrel(k)).sort();
  return { own, lazy: [...found].sort() };
}

/**
 * Whether a module only re-exports others (src/core/index.ts): it is not shared as one namespace, which would keep all
 * of the modules it names in the activation bundle; dist/lazy.js has its own, whose names read the shared modules.
 */
function isBarrel(file) {
  const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return /^(\s*export\s+(\*|\*\s+as\s+\w+|(type\s+)?\{[^}]*\})\s+from\s+'[^']+';)*\s*$/.test(code);
}

const lazyEntry = (lazy) => ({ contents: lazy.map((m) => `export * from './${m}';`).join('\n'), resolveDir: '.', sourcefile: 'lazy-entry.ts', loader: 'ts' });

/** Refuses lazy modules that export the same name: dist/lazy.js exports them side by side. */
async function checkLazyNames(lazy) {
  const seen = new Map();
  for (const m of lazy) {
    const r = await esbuild.build({ entryPoints: [m], bundle: false, write: false, format: 'esm', metafile: true, outdir: 'out/lazy-names', logLevel: 'silent' });
    for (const name of Object.values(r.metafile.outputs)[0].exports) {
      if (seen.has(name)) throw new Error(`${m} and ${seen.get(name)} both export "${name}"; both are imported on first use, from dist/lazy.js, which can export it once`);
      seen.set(name, m);
    }
  }
}

/**
 * Which of the activation bundle's modules (`own`) dist/lazy.js (the modules `lazy` names) imports: esbuild's own
 * record of the build (its metafile), with those modules external — no reading of generated code.
 */
async function lazyImports(own, lazy) {
  const external = {
    name: 'activation-modules-external',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.pluginData === 'inner') return undefined;
        const r = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });
        return own.includes(rel(r.path)) ? { path: `shared:${rel(r.path)}`, external: true } : r;
      });
    },
  };
  const r = await esbuild.build({ ...extensionNode, minify: false, sourcemap: false, stdin: lazyEntry(lazy), outfile: 'out/lazy-imports.js', plugins: [lazyFiles, external], metafile: true, write: false });
  const used = Object.values(r.metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external && i.path.startsWith('shared:')).map((i) => i.path.slice('shared:'.length)));
  return [...new Set(used)].sort();
}

/** dist/lazy.js, reading the modules it shares with the activation bundle (`shared`, as it exports them) from there. */
async function lazyBundle(shared, lazy) {
  const index = new Map(shared.map((m, i) => [m, i]));
  const fromActivation = {
    name: 'from-activation-bundle',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.namespace === 'shared' || args.pluginData === 'inner') return undefined;
        const r = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });
        return index.has(rel(r.path)) ? { path: rel(r.path), namespace: 'shared' } : r;
      });
      build.onLoad({ filter: /.*/, namespace: 'shared' }, (args) => ({ contents: `module.exports = require('./extension.js')._s${index.get(args.path)};`, loader: 'js' }));
      build.onResolve({ filter: /^\.\/extension\.js$/, namespace: 'shared' }, () => ({ path: './extension.js', external: true }));
    },
  };
  metafile('lazy', await esbuild.build({ ...extensionNode, stdin: lazyEntry(lazy), outfile: 'dist/lazy.js', plugins: [lazyFiles, fromActivation], metafile: true }));
}

async function nodeExtension() {
  // The activation bundle exports the modules dist/lazy.js reads from it; exporting one whole may bring in a module
  // more, which dist/lazy.js may read too: settle on a fixed point.
  let { own, lazy } = await activationBundle([], false);
  let shared = [];
  for (let i = 0; ; i++) {
    const used = await lazyImports(own, lazy);
    const next = await activationBundle(used, false);
    const settled = used.join() === shared.join() && next.own.join() === own.join();
    shared = used;
    own = next.own;
    if (next.lazy.join() !== lazy.join()) throw new Error(`the lazy modules changed while settling: ${next.lazy.join(', ')}`);
    if (settled) break;
    if (i > 10) throw new Error('the activation bundle and dist/lazy.js did not settle');
  }
  await checkLazyNames(lazy);
  const both = lazy.filter((m) => own.includes(m));
  if (both.length) throw new Error(`imported both at activation and on first use (dist/lazy.js would copy them): ${both.join(', ')}`);
  // Index by `shared`, as the activation bundle exports them.
  await activationBundle(shared, true);
  await lazyBundle(shared, lazy);
}

/**
 * The web build takes `x.web.ts` wherever src/ has one beside an imported `x.ts` (src/hostVerifier.ts checks
 * signatures with node:crypto; its web twin leaves them to the core's Web Crypto).
 */
const webTwins = {
  name: 'web-twins',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData === 'inner') return undefined;
      const r = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });
      const twin = r.path.replace(/\.ts$/, '.web.ts');
      return !r.errors.length && rel(r.path).startsWith('src/') && twin !== r.path && existsSync(twin) ? { ...r, path: twin } : r;
    });
  },
};

const builds = [
  ...lazyLibraries.map((name) => ({ ...common, stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: '.' }, outfile: `dist/${name}.js`, platform: 'node', format: 'cjs' })),
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife' },
  // The web extension (vscode.dev, github.dev, a browser's extension host): the same code in one file, no Node
  // built-ins (the one dynamic import of node:fs/promises, for symbolic links of local .env files, runs only where
  // there is a Node). Its lazy parts are bundled, evaluated only when first imported.
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', external: ['vscode', 'node:fs/promises'], plugins: [webTwins] },
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
  // The Node extension is two linked builds: rebuilt whenever a file either reads changes.
  const rebuild = { name: 'rebuild-node-extension', setup: (b) => b.onEnd(() => nodeExtension().catch((e) => console.error(e))) };
  await (await esbuild.context({ ...extensionNode, entryPoints: ['src/extension.ts'], outdir: 'out/.watch', write: false, plugins: [lazyFiles, rebuild] })).watch();
} else {
  await Promise.all([nodeExtension(), ...builds.map((b) => esbuild.build(b))]);
}
