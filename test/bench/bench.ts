/**
 * `npm run bench`: JWT Workbench's core against baselines run in the same process, reported as ratios — never as
 * wall-clock limits. Baselines: raw node:crypto (the floor: one HMAC or one signature, nothing else) and
 * jsonwebtoken (what users would pick instead). `--write` also writes docs/benchmarks.md. `--short` (what CI runs, so that
 * the bench can never silently break) runs every section briefly and on smaller inputs: ratios printed, nothing asserted.
 */
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import jwt from 'jsonwebtoken';
import { findTokens, inspectToken, KeyCache, signToken, SIGNING_ALGS, whichKeySigned, type KeyCandidate, type SigningAlg } from '../../src/core';
import { nodeVerifier } from '../../src/hostVerifier';
import { testKey } from '../unit/core/keyFixtures';
import { writeSection } from './doc';
import { linearTable } from './linear';
import { fmt, MIN_MS, opsPerSec, opsPerSecEach, ratio, ROUNDS, SHORT } from './measure';
import { STAGE_HEADER, stageRow } from './stages';

const REPO = path.resolve(__dirname, '..', '..', '..');
/** What jsonwebtoken (9) verifies and signs: the comparison skips the others, saying so. */
const JWT_ALGS = new Set<string>(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']);

/** One cache for the whole run, as the extension keeps one for its lifetime, with the Node extension host's verifier. */
const cache = new KeyCache(16, nodeVerifier());

function nodeSign(alg: SigningAlg, key: string): (input: string) => string {
  const hash = `sha${alg.slice(2)}`;
  if (alg.startsWith('HS')) return (input) => crypto.createHmac(hash, key).update(input).digest('base64url');
  const keyObj = crypto.createPrivateKey(key);
  if (alg === 'EdDSA' || alg === 'Ed25519') return (input) => crypto.sign(null, Buffer.from(input), keyObj).toString('base64url');
  const opts = alg.startsWith('PS') ? { key: keyObj, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 } : alg.startsWith('ES') ? { key: keyObj, dsaEncoding: 'ieee-p1363' as const } : keyObj;
  return (input) => crypto.sign(hash, Buffer.from(input), opts).toString('base64url');
}

function nodeVerify(alg: SigningAlg, key: string): (token: string) => boolean {
  const hash = `sha${alg.slice(2)}`;
  if (alg.startsWith('HS')) {
    return (token) => {
      const dot = token.lastIndexOf('.');
      const mac = crypto.createHmac(hash, key).update(token.slice(0, dot)).digest();
      const sig = Buffer.from(token.slice(dot + 1), 'base64url');
      return sig.length === mac.length && crypto.timingSafeEqual(sig, mac);
    };
  }
  const keyObj = crypto.createPublicKey(key);
  const opts = alg.startsWith('PS') ? { key: keyObj, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 } : alg.startsWith('ES') ? { key: keyObj, dsaEncoding: 'ieee-p1363' as const } : keyObj;
  return (token) => {
    const dot = token.lastIndexOf('.');
    return crypto.verify(alg === 'EdDSA' || alg === 'Ed25519' ? null : hash, Buffer.from(token.slice(0, dot)), opts, Buffer.from(token.slice(dot + 1), 'base64url'));
  };
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const out = (l = '') => {
    console.log(l);
    lines.push(l);
  };
  out(`# Benchmarks`);
  out();
  out(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length} (load average ${os.loadavg()[0].toFixed(1)} at the start), ${new Date().toISOString().slice(0, 10)}. Ops/s (higher is better);`);
  out(`ratios > 1× mean JWT Workbench is faster than the baseline. Each figure is the best of ${ROUNDS} runs of ${MIN_MS} ms after a warm-up, all in one process;`);
  out(`in the algorithm table the rounds of ours, jsonwebtoken and node:crypto alternate, so that each best comes from the same moments of a shared machine.`);
  out(`"ours" = \`signToken\` / \`inspectToken\` from src/core: key read from the same PEM/secret text every call (through a \`KeyCache\` with node:crypto's verifier, as the Node extension host makes it), default claims,`);
  out(`claim checks, warnings. node:crypto = one raw HMAC or signature on the same input, nothing else (the floor).`);
  out();
  out('| alg | sign ours | sign jsonwebtoken | sign node:crypto | ours / jsonwebtoken | ours / node:crypto | verify ours | verify jsonwebtoken | verify node:crypto | ours / jsonwebtoken | ours / node:crypto |');
  out('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const payload = { user: 'alice', role: 'admin', iss: 'app' };
  const skipped: string[] = [];
  const stages: string[] = [];
  for (const alg of SIGNING_ALGS.filter((a) => !a.startsWith('ML-DSA'))) {
    const k = testKey(alg);
    const priv = (alg.startsWith('HS') ? k.privates.text : k.privates.pkcs8) as string;
    const pub = (alg.startsWith('HS') ? k.publics.text : k.publics.spki) as string;
    const token = await signToken(payload, priv, { alg });
    const input = token.slice(0, token.lastIndexOf('.'));
    const jwtSupports = JWT_ALGS.has(alg);
    const ns = nodeSign(alg, priv);
    const nv = nodeVerify(alg, pub);
    if (!nv(token)) throw new Error(`node:crypto baseline does not verify ${alg}`);
    const none = () => undefined;
    const sign = await opsPerSecEach([() => signToken(payload, priv, { alg, cache }), jwtSupports ? () => jwt.sign(payload, priv, { algorithm: alg as jwt.Algorithm, expiresIn: '1d' }) : none, () => ns(input)]);
    const ver = await opsPerSecEach([() => inspectToken(token, { key: pub, cache }), jwtSupports ? () => jwt.verify(token, pub, { algorithms: [alg as jwt.Algorithm] }) : none, () => nv(token)]);
    const [signOurs, signJwt, signNode] = [sign[0], jwtSupports ? sign[1] : NaN, sign[2]];
    const [verOurs, verJwt, verNode] = [ver[0], jwtSupports ? ver[1] : NaN, ver[2]];
    const j = (n: number) => (Number.isNaN(n) ? 'n/a' : fmt(n));
    const r = (a: number, b: number) => (Number.isNaN(b) ? 'n/a' : ratio(a, b));
    out(`| ${alg} | ${fmt(signOurs)} | ${j(signJwt)} | ${fmt(signNode)} | ${r(signOurs, signJwt)} | ${ratio(signOurs, signNode)} | ${fmt(verOurs)} | ${j(verJwt)} | ${fmt(verNode)} | ${r(verOurs, verJwt)} | ${ratio(verOurs, verNode)} |`);
    if (!jwtSupports) skipped.push(alg);
    if (!SHORT || alg === 'HS256') stages.push(await stageRow(alg, token, pub, cache, nv));
  }
  out();
  out(`n/a: jsonwebtoken does not know ${skipped.join(', ')}, so the comparison skips ${skipped.length === 1 ? 'it' : 'them'}; ML-DSA is not benchmarked here (Web Crypto has it only in some runtimes).`);
  out();
  for (const l of [...STAGE_HEADER, ...stages]) out(l);
  out();

  const hs = await signToken(payload, testKey('HS256').privates.text as string);
  const decOurs = await opsPerSec(() => inspectToken(hs, { cache }));
  const decJwt = await opsPerSec(() => jwt.decode(hs, { complete: true }));
  out('| decode (no key) | ours (`inspectToken`) | jsonwebtoken (`decode`) | ours / jsonwebtoken |');
  out('| --- | ---: | ---: | ---: |');
  out(`| HS256 token | ${fmt(decOurs)} | ${fmt(decJwt)} | ${ratio(decOurs, decJwt)} |`);
  out();

  // "Which of my keys signed this?" (issue 13.4): 40 secrets, 5 RSA and 5 EC public keys; the token is signed by the
  // last secret. Against one inspection with the right key, and against node:crypto trying each secret in turn.
  const secrets = Array.from({ length: 40 }, () => crypto.randomBytes(32).toString('hex'));
  const candidates: KeyCandidate[] = [
    ...secrets.map((key, i) => ({ id: `s${i}`, label: `secret ${i}`, key })),
    ...Array.from({ length: 5 }, (_, i) => ({ id: `r${i}`, label: `rsa ${i}`, key: crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString() })),
    ...Array.from({ length: 5 }, (_, i) => ({ id: `e${i}`, label: `ec ${i}`, key: crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString() })),
  ];
  const signedByLast = await signToken(payload, secrets[39]);
  const searchOps = await opsPerSec(() => whichKeySigned(signedByLast, candidates, { cache }));
  const oneOps = await opsPerSec(() => inspectToken(signedByLast, { key: secrets[39], cache }));
  const [h64, p64, sig] = signedByLast.split('.');
  const nodeTryAll = await opsPerSec(() => secrets.find((k) => crypto.createHmac('sha256', k).update(`${h64}.${p64}`).digest('base64url') === sig));
  out('| which key signed it, 50 keys (40 secrets tried) | ms per search | one inspect with the right key, ms | search / one inspect | node:crypto HMAC over the 40 secrets, ms | ours / node:crypto |');
  out('| --- | ---: | ---: | ---: | ---: | ---: |');
  out(`| HS256 token, signed by the 40th secret | ${(1000 / searchOps).toFixed(2)} | ${(1000 / oneOps).toFixed(3)} | ${(oneOps / searchOps).toFixed(1)}× | ${(1000 / nodeTryAll).toFixed(3)} | ${(nodeTryAll / searchOps).toFixed(1)}× slower |`);
  out();

  // findTokens: a log with a token every ~2 KB, and a pathological text of long base64 runs and "eyJ" prefixes.
  const logLine = (i: number) => `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z INFO GET /api/items?page=${i} 200 ${'x'.repeat(1800)} Authorization: Bearer ${hs}\n`;
  const naive = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g;
  out('| findTokens | size | tokens | ours MB/s | naive regex MB/s | ours / regex |');
  out('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, make] of [
    ['log', (mb: number) => { let t = ''; for (let i = 0; t.length < mb * 1e6; i++) t += logLine(i); return t; }],
    ['hostile (eyJ + long base64 runs)', (mb: number) => ('eyJ' + 'A'.repeat(5000) + ' ').repeat(Math.ceil((mb * 1e6) / 5004))],
  ] as const) {
    for (const mb of SHORT ? [1] : [1, 10]) {
      const text = make(mb);
      const n = findTokens(text).length;
      const ours = (await opsPerSec(() => findTokens(text))) * (text.length / 1e6);
      const regex = (await opsPerSec(() => text.match(naive))) * (text.length / 1e6);
      out(`| ${name} | ${mb} MB | ${n} | ${fmt(ours)} | ${fmt(regex)} | ${ratio(ours, regex)} |`);
    }
  }
  out();

  // Linear time where every hover, lens, paste and file goes (test/bench/linear.ts).
  await linearTable(hs, out);
  out();

  // What the editor features do on a 10 MB log, at the core: CodeLens scans the whole text and maps each token to a
  // line; hover scans the hovered line only and inspects one token. (The integration suite prints the same in the
  // real extension host, VS Code's own round trip included.)
  const big = (() => {
    let t = '';
    for (let i = 0; t.length < (SHORT ? 2e6 : 10e6); i++) t += logLine(i);
    return t;
  })();
  const lineStarts = (text: string) => {
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  };
  const lineOf = (starts: number[], offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const codeLensMs = 1000 / (await opsPerSec(() => {
    const starts = lineStarts(big);
    return findTokens(big).slice(0, 2000).map((t) => lineOf(starts, t.start));
  }));
  const lastLine = big.slice(big.lastIndexOf('\n', big.length - 2) + 1);
  const hoverMs = 1000 / (await opsPerSec(async () => {
    const hit = findTokens(lastLine)[0];
    return inspectToken(hit.token, { key: testKey('HS256').publics.text as string, cache });
  }));
  out(`| editor feature on a ${SHORT ? 2 : 10} MB log (core work) | ms per call |`);
  out('| --- | ---: |');
  out(`| CodeLens: scan ${SHORT ? 2 : 10} MB, map the first 2000 tokens to lines | ${codeLensMs.toFixed(1)} |`);
  out(`| hover: scan the hovered line, inspect its token with a key | ${hoverMs.toFixed(2)} |`);
  out();

  // The sizes of the real production build (esbuild.mjs: dist/extension.js is what activation loads; json5, pkijs and
  // dist/lazy.js are read on first use). --keep-out leaves the test bundles this script runs from.
  execFileSync(process.execPath, ['esbuild.mjs', '--production', '--keep-out'], { cwd: REPO, stdio: 'inherit' });
  const kib = (f: string) => `${(fs.statSync(path.join(REPO, 'dist', f)).size / 1024).toFixed(1)} KiB`;
  out(`Bundle sizes (production, minified): dist/extension.js ${kib('extension.js')} (what activation loads; goal ≤ 130 KiB), dist/lazy.js ${kib('lazy.js')}, dist/json5.js ${kib('json5.js')} and dist/pkijs.js ${kib('pkijs.js')} (each on first use), dist/webview.js ${kib('webview.js')}; the web build, one file, dist/web/extension.js ${kib('web/extension.js')}.`);
  out();
  out('Notes');
  out();
  out('- The core signs with Web Crypto (it also runs in the browser): every signature is an asynchronous job on libuv\'s thread pool,');
  out('  where node:crypto and jsonwebtoken sign synchronously. It checks signatures through the verifier its KeyCache carries:');
  out('  node:crypto, synchronously, with a KeyObject kept per imported key, in the Node extension host (src/hostVerifier.ts, measured here);');
  out('  Web Crypto in the web build. Imported keys are cached per key text, so a PEM is parsed once, not per token.');
  out('- "verify ours" is the whole `inspectToken`: decode, verify, claim checks, claim descriptions and times, warnings.');
  out('- "decode (no key)" also checks HS* tokens against the built-in list of well-known secrets (one HMAC each, in parallel) —');
  out('  the inspector\'s "signed with jwt.io\'s example secret" warning. jsonwebtoken\'s `decode` only parses; the ratio is the price of that check.');
  out('- The stage table times each of `inspectToken`\'s stages alone on the same token and key (the key already in the cache): what');
  out('  the whole costs beyond the stages is the rest (awaits, building the result); "overlapped" is what the stages add up to beyond');
  out('  the whole (a Web Crypto job runs on the thread pool while the claims are worked through). Beside the verifier\'s check: the');
  out('  same check as a Web Crypto job (what the web build pays) and the bare node:crypto call (the floor). jsonwebtoken verifies');
  out('  synchronously too, but parses the PEM on every call. A regression shows as the stage that grew.');
  out('- Linear time: every scanner and parser the editor runs on user text, on ordinary and adversarial text of one size and of 4×.');
  out('  Before the rows on "eyJ.a.b ", "header.a.b~", a token + "eyJ." and "${", findTokens took ~5 s on 2 MB of "eyJ.a.b " and');
  out('  1.2 s on an 8 MB log (it looked for an SD-JWT\'s "~" to the end of the text from every candidate), inspectToken\'s search for');
  out('  a second token ~15 min at its 1 MiB cap, and parsePythonEnv 16 s on 40,000 characters of "${". The unit suite');
  out('  (test/unit/core/hostileText.test.ts) holds their results on multi-megabyte inputs that ran past its timeout before;');
  out('  the times live here, as ratios. CodeLens, Problems and the .http lens also stop after the first 4 MiB of a file, and say so.');
  out('  Small absolute times (well under a millisecond) make noisy ratios on this shared machine.');
  out('- findTokens is one linear pass (no backtracking expression): 1 MB and 10 MB give about the same MB/s, on ordinary logs and on hostile');
  out('  text (long base64 runs, thousands of "eyJ"). The naive regex baseline is faster because it runs in native code and');
  out('  checks nothing; findTokens also decodes each candidate\'s header to reject look-alikes.');
  if (process.argv.includes('--write') && !SHORT) {
    fs.mkdirSync(path.join(REPO, 'docs'), { recursive: true });
    writeSection('core', lines.join('\n'));
    console.log('\nwrote docs/benchmarks.md (its core section)');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
