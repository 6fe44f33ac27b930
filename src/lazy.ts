/**
 * What neither activation nor a first hover or verify needs, loaded on first use (`import('./lazy')`): the other
 * commands, and the handlers behind a redirect URI and a debugger value. The Node build makes this part of its
 * own file (dist/lazy.js), which reads the modules it shares with activation from dist/extension.js (see esbuild.mjs).
 */
export { addDjangoAuthCommand } from './commands/addDjangoAuth';
export { generateKeyPairCommand } from './commands/generateKeyPair';
export { generateSecretCommand } from './commands/generateSecret';
export { addIssuerCommand, addTrustAnchorsCommand } from './commands/issuerKeys';
export { encryptSelectionCommand } from './commands/encryptSelection';
export { addJwksUrlCommand, addKeyFileCommand, forgetKeySourceCommand, storeKeyCommand } from './commands/keys';
export { signSelectionCommand } from './commands/signSelection';
export { inspectDebugConsoleSelectionCommand, inspectDebugValueCommand } from './sources/debugValue';
export { TokenUriHandler } from './sources/uriHandler';
