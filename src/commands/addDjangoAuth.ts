import * as vscode from 'vscode';
import { djangoSettingsModule, planDjangoAuth } from '../core';
import { CommandIds } from '../commandIds';
import type { Services } from '../services';
import { getConfig } from '../workspace/config';
import { readEnv } from '../workspace/envFile';
import { readWorkspaceFile } from '../workspace/files';

export interface AddDjangoAuthArgs {
  /** The project's manage.py, instead of finding it (scripted use, tests). */
  manage?: vscode.Uri | string;
  /** Apply without the refactor preview (scripted use, tests). */
  apply?: boolean;
}

export interface AddDjangoAuthResult {
  applied: boolean;
  settings: string;
  created: string[];
  /** What the user was told when nothing was applied. */
  message?: string;
}

const IGNORED_DIRS = '**/{node_modules,.venv,venv,env,.git,site-packages}/**';
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const read = (uri: vscode.Uri) => readWorkspaceFile(uri).then(decode, () => undefined);

/**
 * JWT: Add JWT Authentication to Django… — the recipe's last step done for the user: in a folder with manage.py it
 * finds the settings module and shows the whole change in VS Code's refactor preview — utils/jwt.py,
 * utils/middleware.py, the MIDDLEWARE entry, the JWT_* settings and python-dotenv loading — and writes nothing until
 * the user applies it. Then JWT_SECRET goes into the project's .env (Generate Secret) when it has none.
 */
export async function addDjangoAuthCommand(services: Services, args: AddDjangoAuthArgs = {}): Promise<AddDjangoAuthResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Trust this workspace to let JWT Workbench change its Django project.'));
    return undefined;
  }
  const project = await djangoProject(args);
  if (!project) return undefined;
  const { manage, root, settingsUri, settingsDoc } = project;
  const settingsText = settingsDoc.getText();
  const urlconf = /^ROOT_URLCONF\s*=\s*['"]([\w.]+)['"]/m.exec(settingsText)?.[1];
  const urlsText = urlconf ? await read(vscode.Uri.joinPath(root, ...`${urlconf.replace(/\./g, '/')}.py`.split('/'))) : undefined;
  const folder = vscode.workspace.getWorkspaceFolder(manage);
  const cfg = getConfig(manage);
  const issuer = cfg.issuer || folder?.name || 'app';
  const candidates = ['utils/__init__.py', 'utils/jwt.py', 'utils/middleware.py'];
  const existing = (await Promise.all(candidates.map((p) => vscode.workspace.fs.stat(vscode.Uri.joinPath(root, ...p.split('/'))).then(() => p, () => undefined)))).filter((p): p is string => !!p);
  const plan = planDjangoAuth({ settingsText, urlsText, issuer, audience: cfg.audience || undefined, existing });
  const rel = vscode.workspace.asRelativePath(settingsUri);
  if (plan.settings.length === 0 && plan.files.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} already has JWT authentication: {1}.', rel, plan.skipped.join('; ')));
    return { applied: false, settings: settingsUri.toString(), created: [] };
  }

  const envUri = vscode.Uri.joinPath(root, '.env');
  const { edit, created } = await proposedEdit(plan, { root, settingsUri, settingsDoc, envUri, preview: !args.apply });
  const wasDirty = settingsDoc.isDirty;
  if (!args.apply) void vscode.window.showInformationMessage(vscode.l10n.t('Review the change in Refactor Preview: the proposed changes are ticked (untick what you do not want), then Apply. Nothing is written before that.'));
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  const madeFiles = (await Promise.all(created.map((u) => vscode.workspace.fs.stat(vscode.Uri.parse(u)).then(() => true, () => false)))).some(Boolean);
  const didSomething = applied && (madeFiles || plan.settings.some((i) => i.text.trim().length > 1 && !settingsText.includes(i.text) && settingsDoc.getText().includes(i.text)));
  if (!didSomething) {
    const message = vscode.l10n.t('Nothing was applied: no change was ticked, or the preview was discarded. {0} is unchanged; run JWT: Add JWT Authentication to Django… again to add it.', rel);
    void vscode.window.showWarningMessage(message);
    return { applied: false, settings: settingsUri.toString(), created: [], message };
  }
  if (!wasDirty) await settingsDoc.save();
  services.log.info(`Added JWT authentication to ${rel}: ${plan.files.map((f) => f.path).join(', ') || 'settings only'}.`);

  const secretNote = await secretInto(folder, envUri);
  const open = vscode.l10n.t('Open {0}', 'settings.py');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('JWT authentication added to {0}.{1} The project needs PyJWT and python-dotenv (pip install PyJWT python-dotenv).', rel, secretNote), open)
    .then((a) => (a === open ? vscode.window.showTextDocument(settingsUri) : undefined));
  return { applied: true, settings: settingsUri.toString(), created };
}

/** The project's manage.py (given, the only one, or picked), and its settings module, open. Says why when there is none. */
async function djangoProject(args: AddDjangoAuthArgs): Promise<{ manage: vscode.Uri; root: vscode.Uri; settingsUri: vscode.Uri; settingsDoc: vscode.TextDocument } | undefined> {
  const manage = typeof args.manage === 'string' ? vscode.Uri.parse(args.manage) : (args.manage ?? (await pickManagePy()));
  if (!manage) return undefined;
  const manageText = await read(manage);
  const module = manageText && djangoSettingsModule(manageText);
  const root = vscode.Uri.joinPath(manage, '..');
  if (!module) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} does not name its settings module (DJANGO_SETTINGS_MODULE).', vscode.workspace.asRelativePath(manage)));
    return undefined;
  }
  const settingsUri = vscode.Uri.joinPath(root, ...`${module.replace(/\./g, '/')}.py`.split('/'));
  const settingsDoc = await vscode.workspace.openTextDocument(settingsUri).then((d) => d, () => undefined);
  if (!settingsDoc) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The settings module {0} is not at {1}.', module, vscode.workspace.asRelativePath(settingsUri)));
    return undefined;
  }
  return { manage, root, settingsUri, settingsDoc };
}

/** The plan as one WorkspaceEdit for the refactor preview; `created` are the files it creates. */
async function proposedEdit(
  plan: ReturnType<typeof planDjangoAuth>,
  p: { root: vscode.Uri; settingsUri: vscode.Uri; settingsDoc: vscode.TextDocument; envUri: vscode.Uri; preview: boolean },
): Promise<{ edit: vscode.WorkspaceEdit; created: string[] }> {
  const edit = new vscode.WorkspaceEdit();
  const rel = vscode.workspace.asRelativePath(p.settingsUri);
  const settingsText = p.settingsDoc.getText();
  // VS Code's refactor preview opens only when some entry needs confirmation, and starts exactly those unticked: the
  // changes themselves are proposed ticked; one optional comment (ticked by no one) is what opens the preview.
  const meta = (label: string, description?: string): vscode.WorkspaceEditEntryMetadata => ({ needsConfirmation: false, label, description });
  const created: string[] = [];
  for (const f of plan.files) {
    const uri = vscode.Uri.joinPath(p.root, ...f.path.split('/'));
    edit.createFile(uri, { contents: new TextEncoder().encode(f.text), ignoreIfExists: true }, meta(vscode.l10n.t('Create {0}', f.path), f.path === 'utils/jwt.py' ? 'generate_jwt, verify_jwt' : f.path === 'utils/middleware.py' ? 'JWTAuthenticationMiddleware' : undefined));
    created.push(uri.toString());
  }
  const envExists = await vscode.workspace.fs.stat(p.envUri).then(() => true, () => false);
  if (!envExists) edit.createFile(p.envUri, { contents: new Uint8Array(), ignoreIfExists: true }, meta(vscode.l10n.t('Create .env'), vscode.l10n.t('JWT_SECRET is generated into it after you apply')));
  for (const i of plan.settings) edit.insert(p.settingsUri, p.settingsDoc.positionAt(i.offset), i.text, meta(i.label, rel));
  if (p.preview) {
    const note = `# ${vscode.l10n.t('JWT authentication was added by JWT Workbench (JWT: Add JWT Authentication to Django…).')}${settingsText.includes('\r\n') ? '\r\n' : '\n'}`;
    edit.insert(p.settingsUri, p.settingsDoc.positionAt(settingsText.length), note, { needsConfirmation: true, label: vscode.l10n.t('Optional: a comment saying where these settings came from'), description: rel });
  }
  return { edit, created };
}

/** The secret, through Generate Secret's own code path, into the .env beside manage.py when it has none; a note saying so. */
async function secretInto(folder: vscode.WorkspaceFolder | undefined, envUri: vscode.Uri): Promise<string> {
  const env = await readEnv(folder ?? vscode.workspace.workspaceFolders![0], envUri).catch(() => undefined);
  if (!env || /^\s*(?:export\s+)?JWT_SECRET\s*=\s*\S/m.test(env.text)) return '';
  const wrote = await vscode.commands.executeCommand(CommandIds.generateSecret, { for: envUri });
  return wrote ? ` ${vscode.l10n.t('JWT_SECRET was written to {0}.', vscode.workspace.asRelativePath(envUri))}` : '';
}

async function pickManagePy(): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles('**/manage.py', IGNORED_DIRS, 20);
  if (found.length === 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('There is no manage.py in this workspace: open a Django project (django-admin startproject makes one).'));
    return undefined;
  }
  if (found.length === 1) return found[0];
  const pick = await vscode.window.showQuickPick(found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })), { title: vscode.l10n.t('Which Django project?') });
  return pick?.uri;
}
