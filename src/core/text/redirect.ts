/**
 * Tokens in a redirect URI — what an OAuth / OpenID Connect flow sends back: `?token=`, `#id_token=`,
 * `#access_token=` (and `?id_token=` / `?access_token=` for `response_mode=query`). The URI is untrusted input: the
 * tokens are only read out of it, never acted upon.
 */
const NAMES = ['id_token', 'access_token', 'token', 'refresh_token', 'logout_token'];
/** A redirect carries an ID token, an access token, a refresh token: a link with more is offered only its first few. */
export const MAX_REDIRECT_TOKENS = 16;

export interface RedirectToken {
  /** Where it was: "id_token (fragment)", "token (query)". */
  name: string;
  token: string;
}

/** Every token-named parameter of a query and a fragment (each a `a=b&c=d` string, without its `?` or `#`). */
export function tokensInRedirect(query: string, fragment: string): RedirectToken[] {
  const out: RedirectToken[] = [];
  const seen = new Set<string>();
  for (const [part, where] of [[query, 'query'], [fragment, 'fragment']] as const) {
    if (!part || part.length > 1024 * 1024) continue;
    for (const pair of part.split('&')) {
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      let name: string;
      let value: string;
      try {
        name = decodeURIComponent(pair.slice(0, eq).replace(/\+/g, ' '));
        value = decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' ')).trim();
      } catch {
        continue;
      }
      if (!NAMES.includes(name) || !value || seen.has(value)) continue;
      seen.add(value);
      out.push({ name: `${name} (${where})`, token: value });
      if (out.length === MAX_REDIRECT_TOKENS) return out;
    }
  }
  return out;
}
