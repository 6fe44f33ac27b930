/** The token box: the coloured parts drawn under the text being typed, and its buttons. */
import { el } from './dom';
import { t } from './l10n';
import type { Panel } from './panel';
import type { Ui } from './controls';

/** One coloured piece of the token box: its text, its class and its name (a tooltip), or a separator. */
export interface TokenPiece {
  text: string;
  cls: string;
  title?: string;
}

function jwtPieces(text: string): TokenPiece[] {
  const parts = text.split('.');
  const labels = parts.length === 5 ? ['header', 'key', 'iv', 'ciphertext', 'tag'] : ['header', 'payload', 'signature', 'iv', 'tag'];
  return parts.flatMap((p, i) => [...(i > 0 ? [{ text: '.', cls: 'dot' }] : []), { text: p, cls: `part part-${Math.min(i, 4)}`, title: labels[i] ?? '' }]);
}

/**
 * What is in the box, piece by piece: each dot-separated part in its colour (header, payload, signature; a JWE's
 * five); an SD-JWT's issuer JWT, then each disclosure, then the Key Binding JWT, "~" between them.
 */
export function tokenPieces(text: string): TokenPiece[] {
  const pieces = text.split('~');
  return pieces.flatMap((piece, n): TokenPiece[] => {
    if (n === 0) return jwtPieces(piece);
    const kind = n === pieces.length - 1 && piece.includes('.') ? { cls: 'part part-4', title: t('Key Binding JWT') } : { cls: 'part part-3', title: t('disclosure') };
    return [{ text: '~', cls: 'dot' }, { text: piece, ...kind }];
  });
}

/** Colour what is in the box, as it is typed. Drawn under the box's transparent text, so it lines up character for character. */
export function renderParts(ui: Ui): void {
  const text = ui.tokenInput.value;
  ui.partsView.replaceChildren(...tokenPieces(text).map((p) => el('span', p.title === undefined ? { class: p.cls } : { class: p.cls, title: p.title }, p.text)));
  // A final newline in a textarea takes a line of its own; the drawing must too, or the two drift apart.
  if (text.endsWith('\n')) ui.partsView.append('\n');
  ui.partsView.scrollTop = ui.tokenInput.scrollTop;
}

/** Typing re-inspects at once and recolours; Clear empties the box; Paste and Previous ask the extension. */
export function wireTokenBox(p: Panel): void {
  const { ui, host } = p;
  ui.tokenInput.addEventListener('input', p.inspectSoon);
  ui.tokenInput.addEventListener('input', () => renderParts(ui));
  ui.tokenInput.addEventListener('scroll', () => {
    ui.partsView.scrollTop = ui.tokenInput.scrollTop;
  });
  ui.clearButton.addEventListener('click', () => {
    ui.tokenInput.value = '';
    renderParts(ui);
    ui.tokenInput.focus();
    p.inspectSoon();
  });
  ui.previousButton.addEventListener('click', () => host.post({ type: 'restorePrevious' }));
  ui.pasteButton.addEventListener('click', () => host.post({ type: 'pasteClipboard' }));
}
