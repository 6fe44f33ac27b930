/**
 * Linear time where hovers, lenses, pastes and files go: every scanner and parser the editor runs on user text, on
 * ordinary text and on adversarial text of the same size, then on 4× the text. Linear means 4× the text ≈ 4× the
 * time (the goal: within 4.5×); each adversarial shape is one that was (or could have been) quadratic.
 */
import { authorizationTokens, bracesAround, cleanTokenText, dpopPair, findTokens, guessProfile, inspectToken, parseEnv, parsePayload, parsePythonEnv, splitSdJwt, unquoteDebugValue } from '../../src/core';
import { ratio, secs, SHORT } from './measure';

type Row = [fn: string, what: string, ordinary: (n: number) => string, adversarial: (n: number) => string, run: (t: string) => unknown];

/** `unit` repeated to exactly n characters. */
const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const lines = (line: (i: number) => string, n: number) => {
  let t = '';
  for (let i = 0; t.length < n; i++) t += line(i);
  return t.slice(0, n);
};

export function linearRows(hs: string): Row[] {
  const logLine = (i: number) => `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z INFO GET /api/items?page=${i} 200 ${'x'.repeat(1800)} Authorization: Bearer ${hs}\n`;
  const denseLine = (i: number) => `10.0.0.${i % 255} - - [01/Jan/2026:00:00:00] "GET /api/items/${i} HTTP/1.1" 200 Authorization: Bearer ${hs}\n`;
  const envLine = (i: number) => `VAR_${i}="value ${i}" # comment\n`;
  const httpLine = (i: number) => (i % 3 === 0 ? `GET https://api.example/items/${i}\n` : i % 3 === 1 ? `Authorization: Bearer ${hs}\n` : '\n');
  const [h, p] = hs.split('.');
  const dense = (n: number) => lines(denseLine, n);
  const tokenThen = (unit: string) => (n: number) => hs + fill(unit, n - hs.length);
  return [
    ['parseEnv', 'runs of blank lines', (n) => lines(envLine, n), (n) => '\n'.repeat(n), parseEnv],
    ['parsePythonEnv', '"${" without "}"', (n) => lines(envLine, n), (n) => `A=${fill('${', n - 2)}`, parsePythonEnv],
    ['findTokens (sparse log: a token per 2 KB)', '"aeyJ " repeated', (n) => lines(logLine, n), (n) => fill('aeyJ ', n), findTokens],
    ['findTokens (dense log: a token per 300-char line)', '"aeyJ " repeated', dense, (n) => fill('aeyJ ', n), findTokens],
    ['findTokens (dense log)', '"eyJ.a.b " repeated', dense, (n) => fill('eyJ.a.b ', n), findTokens],
    ['findTokens (dense log)', 'header.a.b~ repeated', dense, (n) => fill(`${h}.${p}.x~ `, n), findTokens],
    ['cleanTokenText', '";" run then "x"', (n) => `Bearer ${'eyJ'.padEnd(n - 7, 'A')}`, (n) => ';'.repeat(n - 1) + 'x', cleanTokenText],
    ['cleanTokenText', 'nested quotes', (n) => `Bearer ${'eyJ'.padEnd(n - 7, 'A')}`, (n) => '"'.repeat(n / 2) + '"'.repeat(n / 2), cleanTokenText],
    ['inspectToken (no key; ordinary: a token + "A" run)', 'a token + "eyJ." run', tokenThen('A'), tokenThen('.eyJ'), inspectToken],
    ['authorizationTokens (.http lens)', '"Authorization: Bearer eyJ.a.b" lines', (n) => lines(httpLine, n), (n) => fill('Authorization: Bearer eyJ.a.b\n', n), authorizationTokens],
    ['dpopPair (paste)', '"DPoP: a" lines', (n) => lines(httpLine, n), (n) => fill('DPoP: a\n', n), dpopPair],
    ['bracesAround (Sign Selection)', '"{" run', (n) => fill('{"a": [1, "}"], "b": {"c": 2}}\n', n), (n) => '{'.repeat(n), (t) => bracesAround(t, t.length >> 1)],
    ['unquoteDebugValue (debugger)', '"\\u{" run', (n) => JSON.stringify(fill('eyJ.abc-', n - 2)), (n) => `"${fill('\\u{', n - 2)}"`, unquoteDebugValue],
    ['splitSdJwt + guessProfile (CodeLens title)', 'a token + "~" run', tokenThen('~a'), tokenThen('~'), (t) => [splitSdJwt(t), guessProfile(t)]],
    ['parsePayload (Sign Selection)', '"{" + "\'" run (JSON5 path)', (n) => `{${fill('"k": "v", ', n - 10)}"z": 1}`, (n) => `{${fill("'", n - 1)}`, (t) => parsePayload(t).catch(() => undefined)],
  ];
}

/** The table: one row per scanner; `n` characters, then 4n. */
export async function linearTable(hs: string, out: (l?: string) => void): Promise<void> {
  const n = SHORT ? 62_500 : 250_000;
  const size = SHORT ? '62.5 K / 250 K chars' : '250 K / 1 M chars';
  out('| linear time | adversarial input | size | ordinary ms | adversarial ms | adversarial / ordinary | 4× size / 1× (ordinary) | 4× size / 1× (adversarial) |');
  out('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [fn, what, ordinary, adversarial, run] of linearRows(hs)) {
    const o1 = ordinary(n), a1 = adversarial(n), o4 = ordinary(4 * n), a4 = adversarial(4 * n);
    const [to1, ta1, to4, ta4] = [await secs(() => run(o1)), await secs(() => run(a1)), await secs(() => run(o4)), await secs(() => run(a4))];
    out(`| ${fn} | ${what.replace(/\|/g, '\\|')} | ${size} | ${(to1 * 1e3).toFixed(2)} | ${(ta1 * 1e3).toFixed(2)} | ${ratio(ta1, to1)} | ${ratio(to4, to1)} | ${ratio(ta4, ta1)} |`);
  }
}
