// The JWKS URLs the user added (by URL, or through an issuer's discovery document): the last response of each, kept
// per workspace, refreshed when a token names a kid it lacks — at most once a minute per URL.
import * as vscode from 'vscode';
import { checkJwksUrl, JWKS_MAX_BYTES, parseJwks } from '../core';
import type { LoadedKey } from './keySources';

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
        return { key: kept.text, label: `${jwksLabel(kept)} — ${vscode.l10n.t('refresh failed: {0}', (e as Error).message)}` };
      }
    }
    return { key: kept.text, label: jwksLabel(kept) };
  }

  all(): KeptJwks[] {
    return this.context.workspaceState.get<KeptJwks[]>(JWKS_STATE, []);
  }

  /**
   * Fetch the JWKS at a URL the user gave (https only, or http to localhost), check that it holds public keys only,
   * and keep it for this workspace. Throws with the reason; the URL is kept only when the fetch succeeded.
   */
  async fetch(urlText: string, issuer?: string): Promise<KeptJwks> {
    const url = checkJwksUrl(urlText);
    // The network code is read on first use: verifying with the keys kept needs none.
    const { fetchBounded } = await import('./fetchBounded');
    const got = await fetchBounded(this.fetchUrl, url, { accept: 'application/jwk-set+json, application/json', maxBytes: JWKS_MAX_BYTES, what: 'a JWKS' });
    if (got.text === undefined) throw new Error(vscode.l10n.t('{0} answered 404 Not Found', got.url));
    const { jwks, kids, count } = parseJwks(got.text);
    const kept: KeptJwks = { url, text: JSON.stringify(jwks), kids, count, fetchedAt: Date.now(), ...(issuer ? { issuer } : {}) };
    await this.context.workspaceState.update(JWKS_STATE, [...this.all().filter((j) => j.url !== url), kept]);
    this.changed();
    return kept;
  }

  /**
   * Add an issuer's keys (issue 13.1): its discovery document (OpenID Connect, then RFC 8414), whose issuer must be
   * `issuer` exactly, names the jwks_uri, which is added as a JWKS URL. Throws with the reason. Returns the source id.
   */
  async addIssuer(issuer: string): Promise<{ id: string; kept: KeptJwks; from: string }> {
    const { jwksUri, from } = await (await import('./discovery')).discoverJwksUri(this.fetchUrl, issuer);
    const kept = await this.fetch(jwksUri, issuer);
    return { id: `jwks:${kept.url}`, kept, from };
  }

  /** The JWKS source already added for an issuer, if any. */
  issuerSource(issuer: string): string | undefined {
    const j = this.all().find((k) => k.issuer === issuer);
    return j && `jwks:${j.url}`;
  }

  async forget(url: string): Promise<void> {
    await this.context.workspaceState.update(JWKS_STATE, this.all().filter((j) => j.url !== url));
  }
}

export function jwksLabel(j: KeptJwks): string {
  const keys = j.count === 1 ? vscode.l10n.t('1 key') : vscode.l10n.t('{0} keys', j.count);
  return j.issuer ? vscode.l10n.t('issuer {0} — JWKS {1} ({2})', j.issuer, j.url, keys) : `JWKS ${j.url} (${keys})`;
}

