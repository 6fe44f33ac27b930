/**
 * Header and payload, editable where they are shown: the coloured JSON, and a click (or Enter) on it turns it into a
 * box with the same text; editing re-signs at once. While a box is being edited, renders leave it alone. An SD-JWT's
 * payload is shown twice, each labelled: as the issuer signed it (digests in `_sd`) and as the holder presented it.
 */
import { isSigningAlg, type SigningAlg } from '../core/base/algorithms';
import type { Inspection } from '../core';
import type { InspectorView } from '../protocol';
import { Coalescer } from './coalesce';
import { el, jsonView } from './dom';
import { jsonProblem } from './editCheck';
import { t } from './l10n';
import type { Panel } from './panel';

function pretty(value: unknown): string | undefined {
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return undefined; // too deep to print
  }
}

/**
 * The text the edit boxes start from (the token as decoded; a payload too deep to print, as it came; a header too
 * deep to print is not there), and the algorithm to sign with when it is one we sign.
 */
export function editorTexts(ins: Pick<Inspection, 'header' | 'payload' | 'payloadText'>): { header?: string; payload: string; alg?: SigningAlg } {
  const alg = isSigningAlg(ins.header?.alg) ? ins.header.alg : undefined;
  const header = pretty(ins.header);
  const payload = (header !== undefined && ins.payload !== undefined ? pretty(ins.payload) : undefined) ?? ins.payloadText ?? '';
  return { ...(header !== undefined ? { header } : {}), payload, ...(alg ? { alg } : {}) };
}

/**
 * An SD-JWT's two payloads: the one its issuer signed (the text of the issuer JWT's payload, with `_sd`, `_sd_alg`,
 * `cnf`…) and the claims as presented (the disclosures put in place). Undefined for any other token.
 */
export function sdJwtPayloads(ins: Pick<Inspection, 'disclosures' | 'payload' | 'payloadText'> | undefined): { signed: unknown; signedText: string; presented: unknown } | undefined {
  if (!ins?.disclosures || ins.payload === undefined || ins.payloadText === undefined) return undefined;
  try {
    return { signed: JSON.parse(ins.payloadText) as unknown, signedText: ins.payloadText, presented: ins.payload };
  } catch {
    return undefined;
  }
}

/** A labelled part of the Payload pane: its heading names the JSON for a screen reader too. */
function labelled(id: string, title: string, note: string, shown: HTMLElement): HTMLElement {
  shown.setAttribute('aria-labelledby', `${id}Title`);
  return el('section', { id, class: 'payload-part' }, el('h3', { id: `${id}Title` }, title), el('p', { class: 'muted note' }, note), shown);
}

function payloadShown(ins: Inspection | undefined): HTMLElement {
  if (ins?.payload !== undefined) return jsonView(ins.payload, ins.payloadText);
  if (ins?.payloadText !== undefined) return el('pre', { class: 'raw', tabindex: '0' }, ins.payloadText);
  return el('p', { class: 'muted' }, '—');
}

/** Make `shown` turn into `box` on a click or Enter. */
function makeEditable(shown: HTMLElement, box: HTMLTextAreaElement): void {
  shown.classList.add('editable');
  shown.setAttribute('tabindex', '0');
  shown.setAttribute('title', t('Click to edit; the token is re-signed as you type'));
  const edit = () => {
    shown.hidden = true;
    box.hidden = false;
    box.focus();
  };
  shown.addEventListener('click', edit);
  shown.addEventListener('keydown', (e) => (e as KeyboardEvent).key === 'Enter' && edit());
}

export function renderJson(p: Panel, view: InspectorView): void {
  const { ui } = p;
  const ins = view.inspection;
  const editing = document.activeElement === ui.editHeader || document.activeElement === ui.editPayload;
  if (!editing) ui.editError.hidden = true; // the coloured view shows the token as signed: no edit is pending
  if (!editing && ins?.header) {
    const texts = editorTexts(ins);
    if (texts.header !== undefined) ui.editHeader.value = texts.header;
    ui.editPayload.value = texts.payload;
    if (texts.alg) ui.algSelect.value = texts.alg;
  }
  const editable = !!ins?.header && ins.kind === 'jws';
  const sd = sdJwtPayloads(ins);
  for (const [section, title, box, shown] of [
    [ui.headerView, t('Header'), ui.editHeader, ins?.header ? jsonView(ins.header) : el('p', { class: 'muted' }, '—')],
    [ui.payloadView, t('Payload'), ui.editPayload, payloadShown(ins)],
  ] as const) {
    if (document.activeElement === box) continue;
    box.hidden = true;
    if (editable) makeEditable(shown, box);
    if (section === ui.payloadView && sd) {
      const signed = labelled('signedPayload', t('As signed by the issuer'), t('Digests (_sd) stand for the claims the holder may disclose.'), jsonView(sd.signed, sd.signedText));
      const presented = labelled('disclosedPayload', t('As presented by the holder'), t('The disclosed claims in place of their digests; withheld claims are absent.'), shown);
      section.replaceChildren(el('h2', {}, title), signed, presented, box);
    } else section.replaceChildren(el('h2', {}, title), shown, box);
  }
  ui.signRow.hidden = !editable;
}

/** Sign and its pickers; live re-signing as the boxes are edited (coalesced like typing in the token box). */
export function wireSignEditor(p: Panel): Coalescer {
  const { ui } = p;
  ui.signButton.addEventListener('click', p.requestSign);
  // Text that is not JSON yet waits (the extension says what is wrong once it is sent).
  const signQueue = new Coalescer(() => {
    const problem = jsonProblem(ui.editHeader.value) ?? jsonProblem(ui.editPayload.value);
    ui.editError.textContent = problem ?? '';
    ui.editError.hidden = !problem;
    if (problem) return false;
    p.requestSign();
    return true;
  });
  for (const box of [ui.editHeader, ui.editPayload]) {
    box.addEventListener('input', () => signQueue.request());
    // Leaving the box shows the coloured view again.
    box.addEventListener('blur', () =>
      setTimeout(() => {
        const view = p.store.get().view;
        if (view) renderJson(p, view);
      }, 0),
    );
  }
  for (const control of [ui.algSelect, ui.signKeySelect]) control.addEventListener('change', () => p.store.get().view?.signedHere && p.requestSign());
  return signQueue;
}
