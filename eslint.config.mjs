// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-artifacts/**', '.vscode-test/**', '.vscode-demo/**', '*.vsix'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use crypto.getRandomValues: nonces and secrets need a CSPRNG.' }],
    },
  },
  {
    // The core runs in Node, the browser and mocha: no VS Code API and no Node built-ins.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['vscode', 'node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'buffer', 'util'], message: 'src/core must stay pure: no vscode, no node:* (it also runs in the browser).' }] }],
      'no-restricted-globals': ['error', { name: 'Buffer', message: 'Use Uint8Array and TextEncoder in src/core.' }, { name: 'process', message: 'src/core takes values as arguments; it never reads the environment.' }],
    },
  },
  {
    // The webview and the protocol run in the browser and must not reach for the extension host's API.
    files: ['src/webview/**/*.ts', 'src/protocol.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['vscode', 'node:*'], message: 'The webview bundle runs in the browser.' }] }],
      'no-restricted-properties': ['error', { property: 'innerHTML', message: 'Token data is rendered as text only.' }, { property: 'outerHTML', message: 'Token data is rendered as text only.' }],
    },
  },
);
