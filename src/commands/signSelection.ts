import * as vscode from 'vscode';
import { bracesAround, decodeToken, type Span, describeKey, isCoreError, jsString, MAX_OBJECT_TEXT, NEVER_DISCLOSABLE, pyString, parsePayload, PayloadSyntaxError, signSdJwt, signToken, type KeyInput, type SigningAlg } from '../core';
import { CommandIds } from '../commandIds';
import { getConfig, type Config } from '../workspace/config';
import { envUriFor, readEnvVariable } from '../workspace/envFile';
import { isWorkspaceError } from '../workspace/errors';
import { showError } from '../workspace/notify';
import type { Services } from '../services';

/**
 * JWT: Sign Selection — the selection is a payload (JSON, JSON5, a Python dict); the result is a compact JWS signed
 * with the `.env` secret, `iat`/`exp`/`iss` added when absent. By default the token replaces the selection.
 * Returns the token (for tests and scripted use), or undefined when nothing was signed.
 */
export interface SignSelectionArgs {
  /** Sign as an SD-JWT (RFC 9901): the user picks which top-level claims become selectively disclosable. */
  sdJwt?: boolean;
  /** Those claims, instead of asking (scripted use, tests). */
  disclosable?: string[];
}

export async function signSelectionCommand(services: Services, args: SignSelectionArgs = {}): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a file and select a JSON object to sign (or put the cursor inside one), such as {"user": "alice"}.'));
    return undefined;
  }
  const chosen = await payloadOfSelection(editor, 'sign');
  if (!chosen) return undefined;
  const { selection, payload } = chosen;
  const signer = await signingKey(services, editor, selection);
  if (!signer) return undefined;
  const { key, keyLabel, alg, cfg } = signer;
  let disclosable: string[] | undefined;
  if (args.sdJwt) {
    disclosable = args.disclosable ?? (await pickDisclosable(payload));
    if (!disclosable) return undefined;
  }
  let token: string;
  try {
    const opts = { alg, lifetime: cfg.lifetime, issuer: cfg.issuer || signer.folder.name, audience: cfg.audience || undefined, cache: services.keyCache };
    token = disclosable ? await signSdJwt(payload, key, { ...opts, disclosable }) : await signToken(payload, key, opts);
  } catch (e) {
    if (isCoreError(e)) {
      void showError(vscode.l10n.t('Cannot sign with {0}: {1}', keyLabel, e.message), e);
      return undefined;
    }
    throw e;
  }
  services.log.info(`Signed a ${decodeToken(token)?.header?.alg ?? ''} token with ${keyLabel} (${Object.keys(payload).length} claims given).`);
  await putToken(services, editor, selection, token, { keyLabel, alg, cfg, added: addedClaims(payload, token, cfg.lifetime), took: chosen.took });
  return token;
}


/**
 * The key to sign with: the secret of the `.env` that belongs to the document, else the key the user chose for
 * signing in this workspace. Without one it says where it looked and offers the fixes.
 */
async function signingKey(services: Services, editor: vscode.TextEditor, selection: vscode.Selection): Promise<{ key: KeyInput; keyLabel: string; alg?: SigningAlg; cfg: Config; folder: vscode.WorkspaceFolder } | undefined> {
  const doc = editor.document;
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a folder with a .env file: the signing secret is read from it.'));
    return undefined;
  }
  const cfg = getConfig(doc.uri);
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Trust this workspace to let JWT Workbench read {0}.', cfg.envFile));
    return undefined;
  }
  let secret: string | undefined;
  let envExists = false;
  const envFile = await envUriFor(folder, doc.uri);
  try {
    ({ value: secret, env: { exists: envExists } } = await readEnvVariable(folder, cfg.secretVariable, envFile, undefined, await services.keys.dialectFor(folder, envFile)));
  } catch (e) {
    void showError(isWorkspaceError(e) ? e.message : String(e), e);
    return undefined;
  }
  const where = vscode.workspace.asRelativePath(envFile);
  if (secret) return { key: secret, keyLabel: `${where} ${cfg.secretVariable}`, alg: cfg.algorithm, cfg, folder };
  // The key the user chose for signing in this workspace (a PEM or JWK file, a stored key), if any.
  const chosen = services.keys.signingSource();
  const loaded = chosen ? await services.keys.load(chosen) : undefined;
  if (loaded?.key) {
    // The algorithm setting is for secrets; a key pair signs with its own algorithm.
    const alg = describeKey(loaded.key, services.keyCache).some((k) => k.algorithms.includes(cfg.algorithm)) ? cfg.algorithm : undefined;
    return { key: loaded.key, keyLabel: loaded.label, alg, cfg, folder };
  }
  const fallbackProblem = loaded ? ` ${vscode.l10n.t('The key chosen for signing ({0}) cannot be used: {1}', loaded.label, loaded.missing ?? '')}` : '';
  const why =
    !envExists ? vscode.l10n.t('There is no {0} file (the signing secret {1} is read from it): there is no key to sign with.', where, cfg.secretVariable)
    : secret === '' ? vscode.l10n.t('{0} in {1} is empty: there is no key to sign with.', cfg.secretVariable, where)
    : vscode.l10n.t('No {0} in {1}: there is no key to sign with.', cfg.secretVariable, where);
  offerKeyFixes(editor, selection, why + fallbackProblem);
  return undefined;
}

/** Put the token where the setting says (replacing the payload without breaking the file), and say so. */
async function putToken(
  services: Services,
  editor: vscode.TextEditor,
  selection: vscode.Selection,
  token: string,
  o: { keyLabel: string; alg?: SigningAlg; cfg: Config; added: string; took: string },
): Promise<void> {
  const doc = editor.document;
  const signedWith = () => `${o.keyLabel} (${String(decodeToken(token).header?.alg ?? o.alg)})`;
  const output = o.cfg.signOutput === 'replace' ? replaceMode(doc, selection) : o.cfg.signOutput;
  switch (output) {
    case 'copy':
      await vscode.env.clipboard.writeText(token);
      break;
    case 'insertBelow': {
      const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
      await editor.edit((b) => b.insert(doc.lineAt(selection.end.line).range.end, eol + token));
      break;
    }
    case 'inspector':
      await services.inspector.showToken(token, { origin: 'signed', keySource: await services.keys.defaultFor(doc.uri), document: doc.uri, signedWith: signedWith() });
      break;
    case 'literal':
      // In code the payload was a dict or object: a string literal keeps the file valid ("eyJ…").
      await editor.edit((b) => b.replace(selection, doc.languageId === 'python' ? pyString(token) : jsString(token)));
      break;
    default:
      await editor.edit((b) => b.replace(selection, token));
  }
  const where =
    output === 'copy' ? vscode.l10n.t('copied to the clipboard')
    : output === 'inspector' ? vscode.l10n.t('opened in the inspector (the file holds the payload, so it was left as it is)')
    : output === 'insertBelow' ? vscode.l10n.t('inserted below the payload')
    : vscode.l10n.t('in place of the payload');
  const openIt = vscode.l10n.t('Open in Inspector');
  void vscode.window
    .showInformationMessage((o.added ? vscode.l10n.t('Signed with {0}, {1}. Added {2}.', o.keyLabel, where, o.added) : vscode.l10n.t('Signed with {0}, {1}.', o.keyLabel, where)) + o.took, ...(output === 'inspector' ? [] : [openIt]))
    .then((a) => (a === openIt ? services.inspector.showToken(token, { origin: 'signed', keySource: undefined, document: doc.uri, signedWith: signedWith() }) : undefined));
}

/**
 * The payload to sign or encrypt: the selection read as JSON, JSON5 or a Python dict — or, with nothing selected, the
 * object around the cursor (then selected, and `took` says which lines). A syntax error is pointed at in the document
 * and said; returns undefined then.
 */
export async function payloadOfSelection(editor: vscode.TextEditor, verb: 'sign' | 'encrypt'): Promise<{ selection: vscode.Selection; payload: Record<string, unknown>; took: string } | undefined> {
  const doc = editor.document;
  let selection = editor.selection;
  let payload: Record<string, unknown> | undefined;
  // Nothing selected: the object around the cursor (or the whole document when it is one object), said in the toast.
  let took = '';
  if (selection.isEmpty) {
    const around = await objectAroundCursor(doc, selection.active);
    if (!around) {
      const tooLarge = doc.getText().length > MAX_OBJECT_TEXT;
      void vscode.window.showErrorMessage(
        verb === 'sign' ?
          tooLarge ? vscode.l10n.t('This file is too large to look for the object around the cursor: select the payload to sign.') : vscode.l10n.t('The cursor is not inside a JSON object or Python dict: select one to sign, such as {"user": "alice"}.')
        : tooLarge ? vscode.l10n.t('This file is too large to look for the object around the cursor: select the payload or the token to encrypt.')
        : vscode.l10n.t('The cursor is not inside a JSON object, a Python dict or a token: select one to encrypt, such as {"user": "alice"}.'),
      );
      return undefined;
    }
    ({ selection, payload } = around);
    editor.selection = selection;
    took = selection.start.line === selection.end.line ? vscode.l10n.t(' (the object on line {0})', selection.start.line + 1) : vscode.l10n.t(' (the object on lines {0}–{1})', selection.start.line + 1, selection.end.line + 1);
  }
  const text = doc.getText(selection);
  try {
    payload ??= await parsePayload(text);
  } catch (e) {
    if (e instanceof PayloadSyntaxError) {
      // Point at the error in the document, not in the selection.
      const at = new vscode.Position(selection.start.line + e.line - 1, (e.line === 1 ? selection.start.character : 0) + e.column - 1);
      const pos = doc.validatePosition(at);
      editor.selection = new vscode.Selection(pos, pos);
      editor.revealRange(new vscode.Range(pos, pos));
      void showError(vscode.l10n.t('{0} — at line {1}, column {2} of {3}.', e.reason, pos.line + 1, pos.character + 1, vscode.workspace.asRelativePath(doc.uri)), e);
    } else if (isCoreError(e)) void showError(e.message, e);
    else throw e;
    return undefined;
  }
  return { selection, payload, took };
}

/** Which top-level claims become disclosable: a multi-select of the payload's claims (cnf and SD-JWT's own excluded). */
async function pickDisclosable(payload: Record<string, unknown>): Promise<string[] | undefined> {
  const names = Object.keys(payload).filter((k) => !NEVER_DISCLOSABLE.has(k));
  const visible = new Set(['iss', 'iat', 'exp', 'nbf', 'vct', 'status']);
  const picked = await vscode.window.showQuickPick(
    names.map((n) => ({ label: n, description: JSON.stringify(payload[n]).slice(0, 80), picked: !visible.has(n) })),
    { canPickMany: true, title: vscode.l10n.t('Sign as SD-JWT: which claims may the holder choose to disclose?'), placeHolder: vscode.l10n.t('Each ticked claim becomes a disclosure with a random salt; the rest stay visible to every verifier.') },
  );
  return picked?.map((p) => p.label);
}

/** The innermost `{…}` around `pos` that reads as a payload, else the next one out; else the whole document if it is one. */
export async function objectAroundCursor(doc: vscode.TextDocument, pos: vscode.Position): Promise<{ selection: vscode.Selection; payload?: Record<string, unknown> } | undefined> {
  const text = doc.getText();
  const spans = bracesAround(text, doc.offsetAt(pos)).slice(0, 32);
  const trimmedStart = text.length - text.trimStart().length;
  const trimmedEnd = text.trimEnd().length;
  if (text.length <= MAX_OBJECT_TEXT && text[trimmedStart] === '{' && !spans.some((s) => s.start === trimmedStart && s.end === trimmedEnd)) spans.push({ start: trimmedStart, end: trimmedEnd });
  let holdsCode: Span | undefined;
  for (const s of spans) {
    try {
      const payload = await parsePayload(text.slice(s.start, s.end));
      return { selection: new vscode.Selection(doc.positionAt(s.start), doc.positionAt(s.end)), payload };
    } catch (e) {
      // not a payload (a function body, a set): the next one out — but remember a dict that holds code
      if (!holdsCode && e instanceof PayloadSyntaxError && e.holdsCode) holdsCode = s;
    }
  }
  // A dict that would be a payload but for code in it (`user.username`): select it, so that parsing it says so.
  return holdsCode && { selection: new vscode.Selection(doc.positionAt(holdsCode.start), doc.positionAt(holdsCode.end)) };
}

/**
 * How "replace the selection" puts the token into this document without breaking it: a JSON file whose whole
 * content is the payload is left alone (the token opens in the inspector); a payload inside a JSON document or in
 * code becomes a string literal; anywhere else (text, .http, Markdown) the bare token.
 */
export function replaceMode(doc: vscode.TextDocument, selection: vscode.Selection): 'inspector' | 'literal' | 'replace' {
  const lang = doc.languageId;
  if (lang === 'json' || lang === 'jsonc' || lang === 'json5') return doc.getText().trim() === doc.getText(selection).trim() ? 'inspector' : 'literal';
  return CODE_LANGUAGES.has(lang) ? 'literal' : 'replace';
}

const CODE_LANGUAGES = new Set(['python', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'java', 'csharp', 'go', 'rust', 'php', 'ruby', 'kotlin', 'swift', 'dart', 'c', 'cpp', 'scala', 'groovy', 'lua']);

/** The claims Sign Selection added, in words: "iat, exp (+1 day), iss "web"", or '' when it added none. */
function addedClaims(payload: Record<string, unknown>, token: string, lifetime: string): string {
  const signed = decodeToken(token).payload ?? {};
  const parts: string[] = [];
  if (payload.iat === undefined && signed.iat !== undefined) parts.push('iat');
  if (payload.exp === undefined && signed.exp !== undefined) parts.push(vscode.l10n.t('exp (+{0})', lifetime === '1d' ? vscode.l10n.t('1 day') : lifetime));
  if (payload.iss === undefined && signed.iss !== undefined) parts.push(`iss "${String(signed.iss)}"`);
  if (payload.aud === undefined && signed.aud !== undefined) parts.push(`aud "${String(signed.aud)}"`);
  return parts.join(', ');
}

/**
 * No key to sign with: say where it looked and offer the fixes — generate a secret into `.env`, or choose a key file
 * (remembered for signing in this workspace). When the fix worked and the selection is unchanged, sign again.
 */
function offerKeyFixes(editor: vscode.TextEditor, selection: vscode.Selection, message: string): void {
  const generate = vscode.l10n.t('Generate Secret');
  const choose = vscode.l10n.t('Choose Key File…');
  void vscode.window.showErrorMessage(message, generate, choose).then(async (action) => {
    const fixed =
      action === generate ? await vscode.commands.executeCommand(CommandIds.generateSecret)
      : action === choose ? await vscode.commands.executeCommand(CommandIds.addKeyFile, { forSigning: true })
      : undefined;
    if (fixed && vscode.window.activeTextEditor === editor && editor.selection.isEqual(selection)) await vscode.commands.executeCommand(CommandIds.signSelection);
  });
}
