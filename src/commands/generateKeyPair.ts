import * as vscode from 'vscode';
import { generateKeyPair, ML_DSA_ALGS, mlDsaAvailable, parseEnv, type AsymmetricAlg } from '../core';
import { confirmReplace, envUri, folderToWrite, readEnv, restrictToOwner, writeEnvVariable, writeTarget } from '../workspace/envFile';
import { offerToIgnore } from '../workspace/gitignore';
import type { Services } from '../services';
import { showError } from '../workspace/notify';

const ALGS: AsymmetricAlg[] = ['RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** What each choice makes, in the picker. */
const ALG_DETAILS: Readonly<Record<AsymmetricAlg, string>> = {
  RS256: 'RSA 2048, PKCS#1 v1.5 signatures with SHA-256 — the one every JWT library verifies',
  RS384: 'RSA 2048, PKCS#1 v1.5 with SHA-384',
  RS512: 'RSA 2048, PKCS#1 v1.5 with SHA-512',
  PS256: 'RSA 2048, RSASSA-PSS with SHA-256 — RSA with the modern padding',
  PS384: 'RSA 2048, RSASSA-PSS with SHA-384',
  PS512: 'RSA 2048, RSASSA-PSS with SHA-512',
  ES256: 'ECDSA on P-256 with SHA-256 — small keys and tokens, widely supported',
  ES384: 'ECDSA on P-384 with SHA-384',
  ES512: 'ECDSA on P-521 with SHA-512',
  EdDSA: 'Ed25519 — fast and deterministic; PyJWT and jose verify it',
  Ed25519: 'Ed25519 under its fully-specified name (RFC 9864); the same key as EdDSA',
  'ML-DSA-44': 'ML-DSA-44 (FIPS 204, RFC 9964) — post-quantum signatures; large keys and tokens',
  'ML-DSA-65': 'ML-DSA-65 (FIPS 204, RFC 9964) — post-quantum, NIST category 3',
  'ML-DSA-87': 'ML-DSA-87 (FIPS 204, RFC 9964) — post-quantum, NIST category 5',
};

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
  // ML-DSA only where this VS Code's runtime has it in Web Crypto (Node.js ≥ 24.7).
  const mlDsa = (await Promise.all(ML_DSA_ALGS.map(async (a) => ((await mlDsaAvailable(a)) ? [a] : [])))).flat();
  const offered: AsymmetricAlg[] = [...ALGS, ...mlDsa];
  const alg = args.alg ?? (await vscode.window.showQuickPick(offered.map((a) => ({ label: a, detail: ALG_DETAILS[a] })), { title: vscode.l10n.t('Generate Key Pair'), placeHolder: mlDsa.length ? vscode.l10n.t('Algorithm') : vscode.l10n.t('Algorithm (ML-DSA is not offered: this VS Code\'s runtime has no ML-DSA in Web Crypto)') }))?.label;
  if (!alg || !offered.includes(alg)) {
    if (alg && ML_DSA_ALGS.includes(alg as never)) void vscode.window.showErrorMessage(vscode.l10n.t('This VS Code\'s runtime has no {0} (Web Crypto in Node.js 24.7 and later has it).', alg));
    return undefined;
  }
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
  if (target === 'files') return writePemFiles(services, folder, alg, pair, args.replace);
  let envTarget: vscode.Uri;
  try {
    ({ uri: envTarget } = await writeTarget(folder, envUri(folder)));
  } catch (e) {
    void showError((e as Error).message, e);
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

/** The pair as PEM files in keys/ (the private one readable by its owner only where modes exist), both key sources. */
async function writePemFiles(services: Services, folder: vscode.WorkspaceFolder, alg: AsymmetricAlg, pair: Awaited<ReturnType<typeof generateKeyPair>>, replace?: boolean): Promise<GenerateKeyPairResult | undefined> {
  const dir = vscode.Uri.joinPath(folder.uri, 'keys');
  const priv = vscode.Uri.joinPath(dir, `${alg.toLowerCase()}-private.pem`);
  const pub = vscode.Uri.joinPath(dir, `${alg.toLowerCase()}-public.pem`);
  const exists = await vscode.workspace.fs.stat(priv).then(() => true, () => false);
  if (exists && !replace && !(await confirmReplace(vscode.l10n.t('Replace {0}?', vscode.workspace.asRelativePath(priv)), vscode.l10n.t('Tokens signed with the old private key will stop verifying with the new public key.')))) {
    return undefined;
  }
  await vscode.workspace.fs.createDirectory(dir);
  await vscode.workspace.fs.writeFile(priv, new TextEncoder().encode(pair.privatePem));
  const restricted = await restrictToOwner(priv).catch(() => false);
  await vscode.workspace.fs.writeFile(pub, new TextEncoder().encode(pair.publicPem));
  // The private key signs (Sign Selection uses it when .env has no secret); the public one verifies.
  await services.keys.setSigningSource(await services.keys.addKeyFile(priv, true));
  await services.keys.addKeyFile(pub);
  services.log.info(`Generated an ${alg} key pair into ${vscode.workspace.asRelativePath(dir)}.`);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('{0} key pair written: {1} signs{2}, {3} verifies. Both are key sources now.', alg, vscode.workspace.asRelativePath(priv), restricted ? vscode.l10n.t(' (readable by you only)') : '', vscode.workspace.asRelativePath(pub)),
  );
  void offerToIgnore(services.context, folder, priv, { asked: 'jwtWorkbench.gitignoreKeysAsked', entry: 'keys/', what: vscode.l10n.t('the private key') });
  return { alg, target: 'files', privateKey: priv.toString(), publicKey: pub.toString() };
}
