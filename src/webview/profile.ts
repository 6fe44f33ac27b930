// The profile section of the inspector: what kind of token it is, and its standard's checks rendered
// generically — each passed, failed or not checked, with its reason — plus an SD-JWT's disclosures, its Key Binding
// JWT, and a DPoP pair's proof. Token data is text only.
import type { Inspection, ProfileCheck } from '../core';
import { el } from './dom';
import { t } from './l10n';

const NAMES: Record<string, string> = {
  'sd-jwt': t('SD-JWT (selective disclosure, RFC 9901)'),
  'sd-jwt-vc': t('SD-JWT VC (verifiable credential)'),
  'kb-jwt': t('Key Binding JWT'),
  dpop: t('DPoP proof (RFC 9449)'),
  'at+jwt': t('JWT access token (RFC 9068)'),
  'id-token': t('OpenID Connect ID token'),
};

/** The profile's name for the banner and the section title; undefined for a plain JWT. */
export function profileName(ins: Inspection | undefined): string | undefined {
  return ins?.profile && ins.profile !== 'jwt' ? NAMES[ins.profile] : undefined;
}

const STATUS: Record<ProfileCheck['status'], { icon: string; label: string }> = {
  passed: { icon: '✔', label: t('passed') },
  failed: { icon: '✖', label: t('failed') },
  'not-checked': { icon: '–', label: t('not checked') },
};

function checkList(checks: ProfileCheck[], id: string): HTMLElement {
  return el(
    'ul',
    { id, class: 'checks' },
    ...checks.map((c) =>
      el('li', { class: `check ${c.status}`, 'data-check': c.name, 'data-status': c.status }, el('span', { class: 'status', 'aria-label': STATUS[c.status].label, title: STATUS[c.status].label }, STATUS[c.status].icon), el('strong', { class: 'name' }, c.name), ' ', el('span', { class: 'message' }, c.message)),
    ),
  );
}

export function renderProfile(view: HTMLElement, ins: Inspection | undefined): void {
  view.replaceChildren();
  const name = profileName(ins) ?? (ins?.dpop ? t('Access token with its DPoP proof') : undefined);
  if (!ins || !name || !ins.checks?.length) return;
  view.append(el('h2', {}, name), checkList(ins.checks, 'checkList'));
  if (ins.disclosures?.length || ins.withheld) {
    const rows = (ins.disclosures ?? []).map((d) =>
      el(
        'tr',
        { class: `disclosure ${d.status}`, 'data-status': d.status },
        el('th', { scope: 'row' }, d.path ?? d.name ?? t('(array element)')),
        el('td', { class: 'value' }, d.decoded ?? ''),
        el('td', { class: 'state' }, d.status === 'disclosed' ? t('disclosed') : `${d.status === 'malformed' ? t('unreadable') : d.status === 'rejected' ? t('refused') : t('not issued')}: ${d.problem ?? ''}`),
      ),
    );
    view.append(
      el('h3', {}, t('Disclosures ({0})', String(ins.disclosures?.length ?? 0))),
      ins.withheld ? el('p', { class: 'muted withheld' }, ins.withheld === 1 ? t('1 claim withheld (or a decoy): its digest has no disclosure here.') : t('{0} claims withheld (or decoys): their digests have no disclosure here.', String(ins.withheld))) : '',
      rows.length ? el('table', { id: 'disclosures' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('Where')), el('th', { scope: 'col' }, t('Disclosure (decoded)')), el('th', { scope: 'col' }, t('State')))), el('tbody', {}, ...rows)) : '',
    );
  }
  if (ins.keyBinding) view.append(el('h3', {}, t('Key Binding JWT')), el('p', { class: 'muted' }, ins.keyBinding.detail ?? ins.keyBinding.message), jsonBlock(ins.keyBinding.payload));
  if (ins.dpop) {
    view.append(el('h3', {}, t('DPoP proof')), el('p', { class: 'muted' }, `${ins.dpop.message} ${ins.dpop.detail ?? ''}`.trim()));
    if (ins.dpop.checks?.length) view.append(checkList(ins.dpop.checks, 'dpopChecks'));
  }
}

function jsonBlock(value: unknown): HTMLElement {
  return el('pre', { class: 'json' }, JSON.stringify(value ?? {}, null, 2));
}
