/**
 * Runs the `*.test.js` files next to an integration entry with mocha, inside the extension host, and records the
 * counts under `layer` for `npm test`'s closing line. Shared by the single-folder and the multi-root entries.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { writeResult } from '../host/reporter';

export function runSuite(dir: string, layer: string): Promise<void> {
  // JWT_TEST_GREP (a developer's filter, never set by npm test) runs only the tests whose title matches.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000, reporter: 'spec', ...(process.env.JWT_TEST_GREP ? { grep: process.env.JWT_TEST_GREP } : {}) });
  for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const s = runner.stats!;
      writeResult(layer, s.passes, s.failures, s.pending);
      if (failures > 0) reject(new Error(`${failures} ${layer} tests failed.`));
      else resolve();
    });
  });
}
