import * as vscode from 'vscode';
import { decodeToken, describeKey, encryptionChoices, encryptToken, findTokens, inspectToken, isCoreError, jsString, pyString, recipientsOf, runtimeHasAes192, tokenSpan, type ContentEncryptionAlg, type KeyInput, type KeyManagementAlg } from '../core';
import { resolveKeys } from '../core/keys/resolve';
import { tokenAtCursor } from './inspectSelection';
import { payloadOfSelection, replaceMode } from './signSelection';
import { CommandIds } from '../commandIds';
import { getConfig } from '../workspace/config';
import { NO_KEY } from '../workspace/keySources';
import type { Services } from '../services';

/** Scripted use and tests: the choices the pickers would ask for. */
export interface EncryptSelectionArgs {
  /** A key source id the extension lists (a key file, a JWKS URL, a stored key, a `.env` variable). */
  keySource?: string;
  /** The JWKS member, by kid. */
  kid?: string;
  alg?: KeyManagementAlg;
  enc?: ContentEncryptionAlg;
  /** The inspector's Encrypt…: this token (the one on display) instead of the selection; the result opens there only. */
  token?: string;
}

/** What is encrypted: a claims set, or a token (sign-then-encrypt, a nested JWT) and where it is in the selection. */
type Content = { payload: Record<string, unknown>; selection: vscode.Selection; took: string } | { token: string; range: vscode.Range };

/**
 * JWT: Encrypt Selection… — the selection's payload (as Sign Selection reads it), or the selected token (a nested
 * JWT, `cty: "JWT"`), encrypted as a compact JWE to a recipient from the key sources. The token is put where Sign
 * Selection puts one and opened in the inspector with a key source that decrypts it. Returns the JWE, or undefined.
 */
export async function encryptSelectionCommand(services: Services, args: EncryptSelectionArgs = {}): Promise<string | undefined> {
  if (typeof args.token === 'string') return encryptShownToken(services, args.token, args);
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a file and select a JSON object or a signed token to encrypt.'));
    return undefined;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Trust this workspace to let JWT Workbench use its keys: in an untrusted workspace no key is read, so nothing can be encrypted.'));
    return undefined;
  }
  const content = await contentOf(editor);
  if (!content) return undefined;
  const recipient = await chooseRecipient(services, args);
  if (!recipient) return undefined;
  // Scripted (a key source given): the algorithms given, else the key's default — no picker.
  const pair = args.alg || args.keySource ? { alg: args.alg, enc: args.enc } : await choosePair(recipient);
  if (!pair) return undefined;
  const doc = editor.document;
  const cfg = getConfig(doc.uri);
  let token: string;
  try {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri) ?? vscode.workspace.workspaceFolders?.[0];
    const claims = { lifetime: cfg.lifetime, issuer: cfg.issuer || folder?.name, audience: cfg.audience || undefined };
    token = await encryptToken('token' in content ? content.token : content.payload, recipient.key, { ...pair, kid: recipient.kid, member: recipient.member, claims, cache: services.keyCache });
  } catch (e) {
    if (!isCoreError(e)) throw e;
    cannotEncrypt(recipient.label, e.message);
    return undefined;
  }
  const where = await putToken(editor, content, token, cfg.signOutput);
  const how = await showEncrypted(services, token, recipient, doc.uri);
  void vscode.window.showInformationMessage(vscode.l10n.t('Encrypted to {0} ({1}), {2}.', recipient.label, how, where) + ('took' in content ? content.took : ''));
  return token;
}

/** The inspector's Encrypt…: the token on display, nested in a JWE to a recipient asked for here; the result is shown there. */
async function encryptShownToken(services: Services, shown: string, args: EncryptSelectionArgs): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Trust this workspace to let JWT Workbench use its keys: in an untrusted workspace no key is read, so nothing can be encrypted.'));
    return undefined;
  }
  const recipient = await chooseRecipient(services, args);
  if (!recipient) return undefined;
  const pair = args.alg || args.keySource ? { alg: args.alg, enc: args.enc } : await choosePair(recipient);
  if (!pair) return undefined;
  let token: string;
  try {
    token = await encryptToken(shown, recipient.key, { ...pair, kid: recipient.kid, member: recipient.member, cache: services.keyCache });
  } catch (e) {
    if (!isCoreError(e)) throw e;
    cannotEncrypt(recipient.label, e.message);
    return undefined;
  }
  await showEncrypted(services, token, recipient, undefined);
  return token;
}

/** Open a JWE just made in the inspector, with a listed key source that decrypts it, and log what was done (labels only). */
async function showEncrypted(services: Services, token: string, recipient: Recipient, document: vscode.Uri | undefined): Promise<string> {
  const header = decodeToken(token).header ?? {};
  const how = `${String(header.alg)} / ${String(header.enc)}`;
  services.log.info(`Encrypted ${header.cty === 'JWT' ? 'a signed token (nested JWT)' : 'a claims set'} to ${recipient.label} with ${how}.`);
  const decryptWith = await sourceThatDecrypts(services, token, recipient.id);
  const notice = decryptWith ? vscode.l10n.t('Encrypted here to {0} ({1}).', recipient.label, how) : vscode.l10n.t('Encrypted here to {0} ({1}). No key source here holds its private key, so it is not decrypted: add the private key to read it.', recipient.label, how);
  await services.inspector.showToken(token, { origin: 'selection', keySource: decryptWith ?? (await services.keys.defaultFor(document)), notice, document });
  return how;
}

/** The selected token (or the one under the cursor), else the payload as Sign Selection reads it. */
async function contentOf(editor: vscode.TextEditor): Promise<Content | undefined> {
  const found = tokenAtCursor(editor);
  const text = found?.text.trim();
  if (found && text && !text.startsWith('{')) {
    const tokens = findTokens(found.text);
    if (tokens.length === 1) {
      const span = tokenSpan(found.text);
      const start = editor.document.offsetAt(found.range.start);
      const range = new vscode.Range(editor.document.positionAt(start + span.start), editor.document.positionAt(start + span.end));
      return { token: tokens[0].token, range };
    }
  }
  return payloadOfSelection(editor, 'encrypt');
}

interface Recipient {
  id: string;
  label: string;
  key: KeyInput;
  kid?: string;
  /** The member the user picked (its place in the set): the key encrypted to and offered algorithms for. */
  member?: number;
}

/** The recipient: a key source (asked for unless given), and within a JWKS the member (by kid). */
async function chooseRecipient(services: Services, args: EncryptSelectionArgs): Promise<Recipient | undefined> {
  let id = args.keySource;
  if (!id) {
    const addFile = vscode.l10n.t('$(add) Add a Public Key File…');
    const sources = (await services.keys.list()).filter((o) => o.id !== NO_KEY && !o.id.startsWith('anchors:'));
    const items = await Promise.all(sources.map(async (o) => ({ label: o.label, id: o.id, description: await describeSource(services, o.id) })));
    const picked = await vscode.window.showQuickPick([...items, { label: addFile, id: '', description: vscode.l10n.t('a PEM, JWK or JWKS — the recipient\'s public key') }], {
      title: vscode.l10n.t('Encrypt to which key?'),
      placeHolder: vscode.l10n.t('The recipient: a public key (or a key pair: its public half is used) or a shared secret'),
    });
    if (!picked) return undefined;
    id = picked.id || (await vscode.commands.executeCommand<string | undefined>(CommandIds.addKeyFile));
    if (!id) return undefined;
  }
  const loaded = await services.keys.load(id);
  if (!loaded.key) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot encrypt to {0}: {1}', loaded.label, loaded.missing ?? ''));
    return undefined;
  }
  let kid = args.kid;
  let member: number | undefined;
  try {
    const members = recipientsOf(loaded.key, services.keyCache);
    const usable = members.filter((m) => !m.refusal);
    if (!usable.length) throw new Error([...new Set(members.map((m) => m.refusal))].join('; '));
    const named = kid === undefined ? undefined : members.find((m) => m.kid === kid);
    if (named?.refusal) throw new Error(named.refusal);
    if (kid === undefined && usable.length === 1) member = members.indexOf(usable[0]);
    if (kid === undefined && usable.length > 1 && !args.keySource) {
      const picked = await vscode.window.showQuickPick(
        members.map((m, i) => ({ label: m.kid ?? vscode.l10n.t('(no kid)'), description: m.description, detail: m.refusal, kid: m.kid, refused: !!m.refusal, member: i })),
        { title: vscode.l10n.t('Encrypt to which key of {0}?', loaded.label), placeHolder: vscode.l10n.t('The key set holds several keys: choose the recipient by its kid') },
      );
      if (!picked) return undefined;
      if (picked.refused) throw new Error(picked.detail ?? '');
      kid = picked.kid;
      member = picked.member;
    }
  } catch (e) {
    cannotEncrypt(loaded.label, (e as Error).message);
    return undefined;
  }
  return { id, label: loaded.label, key: loaded.key, kid, member };
}

/** "EC P-256 public key" or why it cannot be encrypted to — never the key. */
async function describeSource(services: Services, id: string): Promise<string> {
  const loaded = await services.keys.load(id);
  if (!loaded.key) return loaded.missing ?? '';
  try {
    const infos = describeKey(loaded.key, services.keyCache);
    return infos.length > 1 ? vscode.l10n.t('{0} keys', infos.length) : infos[0].description;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The algorithms, the key's default first; 192-bit AES not offered where the runtime lacks it, saying why. */
async function choosePair({ key, kid, member, label }: Recipient): Promise<{ alg: KeyManagementAlg; enc: ContentEncryptionAlg } | undefined> {
  let choices;
  try {
    const keys = resolveKeys(key);
    // The pairs of the member picked (or the one usable member), never of another.
    const recipient = (member !== undefined ? keys[member] : undefined) ?? keys.find((k) => kid === undefined || k.kid === kid) ?? keys[0];
    choices = encryptionChoices(recipient, await runtimeHasAes192());
  } catch (e) {
    if (!isCoreError(e)) throw e;
    cannotEncrypt(label, e.message);
    return undefined;
  }
  const offered = choices.filter((c) => !c.why);
  const missing = choices.find((c) => c.why)?.why;
  const picked = await vscode.window.showQuickPick(
    offered.map((c, i) => ({ label: `${c.alg} / ${c.enc}`, description: i === 0 ? vscode.l10n.t('default for this key') : undefined, choice: c })),
    { title: vscode.l10n.t('Key management / content encryption'), placeHolder: missing ?? vscode.l10n.t('The first is the default for this key. RSA1_5 is never offered (padding-oracle attacks, RFC 8725 §3.2).') },
  );
  return picked && { alg: picked.choice.alg, enc: picked.choice.enc };
}

/** Put the token where Sign Selection puts one (the jwtWorkbench.signOutput setting); says where. */
async function putToken(editor: vscode.TextEditor, content: Content, token: string, output: string): Promise<string> {
  const doc = editor.document;
  if ('token' in content) {
    // The token in the selection becomes the encrypted one; its quotes, "Bearer " and the rest stay.
    if (output === 'copy') {
      await vscode.env.clipboard.writeText(token);
      return vscode.l10n.t('copied to the clipboard');
    }
    await editor.edit((b) => b.replace(content.range, token));
    return vscode.l10n.t('in place of the signed token');
  }
  const selection = content.selection;
  const mode = output === 'replace' ? replaceMode(doc, selection) : output;
  switch (mode) {
    case 'copy':
      await vscode.env.clipboard.writeText(token);
      return vscode.l10n.t('copied to the clipboard');
    case 'insertBelow':
      await editor.edit((b) => b.insert(doc.lineAt(selection.end.line).range.end, (doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n') + token));
      return vscode.l10n.t('inserted below the payload');
    case 'inspector':
      return vscode.l10n.t('opened in the inspector (the file holds the payload, so it was left as it is)');
    case 'literal':
      await editor.edit((b) => b.replace(selection, doc.languageId === 'python' ? pyString(token) : jsString(token)));
      return vscode.l10n.t('in place of the payload');
    default:
      await editor.edit((b) => b.replace(selection, token));
      return vscode.l10n.t('in place of the payload');
  }
}

/**
 * A listed key source that decrypts the token (and, for a nested one, best also verifies the inner token): the
 * recipient's own when it holds the private key or the secret, else the first other that does. Undefined if none.
 */
async function sourceThatDecrypts(services: Services, token: string, recipientId: string): Promise<string | undefined> {
  const ids = [recipientId, ...(await services.keys.list()).map((o) => o.id).filter((id) => id !== recipientId && id !== NO_KEY && !id.startsWith('anchors:'))];
  let decrypts: string | undefined;
  for (const id of ids) {
    const loaded = await services.keys.load(id);
    if (!loaded.key) continue;
    const ins = await inspectToken(token, { key: loaded.key, cache: services.keyCache }).catch(() => undefined);
    if (ins?.payloadText === undefined) continue;
    if (!ins.nested || ins.nested.verdict === 'verified') return id;
    decrypts ??= id;
  }
  return decrypts;
}

/** "Cannot encrypt to key file keys/x.pem: …" — the core's reason, without its own "Cannot encrypt to this key". */
function cannotEncrypt(label: string, reason: string): void {
  void vscode.window.showErrorMessage(vscode.l10n.t('Cannot encrypt to {0}: {1}', label, reason.replace(/^Cannot encrypt to (?:this key|any of these keys): /, '')));
}
