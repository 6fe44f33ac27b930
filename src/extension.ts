import * as vscode from 'vscode';
import { CommandIds } from './commands';
import { KeyCache } from './core';
import { generateSecretCommand, type GenerateSecretArgs } from './commands/generateSecret';
import { inspectSelectionCommand } from './commands/inspectSelection';
import { generateKeyPairCommand, type GenerateKeyPairArgs } from './commands/generateKeyPair';
import { addIssuerCommand, addTrustAnchorsCommand, type AddIssuerArgs } from './commands/issuerKeys';
import { addJwksUrlCommand, addKeyFileCommand, forgetKeySourceCommand, storeKeyCommand, type AddKeyFileArgs } from './commands/keys';
import { signSelectionCommand } from './commands/signSelection';
import { addDjangoAuthCommand, type AddDjangoAuthArgs } from './commands/addDjangoAuth';
import { TokenCodeLensProvider } from './editor/codeLens';
import { ExpiredTokenDiagnostics } from './editor/diagnostics';
import { TokenHoverProvider } from './editor/hover';
import { RecipeSnippetProvider, SNIPPET_LANGUAGES } from './editor/snippets';
import { INSPECTOR_VIEW_TYPE, InspectorController } from './inspector/controller';
import type { Services } from './services';
import { KeySources } from './workspace/keySources';
import { inspectDebugConsoleSelectionCommand, inspectDebugValueCommand } from './sources/debugValue';
import { ExpiringTokenLenses, HTTP_FILES, resignHttpTokenCommand } from './sources/httpResign';
import { TokenTerminalLinks } from './sources/terminalLinks';
import { TokenUriHandler } from './sources/uriHandler';

/** Wiring only: build the services, register commands and the inspector's serializer. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('JWT Workbench', { log: true });
  const keys = new KeySources(context);
  const keyCache = new KeyCache();
  const inspector = new InspectorController(context.extensionUri, log, keys, keyCache);
  const services: Services = { context, log, inspector, keys, keyCache };
  const codeLens = new TokenCodeLensProvider();
  const httpLenses = new ExpiringTokenLenses(services);
  context.subscriptions.push(
    log,
    keys,
    inspector,
    vscode.window.registerWebviewPanelSerializer(INSPECTOR_VIEW_TYPE, inspector),
    vscode.commands.registerCommand(CommandIds.generateSecret, (args?: GenerateSecretArgs) => generateSecretCommand(services, args)),
    vscode.commands.registerCommand(CommandIds.signSelection, () => signSelectionCommand(services)),
    vscode.commands.registerCommand(CommandIds.signSelectionSdJwt, (args?: { disclosable?: string[] }) => signSelectionCommand(services, { sdJwt: true, disclosable: Array.isArray(args?.disclosable) ? args.disclosable.filter((d): d is string => typeof d === 'string') : undefined })),
    vscode.commands.registerCommand(CommandIds.inspectSelection, () => inspectSelectionCommand(services)),
    vscode.commands.registerCommand(CommandIds.openInspector, () => inspector.open()),
    vscode.commands.registerCommand(CommandIds.addKeyFile, (args?: AddKeyFileArgs) => addKeyFileCommand(services, args)),
    vscode.commands.registerCommand(CommandIds.addJwksUrl, (args?: { url?: string; throwOnError?: boolean }) => addJwksUrlCommand(services, args)),
    vscode.commands.registerCommand(CommandIds.addIssuer, (args?: AddIssuerArgs) => addIssuerCommand(services, args)),
    vscode.commands.registerCommand(CommandIds.addTrustAnchors, (args?: { uri?: vscode.Uri | string }) => addTrustAnchorsCommand(services, args)),
    vscode.commands.registerCommand(CommandIds.forgetKeySource, (args?: { id?: string }) => forgetKeySourceCommand(services, args)),
    vscode.commands.registerCommand(CommandIds.storeKey, () => storeKeyCommand(services)),
    vscode.commands.registerCommand(CommandIds.generateKeyPair, (args?: GenerateKeyPairArgs) => generateKeyPairCommand(services, args)),
    vscode.commands.registerCommand(CommandIds.addDjangoAuth, (args?: AddDjangoAuthArgs) => addDjangoAuthCommand(services, args)),
    vscode.languages.registerCompletionItemProvider(SNIPPET_LANGUAGES, new RecipeSnippetProvider()),
    vscode.commands.registerCommand(CommandIds.inspectToken, async (token: unknown, uri: unknown, keySource: unknown) => {
      if (typeof token !== 'string') return undefined;
      const choice = typeof keySource === 'string' ? { id: keySource } : await keys.chooseFor(typeof uri === 'string' ? vscode.Uri.parse(uri) : undefined, token);
      return inspector.showToken(token, { origin: 'selection', keySource: choice.id, keyChosen: choice.why });
    }),
    vscode.languages.registerHoverProvider({ scheme: '*' }, new TokenHoverProvider(keys, keyCache, (token) => inspector.keySourceShowing(token))),
    vscode.languages.registerCodeLensProvider({ scheme: '*' }, codeLens),
    codeLens,
    new ExpiredTokenDiagnostics(),
    vscode.commands.registerCommand(CommandIds.inspectorState, () => inspector.view),
    // Tokens where they show up (issue 14): the debugger, the terminal, a redirect URI, expiring tokens in .http files.
    vscode.commands.registerCommand(CommandIds.inspectDebugValue, (arg?: unknown) => inspectDebugValueCommand(services, arg as Parameters<typeof inspectDebugValueCommand>[1])),
    vscode.commands.registerCommand(CommandIds.inspectDebugConsoleSelection, () => inspectDebugConsoleSelectionCommand(services)),
    vscode.window.registerTerminalLinkProvider(new TokenTerminalLinks(services)),
    vscode.window.registerUriHandler(new TokenUriHandler(services)),
    vscode.languages.registerCodeLensProvider(HTTP_FILES, httpLenses),
    httpLenses,
    vscode.commands.registerCommand(CommandIds.resignHttpToken, (uri?: string, line?: number, token?: string) => resignHttpTokenCommand(services, uri, line, token)),
  );
  // Under test only: integration tests forge webview messages (the webview is another trust domain) with it.
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(vscode.commands.registerCommand(CommandIds.testFromWebview, (message: unknown) => inspector.receiveForTest(message)));
  }
}

export function deactivate(): void {}
