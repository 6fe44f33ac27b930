/** The inspector panel's script: builds the panel, wires its controls, and renders what the extension sends. */
import type { SigningAlg } from '../core/base/algorithms';
import { relativeTime } from '../core/token/claims';
import { isToWebview, type CopyWhat, type ToWebview } from '../protocol';
import { Coalescer } from './coalesce';
import { createControls, layout, typedSecret, type Ui } from './controls';
import { connectHost } from './host';
import { initialView } from './initial';
import { showKey, wireKeyInfo } from './keyInfo';
import { t } from './l10n';
import { flashCopied, noticeLook } from './notice';
import { requestInspect, type Panel } from './panel';
import { render } from './render';
import { wireSignEditor } from './signEditor';
import { Store } from './store';
import { wireTokenBox } from './tokenBox';

/** The verification options and the typed secret: each change re-inspects. */
function wireOptions(p: Panel): void {
  const { ui, host, store } = p;
  for (const input of [ui.issuerInput, ui.audienceInput, ui.nonceInput, ui.clientInput, ui.leewayInput, ui.clockInput]) input.addEventListener('input', p.inspectSoon);
  ui.keySelect.addEventListener('change', () => {
    // Choosing a key source means that key: the typed secret steps aside.
    ui.secretInput.value = '';
    p.inspectSoon();
  });
  ui.secretInput.addEventListener('input', p.inspectSoon);
  ui.secretEncoding.addEventListener('change', p.inspectSoon);
  ui.saveSecretButton.addEventListener('click', () => {
    const secret = typedSecret(ui);
    if (!secret) return;
    store.update({ savingSecret: true });
    host.post({ type: 'saveSecret', secret });
  });
  ui.clockNow.addEventListener('click', () => {
    ui.clockInput.value = '';
    p.inspectSoon();
  });
}

function copyButtons(ui: Ui): [HTMLButtonElement, CopyWhat][] {
  return [[ui.actions.copyToken, 'token'], [ui.actions.copyHeader, 'header'], [ui.actions.copyPayload, 'payload'], [ui.actions.copyBearer, 'bearer']];
}

function wireActions(p: Panel): void {
  for (const [button, what] of copyButtons(p.ui)) {
    button.addEventListener('click', () => {
      p.store.update({ lastCopy: what });
      p.host.post({ type: 'copy', what });
    });
  }
  p.ui.actions.insert.addEventListener('click', () => p.host.post({ type: 'insert', mode: 'insert' }));
  p.ui.actions.replace.addEventListener('click', () => p.host.post({ type: 'insert', mode: 'replace' }));
  p.ui.actions.encrypt.addEventListener('click', () => p.host.post({ type: 'encrypt' }));
}

/** A button says what it just did ("Copied") for a moment. */
function flash(button: HTMLButtonElement, text: string): void {
  const label = button.dataset.label ?? button.textContent ?? '';
  button.dataset.label = label;
  button.textContent = text;
  setTimeout(() => {
    button.textContent = label;
  }, 1500);
}

function onNotice(p: Panel, m: Extract<ToWebview, { type: 'notice' }>): void {
  p.ui.notice.className = noticeLook(m);
  p.ui.notice.textContent = m.text;
  const copied = flashCopied(m, p.store.get().lastCopy);
  const button = copyButtons(p.ui).find(([, what]) => what === copied)?.[0];
  if (button) flash(button, t('Copied'));
  p.store.update({ lastCopy: undefined });
}

function start(): void {
  const host = connectHost();
  const store = new Store();
  const ui = createControls();
  const inspectQueue = new Coalescer(() => requestInspect(ui, host, store));
  const p: Panel = {
    ui,
    host,
    store,
    inspectSoon: () => inspectQueue.request(),
    requestSign: () => host.post({ type: 'sign', header: ui.editHeader.value, payload: ui.editPayload.value, alg: ui.algSelect.value as SigningAlg, keySource: ui.signKeySelect.value }),
  };
  layout(document.getElementById('app')!, ui, host.post);
  wireTokenBox(p);
  wireOptions(p);
  wireKeyInfo(p);
  const signQueue = wireSignEditor(p);
  wireActions(p);

  // Relative times ("expires in 4 min") stay live.
  setInterval(() => {
    const at = store.get().view?.options.at;
    const now = Math.floor((at ? Date.parse(at) : Date.now()) / 1000);
    for (const span of document.querySelectorAll<HTMLElement>('.relative[data-time]')) span.textContent = relativeTime(Number(span.dataset.time), now);
  }, 1000);

  window.addEventListener('message', (event: MessageEvent) => {
    const m: unknown = event.data;
    if (!isToWebview(m)) return;
    try {
      if (m.type === 'view') render(p, m.view);
      else if (m.type === 'revealed') showKey(p, m.keySource, m.text);
      else onNotice(p, m);
    } finally {
      // A view or a notice is the extension's answer: what was typed meanwhile goes out now (after the render, so it
      // reads the pickers as the extension just set them).
      if (m.type !== 'revealed') {
        inspectQueue.answered();
        signQueue.answered();
      }
    }
  });

  // The first view comes with the HTML (a JSON block the extension wrote, checked like any message): the verdict
  // paints with the first frame. 'ready' then asks only for what is newer than it.
  const initial = initialView(host.getState());
  if (initial) render(p, initial);
  host.post({ type: 'ready' });
}

start();
