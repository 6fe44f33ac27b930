// An issuer's discovery document, fetched only when the user asks (a click, Add Issuer…), from the
// URLs discoveryPlan names — never from a token's jku or x5u.
import * as vscode from 'vscode';
import { DISCOVERY_MAX_BYTES, discoveryPlan, readDiscoveryDocument } from '../core';
import { fetchBounded, type AskOrigin } from './fetchBounded';
import { WorkspaceError } from './errors';

/**
 * Fetch the issuer's metadata — `<iss>/.well-known/openid-configuration`, and only if that is not found (404) the
 * RFC 8414 form — and return the jwks_uri it names, once its `issuer` is checked to be `issuer` exactly. Throws a
 * typed error with the reason (a mismatch names both issuers). A redirect to another origin than the issuer's is fetched only on `ask`'s yes.
 */
export async function discoverJwksUri(fetchUrl: typeof fetch, issuer: string, ask?: AskOrigin): Promise<{ jwksUri: string; from: string }> {
  const plan = discoveryPlan(issuer);
  for (const url of plan.urls) {
    const got = await fetchBounded(fetchUrl, url, { accept: 'application/json', maxBytes: DISCOVERY_MAX_BYTES, what: 'a discovery document', from: issuer, ask });
    if (got.text === undefined) continue;
    return { ...readDiscoveryDocument(got.text, plan.issuer, got.url), from: got.url };
  }
  throw new WorkspaceError('ERR_DISCOVERY_NOT_FOUND', vscode.l10n.t('{0} publishes no discovery document: {1} answered 404 Not Found', issuer, plan.urls.join(vscode.l10n.t(' and '))));
}
