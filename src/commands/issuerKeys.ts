// Keys from where issuers publish them: an issuer's discovery document (on request only) and trust anchors for x5c
// certificate chains.
import * as vscode from 'vscode';
import { discoveryPlan, isCoreError } from '../core';
import type { Services } from '../services';
import { askModal } from '../workspace/modal';
import { showError } from '../workspace/notify';
import { chooseKeyFile } from './keys';

export interface AddIssuerArgs {
  /** The issuer (a token's `iss`, or typed), instead of asking. */
  issuer?: string;
  /**
   * The user already saw the URLs and agreed (scripted use, tests); otherwise a modal lists them first. A URL on
   * another origin than the issuer's (a jwks_uri, a redirect hop) is asked about even then: the first question did
   * not name it.
   */
  confirmed?: boolean;
}

/**
 * JWT: Add Issuer… (and the banner's "Fetch keys for <iss>…"): show the exact URLs that will be fetched, and only on
 * the user's yes fetch the discovery document, check its issuer, and add its jwks_uri as a JWKS URL. Returns the
 * source id, or undefined when cancelled or refused (the reason is shown).
 */
export async function addIssuerCommand(services: Services, args?: AddIssuerArgs): Promise<string | undefined> {
  const issuer =
    args?.issuer ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Add an issuer'),
      prompt: vscode.l10n.t('The issuer URL, exactly as tokens carry it in "iss". Its discovery document names where it publishes its keys.'),
      placeHolder: 'https://accounts.example.com',
      ignoreFocusOut: true,
      validateInput: (v) => {
        try {
          discoveryPlan(v.trim());
          return undefined;
        } catch (e) {
          return (e as Error).message;
        }
      },
    }))?.trim();
  if (!issuer) return undefined;
  const fail = (e: unknown) => {
    services.log.warn(`Issuer not added: ${issuer}: ${(e as Error).message}`);
    void showError(vscode.l10n.t('Cannot add the issuer {0}: {1}', issuer, (e as Error).message), e);
    return undefined;
  };
  let urls: string[];
  try {
    urls = discoveryPlan(issuer).urls;
  } catch (e) {
    return fail(e);
  }
  const origin = new URL(issuer).origin;
  if (!args?.confirmed) {
    const fetchIt = vscode.l10n.t('Fetch');
    // Every sentence here holds: fetchBounded and JwksStore enforce each one.
    const detail = [
      vscode.l10n.t('JWT Workbench will fetch:'),
      ...urls.map((u, i) => (i === 0 ? `• ${u}` : `• ${u} ${vscode.l10n.t('(only if the first is not found)')}`)),
      vscode.l10n.t('and then the jwks_uri it names, if the document\'s issuer is exactly {0}.', issuer),
      vscode.l10n.t('Redirects are followed within {0}; a jwks_uri or redirect on another origin is asked about first, by name. Private and link-local network addresses are refused, and so is this machine unless the issuer is on it.', origin),
      vscode.l10n.t('The keys are kept for this workspace, and the jwks_uri is fetched again when a token names a key id they lack (at most once a minute). Nothing else is fetched.'),
    ].join('\n');
    if ((await vscode.window.showInformationMessage(vscode.l10n.t('Fetch the keys of {0}?', issuer), { modal: true, detail }, fetchIt)) !== fetchIt) return undefined;
  }
  const ask = (url: string) => askOtherOrigin(issuer, origin, url);
  try {
    const { id, kept, from } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Fetching the keys of {0}…', issuer) }, () => services.keys.jwks.addIssuer(issuer, ask));
    services.log.info(`Issuer added: ${issuer} — discovery document ${from}, JWKS ${kept.url} (${kept.count} keys).`);
    return id;
  } catch (e) {
    return fail(e);
  }
}

/** The second question: a URL on another origin than the issuer's, named, fetched only on the user's yes. */
async function askOtherOrigin(issuer: string, origin: string, url: string): Promise<boolean> {
  const fetchIt = vscode.l10n.t('Fetch from {0}', new URL(url).host);
  const detail = vscode.l10n.t('You agreed to fetch from {0}. {1} is on another origin: fetch from it only if you know it publishes the keys of {2}.', origin, url, issuer);
  return (await askModal(vscode.l10n.t('The issuer {0} leads to {1}. Fetch it?', issuer, url), detail, fetchIt)) === fetchIt;
}

/** JWT: Add Trust Anchors… — a CA certificate (or a bundle) that x5c chains must build to. Returns the source id. */
export async function addTrustAnchorsCommand(services: Services, args?: { uri?: vscode.Uri | string }): Promise<string | undefined> {
  const uri = await chooseKeyFile(args?.uri, {
    title: vscode.l10n.t('Choose the CA certificate (PEM) that x5c chains must lead to'),
    openLabel: vscode.l10n.t('Use as trust anchors'),
    filters: { [vscode.l10n.t('Certificates')]: ['pem', 'crt', 'cer'], [vscode.l10n.t('All files')]: ['*'] },
  });
  if (!uri) return undefined;
  const rel = vscode.workspace.asRelativePath(uri);
  try {
    const { id, subjects } = await services.keys.addTrustAnchors(uri);
    services.log.info(`Trust anchors added: ${rel} (${subjects.join('; ')}).`);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} added as trust anchors: {1}.', rel, subjects.join('; ')));
    return id;
  } catch (e) {
    void showError(isCoreError(e) ? vscode.l10n.t('{0} cannot be a trust anchor: {1}', rel, e.message) : String(e), e);
    return undefined;
  }
}
