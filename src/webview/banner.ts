/** The verdict banner: what the token is (verified, expired, signed here…), why, and the fixes when no key is at hand. */
import type { Inspection } from '../core';
import type { InspectorView, KeySourceKind } from '../protocol';
import { keySourceButtons } from './controls';
import { el } from './dom';
import { keyOffers, verifiedTitle } from './keyOffers';
import { t } from './l10n';
import type { Panel } from './panel';
import { requestInspect } from './panel';
import { profileName } from './profile';

export interface BannerLook {
  cls: string;
  icon: string;
  title: string;
}

const BANNER: Record<string, BannerLook> = {
  verified: { cls: 'ok', icon: '✔', title: t('Verified') },
  // Never green: a DPoP proof's own header key shows possession, and no key of the user's verified it.
  possession: { cls: 'info', icon: '◇', title: t('Proof of possession') },
  'invalid-signature': { cls: 'bad', icon: '✖', title: t('Invalid signature') },
  expired: { cls: 'bad', icon: '◷', title: t('Expired') },
  'not-yet-valid': { cls: 'bad', icon: '◶', title: t('Not yet valid') },
  'claim-mismatch': { cls: 'bad', icon: '✖', title: t('Claim mismatch') },
  unsigned: { cls: 'bad', icon: '⚠', title: t('Unsigned (alg: none)') },
  unverified: { cls: 'warn', icon: '⚠', title: t('Not verified') },
  unsupported: { cls: 'bad', icon: '✖', title: t('Cannot verify') },
  malformed: { cls: 'bad', icon: '✖', title: t('Malformed') },
};

/** The banner's colour, icon and title for a verdict (a JWE has its own icon and title, coloured by its verdict). */
export function bannerLook(ins: Pick<Inspection, 'kind' | 'verdict'>): BannerLook {
  if (ins.kind === 'jwe' && ins.verdict !== 'malformed') return { cls: ins.verdict === 'verified' ? 'ok' : ins.verdict === 'unverified' ? 'warn' : 'bad', icon: '▣', title: t('Encrypted (JWE)') };
  return BANNER[ins.verdict];
}

/**
 * The key sources the banner offers for a token no key at hand checked: a secret verifies only HS tokens; for the
 * others, the keys that could (a file, a JWKS, the issuer's), and trust anchors only for a token with a chain.
 */
export function fixKinds(header: Record<string, unknown> | undefined): (kind: KeySourceKind) => boolean {
  const hmac = typeof header?.alg === 'string' && /^HS/.test(header.alg);
  return (kind) => (kind === 'anchors' ? header?.x5c !== undefined : kind === 'issuer' ? !hmac : kind !== 'secret' || hmac);
}

function renderEmpty(banner: HTMLElement): void {
  banner.className = 'banner empty';
  banner.append(el('strong', {}, t('No token yet.')), ' ', t('Paste one above, or select one in an editor and run “JWT: Verify and Decode Selection”.'));
}

function renderSignedHere(banner: HTMLElement, view: InspectorView, ins: Inspection): void {
  // The key that signed it, never the verification key picked later: "signed here" is not "verified".
  const alg = typeof ins.header?.alg === 'string' ? ins.header.alg : '?';
  banner.className = 'banner info';
  banner.dataset.verdict = 'signed-here';
  const title = view.signedWith ? t('Signed here with {0}', view.signedWith) : t('Signed here with {0} ({1})', t('your key'), alg);
  banner.append(el('span', { class: 'icon', 'aria-hidden': 'true' }, '✎'), el('strong', { class: 'title' }, title), el('span', { class: 'message' }, t('This is the token you just made — not an independent verification of anyone else’s.')));
}

/** No key at hand: the fixes, where the user is looking. */
function fixes(p: Panel, view: InspectorView, ins: Inspection): HTMLElement {
  const { ui, host } = p;
  const generate = el('button', { id: 'fixGenerateSecret', type: 'button', class: 'secondary', title: t('Write a new JWT_SECRET into .env') }, t('Generate Secret'));
  generate.addEventListener('click', () => host.post({ type: 'generateSecret' }));
  const typeSecret = el('button', { id: 'fixPasteSecret', type: 'button', class: 'secondary' }, t('Paste a secret…'));
  typeSecret.addEventListener('click', () => ui.secretInput.focus());
  const hmac = typeof ins.header?.alg === 'string' && /^HS/.test(ins.header.alg);
  const secretFixes = hmac ? [...(view.canGenerateSecret ? [generate] : []), typeSecret] : [];
  return el('span', { class: 'fixes row' }, ...secretFixes, ...keySourceButtons('fix', host.post, fixKinds(ins.header)));
}

export function renderBanner(p: Panel, view: InspectorView, ins: Inspection | undefined): void {
  const { banner } = p.ui;
  banner.replaceChildren();
  if (!ins) return renderEmpty(banner);
  if (view.signedHere && ins.verdict !== 'malformed') return renderSignedHere(banner, view, ins);
  const b = bannerLook(ins);
  banner.className = `banner ${b.cls}`;
  banner.dataset.verdict = ins.verdict;
  banner.append(el('span', { class: 'icon', 'aria-hidden': 'true' }, b.icon), el('strong', { class: 'title' }, verifiedTitle(ins, b.title)), el('span', { class: 'message' }, ins.message));
  const kind = profileName(ins);
  if (kind) banner.append(el('span', { class: 'source kind' }, t('Kind: {0}', kind)));
  // Where this token came from, by its verdict (and gone with it).
  if (view.originNote) banner.append(el('span', { id: 'originNote', class: 'source origin' }, view.originNote));
  if (ins.detail) banner.append(el('span', { class: 'detail' }, ins.detail));
  // The worst decided the verdict; the rest is listed, so that nothing wrong hides behind it.
  if (ins.also?.length) banner.append(el('ul', { class: 'also', 'aria-label': t('Also') }, ...ins.also.map((a) => el('li', {}, t('Also: {0}', a)))));
  if (ins.verdict === 'unverified' && ins.kind === 'jws') banner.append(fixes(p, view, ins));
  banner.append(
    ...keyOffers(view, ins, p.host.post, (encoding) => {
      // The secret typed in the panel: its own "written as" choice is what changes.
      p.ui.secretEncoding.value = encoding;
      requestInspect(p.ui, p.host, p.store);
    }),
  );
  if (view.keySource && ins.verdict !== 'unverified') banner.append(el('span', { class: 'source' }, t('Key: {0}', view.keySource)));
  if (view.keyChosen) banner.append(el('span', { class: 'source chosen' }, t('Chosen for this token — {0}', view.keyChosen)));
}
