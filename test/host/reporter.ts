/**
 * Mocha's spec reporter plus a closing line "LAYER: N passed, N failed, N skipped" and a results file that
 * runAll.ts adds up. Used by every layer, including the suite inside the extension host.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** The repository root: the nearest folder above this bundle with a package.json (bundles sit at different depths). */
function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  return path.resolve(__dirname, '..', '..', '..');
}

export const RESULTS_DIR = path.join(repoRoot(), 'test-artifacts', 'results');

export function writeResult(layer: string, passed: number, failed: number, skipped: number): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, `${layer}.json`), JSON.stringify({ layer, passed, failed, skipped }));
  console.log(`${layer}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions & { reporterOptions?: { layer?: string } }) {
    super(runner, options);
    const layer = options.reporterOptions?.layer ?? process.env.TEST_LAYER ?? 'tests';
    runner.once('end', () => {
      const s = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      writeResult(layer, s.passes, s.failures, s.pending);
    });
  }
}

// mocha require()s a reporter and calls it as a constructor: esbuild.mjs makes this default export the module itself.
export default SummaryReporter;
