/**
 * Where `inspectToken`'s time goes, stage by stage, so that a regression names itself: each stage is the core's own
 * function run alone on the same token and key (the key already in the cache, as in the extension).
 */
import { cleanTokenText, inspectToken, KeyCache, type SigningAlg } from '../../src/core';
import { claimFailures, claimList, warningsFor } from '../../src/core/token/claimChecks';
import { importForVerifying } from '../../src/core/keys/keyImport';
import { resolveKeySet } from '../../src/core/keys/resolve';
import { applyProfile } from '../../src/core/profiles';
import { verifyDirect } from '../../src/core/token/directVerify';
import { checkSignature } from '../../src/core/token/signature';
import { decodeJsonPart } from '../../src/core/token/decode';
import { secs } from './measure';

/**
 * `cache` carries the verifier the extension host uses (node:crypto); the same check as a Web Crypto job (what the web
 * build does) and `nodeVerify`, the bare node:crypto call (the floor), are timed beside it.
 */
export async function stageRow(alg: SigningAlg, token: string, key: string, cache: KeyCache, nodeVerify: (token: string) => boolean): Promise<string> {
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
    ['signature (the cache\'s verifier, cached key)', await secs(() => verifyDirect(token, alg, cryptoKey, resolveKeySet(key, cache).keys[0].material, cache.verifier))],
    ['claims + warnings', await secs(() => [claimList(payload, nowSec), warningsFor(header, payload, opts, nowSec), claimFailures(payload, opts, nowSec)])],
    ['profile', await secs(() => applyProfile(ins, header, opts))],
  ];
  const signature = await secs(() => checkSignature(token, alg, header, opts));
  const webCrypto = await secs(() => verifyDirect(token, alg, cryptoKey, resolveKeySet(key, cache).keys[0].material));
  const floor = await secs(() => nodeVerify(token));
  const us = (s: number) => (s * 1e6).toFixed(1);
  const pct = (s: number) => `${Math.round((s / total) * 100)}%`;
  const sum = stages.reduce((a, [, s]) => a + s, 0);
  const cells = stages.map(([, s]) => `${us(s)} (${pct(s)})`);
  // The signature job runs on the thread pool while the claims are worked through, so the stages may add up to more
  // than the whole: the rest is then 0, and the overlap is what the stages' sum exceeds the whole by.
  const rest = total - sum;
  return `| ${alg} | ${us(total)} | ${cells.join(' | ')} | ${us(signature)} (${pct(signature)}) | ${us(webCrypto)} (${pct(webCrypto)}) | ${us(floor)} (${pct(floor)}) | ${us(Math.max(0, rest))} (${pct(Math.max(0, rest))}) | ${us(Math.max(0, -rest))} |`;
}

export const STAGE_HEADER = [
  '| inspectToken, µs per call (% of the whole) | whole | clean + decode | key lookup (cache) | signature (node:crypto verifier, cached key) | claims + warnings | profile | checkSignature (lookup + check) | the same as a Web Crypto job (the web build) | the same, bare node:crypto | the rest (whole − stages) | overlapped (stages − whole) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
