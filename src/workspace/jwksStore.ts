// The JWKS URLs the user added (by URL, or through an issuer's discovery document): the last response of each, kept
// per workspace, refreshed when a token names a kid it lacks — at most once a minute per URL.
import * as vscode from 'vscode';
import { cleanTokenText, decodeToken } from '../core';
import type { LoadedKey } from './keyLoaders';
import type { AskOrigin } from './fetchBounded';
import { WorkspaceError } from './errors';
import { formatSourceId } from './sourceIds';

const JWKS_STATE = 'jwtWorkbench.jwksUrls';
/** A token whose kid is not in the kept JWKS fetches it again (keys rotate), at most this often per URL. */
const JWKS_REFETCH_MS = 60_000;

/** A JWKS the user added by URL: the last response (public keys only) and when it was fetched. */
export interface KeptJwks {
  url: string;
  text: string;
  kids: string[];
  /** How many keys it holds (not all have a kid). */
  count: number;
  fetchedAt: number;
  /** The issuer whose discovery document named this JWKS (Add Issuer…), when it came from one. */
  issuer?: string;
}

export class JwksStore {
  /** When each JWKS URL was last asked for again (a refresh that failed counts too). */
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly fetchUrl: typeof fetch,
    /** Called when the list changes (a URL added or forgotten). */
    private readonly changed: () => void,
  ) {}

  async load(url: string, kid: unknown): Promise<LoadedKey> {
    let kept = this.all().find((j) => j.url === url);
    if (!kept) return { label: `JWKS ${url}`, missing: vscode.l10n.t('{0} is no longer in the list of JWKS URLs.', url) };
    const lastTry = Math.max(kept.fetchedAt, this.attempts.get(url) ?? 0);
    if (typeof kid === 'string' && !kept.kids.includes(kid) && Date.now() - lastTry > JWKS_REFETCH_MS) {
      // Counted from the attempt, not its success: a failing or slow issuer is not asked on every keystroke.
      this.attempts.set(url, Date.now());
      try {
        kept = await this.fetch(url, kept.issuer);
      } catch (e) {
        // Keep verifying with the keys at hand; the label says they may be stale.
        return { key: kept.text, label: `${jwksLabel(kept)} — ${vscode.l10n.t('refresh failed: {0}', (e as Error).message)}`, ...bound(kept) };
      }
    }
    return { key: kept.text, label: jwksLabel(kept), ...bound(kept) };
  }

  all(): KeptJwks[] {
    return this.context.workspaceState.get<KeptJwks[]>(JWKS_STATE, []);
  }

  /**
   * Fetch the JWKS at a URL the user gave (https only, or http to localhost), check that it holds public keys only,
   * and keep it for this workspace. Throws a typed error with the reason; the URL is kept only when the fetch succeeded.
   */
  async fetch(urlText: string, issuer?: string, ask?: AskOrigin): Promise<KeptJwks> {
    // The URL rules and the JWKS reader are read on first use too: verifying with the keys kept needs neither.
    const rules = await import('../core/keys/jwks');
    const url = rules.checkJwksUrl(urlText, issuer ?? urlText);
    // An issuer's JWKS may redirect within the issuer's origin and its own; elsewhere only on the user's yes.
    const origins = issuer ? [new URL(issuer).origin] : [];
    // The network code is read on first use: verifying with the keys kept needs none.
    const { fetchBounded } = await import('./fetchBounded');
    const got = await fetchBounded(this.fetchUrl, url, { accept: 'application/jwk-set+json, application/json', maxBytes: rules.JWKS_MAX_BYTES, what: 'a JWKS', from: issuer ?? url, origins, ask });
    if (got.text === undefined) throw new WorkspaceError('ERR_FETCH_STATUS', vscode.l10n.t('{0} answered 404 Not Found', got.url));
    const { jwks, kids, count } = rules.parseJwks(got.text);
    const kept: KeptJwks = { url, text: JSON.stringify(jwks), kids, count, fetchedAt: Date.now(), ...(issuer ? { issuer } : {}) };
    await this.context.workspaceState.update(JWKS_STATE, [...this.all().filter((j) => j.url !== url), kept]);
    this.changed();
    return kept;
  }

  /**
   * Add an issuer's keys: its discovery document (OpenID Connect, then RFC 8414), whose issuer must be
   * `issuer` exactly, names the jwks_uri, which is added as a JWKS URL. A jwks_uri or redirect on another origin than
   * the issuer's is fetched only on `ask`'s yes. Throws a typed error with the reason. Returns the source id.
   */
  async addIssuer(issuer: string, ask?: AskOrigin): Promise<{ id: string; kept: KeptJwks; from: string }> {
    const { jwksUri, from } = await (await import('./discovery')).discoverJwksUri(this.fetchUrl, issuer, ask);
    // The user was shown the issuer's URLs: a jwks_uri on another origin is asked about first, by name.
    if (new URL(jwksUri).origin !== new URL(issuer).origin && !(ask && (await ask(jwksUri)))) {
      throw new WorkspaceError('ERR_FETCH_OTHER_ORIGIN', vscode.l10n.t('{0} names its keys at {1}, on another origin; they were not fetched', from, jwksUri));
    }
    const kept = await this.fetch(jwksUri, issuer, ask);
    return { id: formatSourceId({ kind: 'jwks', url: kept.url }), kept, from };
  }

  /** The JWKS source already added for an issuer, if any. */
  issuerSource(issuer: string): string | undefined {
    const j = this.all().find((k) => k.issuer === issuer);
    return j && formatSourceId({ kind: 'jwks', url: j.url });
  }

  async forget(url: string): Promise<void> {
    await this.context.workspaceState.update(JWKS_STATE, this.all().filter((j) => j.url !== url));
  }
}

/** A JWKS kept with its issuer verifies that issuer's tokens only (see forToken). */
function bound(kept: KeptJwks): { issuer?: string } {
  return kept.issuer ? { issuer: kept.issuer } : {};
}

export function jwksLabel(j: KeptJwks): string {
  const keys = j.count === 1 ? vscode.l10n.t('1 key') : vscode.l10n.t('{0} keys', j.count);
  return j.issuer ? vscode.l10n.t('issuer {0} — JWKS {1} ({2})', j.issuer, j.url, keys) : `JWKS ${j.url} (${keys})`;
}

/** The `iss` a token claims (the issuer-signed JWT of an SD-JWT), read without any check. */
export function claimedIssuer(token: string): unknown {
  return decodeToken(cleanTokenText(token).token.split('~')[0]).payload?.iss;
}

/**
 * The key as it may be used for `token`: an issuer's keys only for a token that claims that issuer (otherwise no key,
 * and the reason). Every place that verifies with a loaded key goes through this.
 */
export function forToken(loaded: LoadedKey, token: string): LoadedKey {
  if (loaded.issuer === undefined || !loaded.key) return loaded;
  const iss = claimedIssuer(token);
  if (iss === loaded.issuer) return loaded;
  const claim = typeof iss === 'string' ? vscode.l10n.t('this token claims iss "{0}"', iss.slice(0, 200)) : vscode.l10n.t('this token has no iss');
  return { label: loaded.label, missing: vscode.l10n.t('The keys of {0} verify only its tokens; {1}.', loaded.issuer, claim) };
}
