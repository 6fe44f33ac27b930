import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import { KeyCache } from './core';
import type { GenerateSecretArgs } from './commands/generateSecret';
import { inspectSelectionCommand } from './commands/inspectSelection';
import type { GenerateKeyPairArgs } from './commands/generateKeyPair';
import type { AddIssuerArgs } from './commands/issuerKeys';
import type { AddKeyFileArgs } from './commands/keys';
import type { AddDjangoAuthArgs } from './commands/addDjangoAuth';
import type { EncryptSelectionArgs } from './commands/encryptSelection';
import { TokenCodeLensProvider } from './editor/codeLens';
import { expiredTokenProblems } from './editor/diagnosticsSwitch';
import { TokenHoverProvider } from './editor/hover';
import { RecipeSnippetProvider, SNIPPET_LANGUAGES } from './editor/snippets';
import { InspectorController } from './inspector/controller';
import { INSPECTOR_VIEW_TYPE } from './inspector/panel';
import type { Services } from './services';
import { KeySources } from './workspace/keySources';
import { hostVerifier } from './hostVerifier';
import { scriptModals } from './workspace/modal';
import { takeShownErrors } from './workspace/notify';
import type { DebugVariableArg } from './sources/debugValue';
import { ExpiringTokenLenses, HTTP_FILES } from './sources/httpResign';
import { TokenTerminalLinks } from './sources/terminalLinks';
import { completingStep } from './walkthrough';

/** The rarer commands and handlers (src/lazy.ts), imported on first use. */
const lazy = () => import('./lazy');

/**
 * Wiring only: build the services, register commands and the inspector's serializer. What neither activation nor a
 * first hover or verify needs — the other commands, the handlers of a URI, a debugger value, a re-sign — is imported
 * on first use (dist/lazy.js in the Node build, see esbuild.mjs).
 */
export function activate(context: vscode.ExtensionContext): { inspector: InspectorController } | undefined {
  const log = vscode.window.createOutputChannel('JWT Workbench', { log: true });
  const keys = new KeySources(context);
  // Signatures are checked with node:crypto in a Node extension host, with Web Crypto in the web one (hostVerifier.web.ts).
  const keyCache = new KeyCache(undefined, hostVerifier());
  const inspector = new InspectorController(context.extensionUri, log, keys, keyCache);
  const services: Services = { context, log, inspector, keys, keyCache };
  const codeLens = new TokenCodeLensProvider();
  const httpLenses = new ExpiringTokenLenses(services);
  context.subscriptions.push(
    log,
    keys,
    inspector,
    vscode.window.registerWebviewPanelSerializer(INSPECTOR_VIEW_TYPE, inspector),
    vscode.commands.registerCommand(CommandIds.generateSecret, completingStep('secretGenerated', async (args?: GenerateSecretArgs) => (await lazy()).generateSecretCommand(services, args))),
    vscode.commands.registerCommand(CommandIds.signSelection, completingStep('payloadSigned', async () => (await lazy()).signSelectionCommand(services))),
    vscode.commands.registerCommand(CommandIds.signSelectionSdJwt, async (args?: { disclosable?: string[] }) => (await lazy()).signSelectionCommand(services, { sdJwt: true, disclosable: Array.isArray(args?.disclosable) ? args.disclosable.filter((d): d is string => typeof d === 'string') : undefined })),
    vscode.commands.registerCommand(CommandIds.encryptSelection, async (args?: EncryptSelectionArgs) => (await lazy()).encryptSelectionCommand(services, args)),
    vscode.commands.registerCommand(CommandIds.inspectSelection, completingStep('tokenVerified', () => inspectSelectionCommand(services))),
    vscode.commands.registerCommand(CommandIds.openInspector, completingStep('tokenVerified', () => inspector.open(), (view) => !!view.inspection)),
    vscode.commands.registerCommand(CommandIds.addKeyFile, async (args?: AddKeyFileArgs) => (await lazy()).addKeyFileCommand(services, args)),
    vscode.commands.registerCommand(CommandIds.addJwksUrl, async (args?: { url?: string }) => (await lazy()).addJwksUrlCommand(services, args)),
    vscode.commands.registerCommand(CommandIds.addIssuer, async (args?: AddIssuerArgs) => (await lazy()).addIssuerCommand(services, args)),
    vscode.commands.registerCommand(CommandIds.addTrustAnchors, async (args?: { uri?: vscode.Uri | string }) => (await lazy()).addTrustAnchorsCommand(services, args)),
    vscode.commands.registerCommand(CommandIds.forgetKeySource, async (args?: { id?: string }) => (await lazy()).forgetKeySourceCommand(services, args)),
    vscode.commands.registerCommand(CommandIds.storeKey, async () => (await lazy()).storeKeyCommand(services)),
    vscode.commands.registerCommand(CommandIds.generateKeyPair, async (args?: GenerateKeyPairArgs) => (await lazy()).generateKeyPairCommand(services, args)),
    vscode.commands.registerCommand(CommandIds.addDjangoAuth, completingStep('djangoAuthAdded', async (args?: AddDjangoAuthArgs) => (await lazy()).addDjangoAuthCommand(services, args), (r) => !!r?.applied)),
    vscode.languages.registerCompletionItemProvider(SNIPPET_LANGUAGES, new RecipeSnippetProvider()),
    vscode.commands.registerCommand(CommandIds.inspectToken, async (token: unknown, uri: unknown, keySource: unknown) => {
      if (typeof token !== 'string') return undefined;
      const choice = typeof keySource === 'string' ? { id: keySource } : await keys.chooseFor(typeof uri === 'string' ? vscode.Uri.parse(uri) : undefined, token);
      return inspector.showToken(token, { origin: 'selection', keySource: choice.id, keyChosen: choice.why });
    }),
    vscode.languages.registerHoverProvider({ scheme: '*' }, new TokenHoverProvider(keys, keyCache, (token) => inspector.keySourceShowing(token))),
    vscode.languages.registerCodeLensProvider({ scheme: '*' }, codeLens),
    codeLens,
    expiredTokenProblems(),
    vscode.commands.registerCommand(CommandIds.inspectorState, () => inspector.view),
    // Tokens where they show up: the debugger, the terminal, a redirect URI, expiring tokens in .http files.
    vscode.commands.registerCommand(CommandIds.inspectDebugValue, async (arg?: unknown) => (await lazy()).inspectDebugValueCommand(services, arg as DebugVariableArg)),
    vscode.commands.registerCommand(CommandIds.inspectDebugConsoleSelection, async () => (await lazy()).inspectDebugConsoleSelectionCommand(services)),
    vscode.window.registerTerminalLinkProvider(new TokenTerminalLinks(services)),
    vscode.window.registerUriHandler({ handleUri: async (uri) => new (await lazy()).TokenUriHandler(services).handleUri(uri) }),
    vscode.languages.registerCodeLensProvider(HTTP_FILES, httpLenses),
    httpLenses,
    vscode.commands.registerCommand(CommandIds.resignHttpToken, async (uri?: string, line?: number, token?: string) => (await import('./sources/httpResignCommand')).resignHttpTokenCommand(services, uri, line, token)),
  );
  // Under test only: the modal harness answers dialogs, the errors shown are read back, and the suite reaches the
  // inspector (test/integration/harness.ts).
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  context.subscriptions.push(
    vscode.commands.registerCommand(CommandIds.testModals, (answers: unknown) => scriptModals(answers)),
    vscode.commands.registerCommand(CommandIds.testErrors, () => takeShownErrors()),
  );
  return { inspector };
}

export function deactivate(): void {}
