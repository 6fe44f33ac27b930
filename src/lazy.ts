/**
 * What neither activation nor a first hover or verify needs, loaded on first use (`import('./lazy')`): the other
 * commands, and the handlers behind a redirect URI, a debugger value and a re-sign lens. The Node build makes this its
 * own file (dist/lazy.js) that reads the modules it shares with activation from dist/extension.js (see esbuild.mjs).
 */
export { addDjangoAuthCommand } from './commands/addDjangoAuth';
export { generateKeyPairCommand } from './commands/generateKeyPair';
export { generateSecretCommand } from './commands/generateSecret';
export { addIssuerCommand, addTrustAnchorsCommand } from './commands/issuerKeys';
export { addJwksUrlCommand, addKeyFileCommand, forgetKeySourceCommand, storeKeyCommand } from './commands/keys';
export { signSelectionCommand } from './commands/signSelection';
export { inspectDebugConsoleSelectionCommand, inspectDebugValueCommand } from './sources/debugValue';
export { resignHttpTokenCommand } from './sources/httpResign';
export { TokenUriHandler } from './sources/uriHandler';
