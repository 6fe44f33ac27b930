// The banner's key offers: fetch the issuer's keys (on click; the extension confirms the URLs), read a
// secret another way, "Which of my keys signed this?" and its answer. Text only; every id posted is one the view listed.
import type { Inspection } from '../core';
import type { FromWebview, InspectorView, SecretEncoding } from '../protocol';
import { el } from './dom';
import { t } from './l10n';

export type Post = (m: FromWebview) => void;

/** How each reading of a secret's text is named: the panel's own secret box and a source's "read as" use these. */
export const READING_NAMES: Record<SecretEncoding, string> = { utf8: t('text (UTF-8)'), hex: t('hex'), base64: t('base64'), base64url: t('base64url') };

/** The banner's title: a chain to a trust anchor is said in it ("Verified — certificate chain to CN=…"). */
export function verifiedTitle(ins: Inspection, title: string): string {
  return ins.verdict === 'verified' && ins.chain ? t('Verified — certificate chain to {0}', ins.chain.anchor) : title;
}

/**
 * The offers under the banner's detail. `useReading` switches the panel's own secret box when the key in use is the
 * secret typed there (that reading is the panel's, not a source's).
 */
export function keyOffers(view: InspectorView, ins: Inspection, post: Post, useReading: (e: SecretEncoding) => void): HTMLElement[] {
  const out: HTMLElement[] = [];
  const buttons: HTMLButtonElement[] = [];
  const reading = ins.secretReading?.encoding;
  if (reading && (view.panelSecret || view.secretEncoding !== undefined)) {
    const b = el('button', { id: 'useReading', type: 'button', title: t('Verify with the same secret text, decoded this way (remembered for this key source)') }, t('Read the secret as {0}', READING_NAMES[reading]));
    b.addEventListener('click', () => (view.panelSecret ? useReading(reading) : post({ type: 'setSecretEncoding', encoding: reading })));
    buttons.push(b);
  }
  if (view.issuerOffer) {
    const b = el('button', { id: 'fetchIssuer', type: 'button', class: 'secondary', title: t('Shows the URLs it will fetch, and fetches only when you agree') }, t('Fetch keys for {0}…', view.issuerOffer));
    b.addEventListener('click', () => post({ type: 'fetchIssuerKeys' }));
    buttons.push(b);
  }
  const signedByNone = ins.kind === 'jws' && (ins.verdict === 'unverified' || ins.verdict === 'invalid-signature');
  if (signedByNone && !view.keySearch) buttons.push(findKeyButton('findKey', post));
  if (buttons.length) out.push(el('span', { class: 'fixes row key-offers' }, ...buttons));
  if (view.keySearch) out.push(searchResult(view, post));
  return out;
}

/** "Which of my keys signed this?": tries every key the user has; nothing is fetched. */
export function findKeyButton(id: string, post: Post): HTMLButtonElement {
  const b = el('button', { id, type: 'button', class: 'secondary', title: t('Try every key you have — .env files of every folder, key files, stored keys, JWKS already fetched. Nothing new is fetched.') }, t('Which of my keys signed this?'));
  b.addEventListener('click', () => post({ type: 'findKey' }));
  return b;
}

function searchResult(view: InspectorView, post: Post): HTMLElement {
  const s = view.keySearch!;
  const box = el('div', { id: 'keySearch', class: 'key-search', role: 'status' });
  const counts = t('{0} keys tried, {1} of other types skipped, in {2} ms.', String(s.tried), String(s.skipped), s.ms < 10 ? s.ms.toFixed(1) : String(Math.round(s.ms)));
  if (s.why) {
    box.append(el('span', {}, s.why));
    return box;
  }
  if (!s.matches.length) {
    box.append(el('strong', {}, t('None of your keys signed this token.')), ' ', counts);
    return box;
  }
  box.append(el('strong', {}, t('Which of my keys signed this?')));
  const list = el('ul', { class: 'matches' });
  for (const m of s.matches) {
    const using = m.inUse && !view.panelSecret;
    const label = m.reading ? t('Signed with {0}, read as {1}', m.label, READING_NAMES[m.reading]) : t('Signed with {0}', m.label);
    const use = el('button', { type: 'button', class: 'secondary use-key', 'data-key': m.handle }, using ? t('In use') : t('Use this key'));
    use.disabled = using;
    use.addEventListener('click', () => post({ type: 'useKey', handle: m.handle }));
    list.append(el('li', {}, el('span', { class: 'match' }, label), use));
  }
  box.append(list, el('span', { class: 'muted' }, counts));
  return box;
}

/** The "read as" choice of a secret source (beside its description), or nothing when the key is not secret text. */
export function readAsSelect(view: InspectorView, post: Post): HTMLElement | undefined {
  if (view.secretEncoding === undefined) return undefined;
  const select = el('select', { id: 'secretReadAs', 'aria-label': t('Read the secret as') }, ...(Object.entries(READING_NAMES) as [SecretEncoding, string][]).map(([v, label]) => el('option', { value: v }, label)));
  select.value = view.secretEncoding;
  select.addEventListener('change', () => post({ type: 'setSecretEncoding', encoding: select.value as SecretEncoding }));
  return el('label', { class: 'read-as' }, t('read as'), ' ', select);
}
