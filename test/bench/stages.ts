/**
 * Where `inspectToken`'s time goes, stage by stage, so that a regression names itself: each stage is the core's own
 * function run alone on the same token and key (the key already in the cache, as in the extension).
 */
import { compactVerify } from 'jose';
import { cleanTokenText, inspectToken, KeyCache, type SigningAlg } from '../../src/core';
import { claimFailures, claimList, warningsFor } from '../../src/core/claimChecks';
import { importForVerifying } from '../../src/core/keyImport';
import { resolveKeySet } from '../../src/core/keys';
import { applyProfile } from '../../src/core/profiles';
import { checkSignature } from '../../src/core/signature';
import { decodeJsonPart } from '../../src/core/verdicts';
import { secs } from './measure';

export async function stageRow(alg: SigningAlg, token: string, key: string, cache: KeyCache): Promise<string> {
  const opts = { key, cache };
  const ins = await inspectToken(token, opts);
  const [h, p] = token.split('.');
  const header = decodeJsonPart(h, 'header').value as Record<string, unknown>;
  const payload = decodeJsonPart(p, 'payload').value as Record<string, unknown>;
  const cryptoKey = await importForVerifying(resolveKeySet(key, cache).keys[0], alg, cache);
  const nowSec = Math.floor(Date.now() / 1000);
  const total = await secs(() => inspectToken(token, opts));
  const stages: [string, number][] = [
    ['clean + decode', await secs(() => [cleanTokenText(token), decodeJsonPart(h, 'header'), decodeJsonPart(p, 'payload')])],
    ['key lookup (cache)', await secs(() => importForVerifying(resolveKeySet(key, cache).keys[0], alg, cache))],
    ['signature (jose, cached key)', await secs(() => compactVerify(token, cryptoKey, { algorithms: [alg] }))],
    ['claims + warnings', await secs(() => [claimList(payload, nowSec), warningsFor(header, payload, opts, nowSec), claimFailures(payload, opts, nowSec)])],
    ['profile', await secs(() => applyProfile(ins, header, opts))],
  ];
  const signature = await secs(() => checkSignature(token, alg, header, opts));
  const us = (s: number) => (s * 1e6).toFixed(1);
  const pct = (s: number) => `${Math.round((s / total) * 100)}%`;
  const sum = stages.reduce((a, [, s]) => a + s, 0);
  const cells = stages.map(([, s]) => `${us(s)} (${pct(s)})`);
  return `| ${alg} | ${us(total)} | ${cells.join(' | ')} | ${us(signature)} (${pct(signature)}) | ${us(Math.max(0, total - sum))} (${pct(Math.max(0, total - sum))}) |`;
}

export const STAGE_HEADER = [
  '| inspectToken, µs per call (% of the whole) | whole | clean + decode | key lookup (cache) | signature (jose, cached key) | claims + warnings | profile | checkSignature (lookup + jose) | the rest (whole − stages) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
