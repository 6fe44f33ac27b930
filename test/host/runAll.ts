/**
 * `npm test`: every layer, in order, on the offline test host (installed on first use by setup.sh):
 *   typecheck (tsc) → lint (eslint) → dependencies (depcruise) → unit (mocha, Node) → interop (PyJWT, jsonwebtoken) →
 *   integration (mocha inside a real VS Code extension host; then again on a multi-root workspace) → e2e (the real workbench in chromium).
 * Ends with one line "N passed, N failed, N skipped" over all test layers; exits 1 when anything failed.
 * Run one layer with `npm test -- --only unit` (names as above).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RESULTS_DIR } from './reporter';

const REPO = path.resolve(__dirname, '..', '..', '..');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : undefined;
const bin = (name: string) => path.join(REPO, 'node_modules', '.bin', name);
const mocha = (layer: string, glob: string, timeout: number) => [bin('mocha'), '--reporter', path.join(REPO, 'out/test/host/reporter.js'), '--reporter-option', `layer=${layer}`, '--timeout', String(timeout), glob];

const steps: { name: string; cmd: string[]; counts?: boolean }[] = [
  { name: 'setup', cmd: ['bash', 'test/host/setup.sh'] },
  { name: 'typecheck', cmd: [bin('tsc'), '-p', '.'] },
  { name: 'lint', cmd: [bin('eslint'), '--max-warnings', '0', '.'] },
  // The house's rules (.dependency-cruiser.cjs): no import circles, no import from a lower floor to a higher one.
  { name: 'dependencies', cmd: [bin('depcruise'), 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'] },
  { name: 'unit', cmd: mocha('unit', 'out/test/unit/**/*.test.js', 20000), counts: true },
  { name: 'interop', cmd: mocha('interop', 'out/test/interop/**/*.test.js', 60000), counts: true },
  { name: 'integration', cmd: ['node', 'out/test/host/runIntegration.js'], counts: true },
  { name: 'multiroot', cmd: ['node', 'out/test/host/runIntegration.js', '--suite', 'multiroot'], counts: true },
  { name: 'e2e', cmd: mocha('e2e', 'out/test/e2e/**/*.test.js', 180000), counts: true },
];

fs.rmSync(RESULTS_DIR, { recursive: true, force: true });
const failedSteps: string[] = [];
const t0 = Date.now();
for (const step of steps) {
  if (only && !only.includes(step.name) && step.name !== 'setup') continue;
  const started = Date.now();
  console.log(`\n=== ${step.name} ===`);
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { cwd: REPO, stdio: 'inherit', env: { ...process.env, TEST_LAYER: step.name } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) failedSteps.push(step.name);
  console.log(`=== ${step.name}: ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${secs}s ===`);
  if (step.name === 'setup' && r.status !== 0) break;
}

let passed = 0;
let failed = 0;
let skipped = 0;
console.log('\n=== summary ===');
for (const step of steps.filter((s) => s.counts)) {
  const f = path.join(RESULTS_DIR, `${step.name}.json`);
  if (!fs.existsSync(f)) {
    if (!only || only.includes(step.name)) console.log(`${step.name}: no results${failedSteps.includes(step.name) ? ' (the layer failed before reporting)' : ''}`);
    continue;
  }
  const r = JSON.parse(fs.readFileSync(f, 'utf8'));
  console.log(`${step.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
}
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(', ')}`);
console.log(`total time ${((Date.now() - t0) / 1000).toFixed(0)}s`);
// A layer that died without reporting counts as a failure in the closing line.
if (failedSteps.length && failed === 0) failed = failedSteps.length;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
