// The house's rules, checked by `npm run lint` (depcruise): no import circles, and no import from a lower floor to a
// higher one. Floors, top down: extension → editor, commands, sources → inspector → workspace → webview → protocol →
// core; inside the core: inspect.ts/index.ts → profiles → token → text, keys, project → base. See docs/architecture.md.
const floor = (name, path, mayNotImport, except) => ({ name, severity: 'error', comment: `${name}: a lower floor imports a higher one`, from: { path }, to: { path: mayNotImport, ...(except ? { pathNot: except } : {}) } });
const ADAPTERS_ABOVE_CORE = '^src/(extension|lazy|walkthrough|services|commandIds|commands/|editor|sources|inspector|workspace|webview|protocol)';
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'An import circle: the modules in it cannot be understood, tested or loaded lazily apart.', from: { path: '^src' }, to: { circular: true } },
    { name: 'core-is-pure', severity: 'error', comment: 'src/core runs in Node, the browser and mocha: no vscode, no Node built-ins.', from: { path: '^src/core' }, to: { dependencyTypes: ['core'] } },
    { name: 'core-no-vscode', severity: 'error', comment: 'src/core never imports vscode.', from: { path: '^src/(core|webview|protocol)' }, to: { path: '^vscode$' } },
    floor('core-below-adapters', '^src/core', ADAPTERS_ABOVE_CORE),
    floor('protocol-below-webview', '^src/protocol', '^src/(extension|lazy|walkthrough|services|commandIds|commands/|editor|sources|inspector|workspace|webview)'),
    // inspector/strings.ts is the typed list of the webview's strings, shared by both sides and importing nothing.
    floor('webview-below-workspace', '^src/webview', '^src/(extension|lazy|walkthrough|services|commandIds|commands/|editor|sources|inspector|workspace)', '^src/inspector/strings\\.ts$'),
    floor('workspace-below-inspector', '^src/(workspace|services|commandIds)', '^src/(extension|lazy|walkthrough|commands/|editor|sources|inspector)'),
    floor('inspector-below-commands', '^src/inspector', '^src/(extension|lazy|walkthrough|commands/|editor|sources)'),
    floor('commands-editor-sources-below-extension', '^src/(commands/|editor|sources)', '^src/(extension|lazy|walkthrough)'),
    floor('commands-not-editor-or-sources', '^src/commands/', '^src/(editor|sources)'),
    floor('editor-not-commands-or-sources', '^src/editor', '^src/(commands/|sources)'),
    floor('sources-not-editor', '^src/sources', '^src/editor'),
    // Inside the core, floor by floor.
    floor('core-base-is-the-ground', '^src/core/base', '^src/core/(?!base)'),
    floor('core-keys-above-base-only', '^src/core/keys', '^src/core/(project|text|token|profiles|inspect|index)'),
    floor('core-project-above-base-only', '^src/core/project', '^src/core/(keys|text|token|profiles|inspect|index)'),
    floor('core-text-reads-tokens-only-through-decode', '^src/core/text', '^src/core/(project|keys|profiles|inspect|index|token/(?!decode|types))'),
    floor('core-token-below-profiles', '^src/core/token', '^src/core/(project|profiles|inspect|index)'),
    floor('core-profiles-below-inspect', '^src/core/profiles', '^src/core/(project|inspect|index)'),
    floor('core-door-is-index', '^src/core/(?!index)', '^src/core/index'),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(out|dist|node_modules)' },
  },
};
