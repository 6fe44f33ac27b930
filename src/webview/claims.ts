/** The inspector's read-only tables: the claims (value, times, meaning) and the warnings. Token data is text only. */
import type { Inspection } from '../core';
import { utcTime } from '../core/token/claims';
import { el } from './dom';
import { t } from './l10n';

function displayValue(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

export function renderClaims(claimsView: HTMLElement, ins: Inspection | undefined): void {
  claimsView.replaceChildren();
  if (!ins || ins.claims.length === 0) return;
  const rows = ins.claims.map((c) => {
    const when = el('td', { class: 'when' });
    if (c.time) {
      const local = new Date(c.time);
      when.append(
        el('span', { class: 'relative', 'data-time': String(Math.floor(local.getTime() / 1000)) }, c.relative ?? ''),
        el('span', { class: 'local' }, local.toLocaleString()),
        // The time as the banner says it (the core's one format).
        el('span', { class: 'utc' }, (typeof c.value === 'number' ? utcTime(c.value) : undefined) ?? c.time),
      );
    }
    // A claim an SD-JWT holder chose to disclose is marked beside the always-visible ones.
    const name = el('th', { scope: 'row' }, c.name, c.disclosed ? el('span', { class: 'badge disclosed', title: t('Selectively disclosed by the holder') }, t('disclosed')) : undefined);
    return el('tr', c.disclosed ? { class: 'disclosed' } : {}, name, el('td', { class: 'value' }, displayValue(c.value)), when, el('td', { class: 'desc' }, c.description ?? ''));
  });
  claimsView.append(
    el('h2', {}, t('Claims')),
    el('table', {}, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('Claim')), el('th', { scope: 'col' }, t('Value')), el('th', { scope: 'col' }, t('Time')), el('th', { scope: 'col' }, t('Meaning')))), el('tbody', {}, ...rows)),
  );
}

export function renderWarnings(warningsView: HTMLElement, ins: Inspection | undefined): void {
  warningsView.replaceChildren();
  if (!ins || ins.warnings.length === 0) return;
  warningsView.append(el('h2', {}, t('Warnings ({0})', String(ins.warnings.length))), el('ul', {}, ...ins.warnings.map((w) => el('li', { 'data-code': w.code }, el('code', {}, w.code), ' ', w.message))));
}
