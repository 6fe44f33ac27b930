import * as vscode from 'vscode';
import { inspectToken, profileTitle, relativeTime, type KeyCache } from '../core';
import { CommandIds } from '../commandIds';
import { getConfig } from '../workspace/config';
import type { KeySources } from '../workspace/keySources';
import { forToken } from '../workspace/jwksStore';
import { tokenAt } from '../workspace/tokenAt';

/** A sentence of the inspector's, shortened for a hover. */
function clip(text: string): string {
  return text.length > 400 ? `${text.slice(0, 399)}…` : text;
}

/** A link that opens a token in the inspector (a command URI; the token is its only argument besides the document). */
export function inspectLink(token: string, uri: vscode.Uri): string {
  return `command:${CommandIds.inspectToken}?${encodeURIComponent(JSON.stringify([token, uri.toString()]))}`;
}

/**
 * Hover over any JWT: algorithm, subject, issuer, expiry state and — when the file's `.env` key is at hand — the
 * signature state, with a link to the inspector. Token data is untrusted: it is added as escaped text only.
 */
export class TokenHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly keys: KeySources,
    private readonly keyCache: KeyCache,
    /** The key source the inspector shows this token with, if it does: the hover uses the same key. */
    private readonly inspectorKey: (token: string) => string | undefined = () => undefined,
  ) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!getConfig(doc.uri).hover) return undefined;
    const hit = tokenAt(doc, pos);
    if (!hit) return undefined;
    // The inspector's key choice: the key it shows this token with, else the one it would choose for it.
    const keySource = this.inspectorKey(hit.token) ?? (await this.keys.chooseFor(doc.uri, hit.token)).id;
    const loaded = forToken(await this.keys.load(keySource), hit.token);
    const ins = await inspectToken(hit.token, { key: loaded.key, issuer: loaded.issuer, leeway: getConfig(doc.uri).leeway, cache: this.keyCache });
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [CommandIds.inspectToken] };
    const alg = typeof ins.header?.alg === 'string' ? ins.header.alg : '?';
    // The kind of token first: an SD-JWT, a DPoP proof, an access token, an ID token — or a plain JWT.
    md.appendMarkdown(`**${hit.kind === 'jwe' ? 'JWE' : profileTitle(ins.profile)}** · `);
    md.appendText(alg);
    if (ins.disclosures) md.appendText(` · ${ins.disclosures.filter((d) => d.status === 'disclosed').length} disclosed, ${ins.withheld ?? 0} withheld${ins.keyBinding ? ', key-bound' : ''}`);
    const failedCheck = ins.checks?.find((c) => c.status === 'failed');
    if (failedCheck) {
      md.appendMarkdown('  \n');
      md.appendText(`✖ ${failedCheck.name}: ${failedCheck.message.slice(0, 300)}`);
    }
    md.appendMarkdown('\n\n');
    const p = ins.payload && typeof ins.payload === 'object' ? (ins.payload as Record<string, unknown>) : {};
    for (const claim of ['sub', 'user', 'iss', 'aud']) {
      if (p[claim] === undefined) continue;
      md.appendMarkdown(`\`${claim}\` `);
      md.appendText(typeof p[claim] === 'string' ? (p[claim] as string).slice(0, 200) : JSON.stringify(p[claim]).slice(0, 200));
      md.appendMarkdown('  \n');
    }
    const now = Math.floor(Date.now() / 1000);
    if (typeof p.exp === 'number') md.appendText(p.exp < now ? `expired ${relativeTime(p.exp, now)}` : `expires ${relativeTime(p.exp, now)}`);
    else if (ins.kind === 'jws') md.appendText('never expires (no exp)');
    md.appendMarkdown('\n\n');
    const signature =
      // A DPoP proof checked with the key in its own header: that key is named, and it is never "verified".
      ins.ownKey ? (ins.verifiedWith ? `signed by ${ins.verifiedWith.description} — not verified with any key of yours` : 'signature INVALID for the key in its own header — and no key of yours was used')
      : ins.verdict === 'verified' || ins.verdict === 'expired' || ins.verdict === 'not-yet-valid' || ins.verdict === 'claim-mismatch' ? `signature verified with ${loaded.label}`
      // What the inspector's banner says: its sentence and its reason (a secret read another way, no key of the kind).
      : ins.verdict === 'invalid-signature' ? `signature INVALID for ${loaded.label}: ${clip(ins.detail ?? '')}`
      : ins.verdict === 'unsigned' ? 'UNSIGNED (alg: none)'
      : ins.verdict === 'malformed' ? `malformed: ${ins.detail ?? ''}`
      : loaded.key ? `signature not checked — ${ins.message} ${clip(ins.detail ?? '')}`
      : 'signature not checked (no key)';
    md.appendText(signature);
    md.appendMarkdown(`\n\n[Open in JWT Inspector](${inspectLink(hit.token, doc.uri)})`);
    return new vscode.Hover(md, hit.range);
  }
}
