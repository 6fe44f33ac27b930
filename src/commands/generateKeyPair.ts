import * as vscode from 'vscode';
import { generateKeyPair, parseEnv, type AsymmetricAlg } from '../core';
import { confirmReplace, envUri, folderToWrite, readEnv, writeEnvVariable, writeTarget } from '../workspace/envFile';
import type { Services } from '../services';

const ALGS: AsymmetricAlg[] = ['RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface GenerateKeyPairArgs {
  alg?: AsymmetricAlg;
  /** 'files': keys/<alg>-private.pem and keys/<alg>-public.pem; 'env': JWT_PRIVATE_KEY / JWT_PUBLIC_KEY in .env. */
  target?: 'files' | 'env';
  /** Overwrite existing key files or variables without asking (scripted use, tests). */
  replace?: boolean;
}

export interface GenerateKeyPairResult {
  alg: AsymmetricAlg;
  target: 'files' | 'env';
  privateKey: string;
  publicKey: string;
}

/**
 * JWT: Generate Key Pair — a new key pair for RS256, PS256, ES256/384/512 or EdDSA, written as PEM files in the
 * workspace or as `.env` variables. The private key is never shown or logged. Returns where it went.
 */
export async function generateKeyPairCommand(services: Services, args: GenerateKeyPairArgs = {}): Promise<GenerateKeyPairResult | undefined> {
  const folder = await folderToWrite(vscode.l10n.t('Open a folder first: the keys are written into it.'), vscode.l10n.t('Trust this workspace to let JWT Workbench write keys into it.'));
  if (!folder) return undefined;
  const alg = args.alg ?? (await vscode.window.showQuickPick(ALGS, { title: vscode.l10n.t('Generate Key Pair'), placeHolder: vscode.l10n.t('Algorithm') })) as AsymmetricAlg | undefined;
  if (!alg || !ALGS.includes(alg)) return undefined;
  const target =
    args.target ??
    (
      await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('PEM files in keys/'), value: 'files' as const },
          { label: vscode.l10n.t('.env variables JWT_PRIVATE_KEY and JWT_PUBLIC_KEY'), value: 'env' as const },
        ],
        { title: vscode.l10n.t('Where should the keys go?') },
      )
    )?.value;
  if (!target) return undefined;
  const pair = await generateKeyPair(alg);
  if (target === 'files') {
    const dir = vscode.Uri.joinPath(folder.uri, 'keys');
    const priv = vscode.Uri.joinPath(dir, `${alg.toLowerCase()}-private.pem`);
    const pub = vscode.Uri.joinPath(dir, `${alg.toLowerCase()}-public.pem`);
    const exists = await vscode.workspace.fs.stat(priv).then(() => true, () => false);
    if (exists && !args.replace && !(await confirmReplace(vscode.l10n.t('Replace {0}?', vscode.workspace.asRelativePath(priv)), vscode.l10n.t('Tokens signed with the old private key will stop verifying with the new public key.')))) {
      return undefined;
    }
    await vscode.workspace.fs.createDirectory(dir);
    await vscode.workspace.fs.writeFile(priv, new TextEncoder().encode(pair.privatePem));
    await vscode.workspace.fs.writeFile(pub, new TextEncoder().encode(pair.publicPem));
    await services.keys.addKeyFile(pub);
    services.log.info(`Generated an ${alg} key pair into ${dir.toString(true)}.`);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} key pair written to {1} and {2}. Keep the private key out of version control.', alg, vscode.workspace.asRelativePath(priv), vscode.workspace.asRelativePath(pub)));
    return { alg, target, privateKey: priv.toString(), publicKey: pub.toString() };
  }
  let envTarget: vscode.Uri;
  try {
    ({ uri: envTarget } = await writeTarget(folder, envUri(folder)));
  } catch (e) {
    void vscode.window.showErrorMessage((e as Error).message);
    return undefined;
  }
  const env = await readEnv(folder, envTarget);
  if (
    parseEnv(env.text).JWT_PRIVATE_KEY &&
    !args.replace &&
    !(await confirmReplace(vscode.l10n.t('Replace JWT_PRIVATE_KEY and JWT_PUBLIC_KEY in {0}?', vscode.workspace.asRelativePath(env.uri)), vscode.l10n.t('Tokens signed with the old private key will stop verifying.')))
  ) {
    return undefined;
  }
  await writeEnvVariable(env, 'JWT_PRIVATE_KEY', pair.privatePem.trim());
  await writeEnvVariable(await readEnv(folder, envTarget), 'JWT_PUBLIC_KEY', pair.publicPem.trim());
  services.log.info(`Generated an ${alg} key pair into ${env.uri.toString(true)} (JWT_PRIVATE_KEY, JWT_PUBLIC_KEY).`);
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} key pair written to {1} as JWT_PRIVATE_KEY and JWT_PUBLIC_KEY.', alg, vscode.workspace.asRelativePath(env.uri)));
  return { alg, target, privateKey: 'JWT_PRIVATE_KEY', publicKey: 'JWT_PUBLIC_KEY' };
}
