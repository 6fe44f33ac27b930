/**
 * Runs the `*.test.js` files next to an integration entry with mocha, inside the extension host, and records the
 * counts under `layer` for `npm test`'s closing line. Shared by the single-folder and the multi-root entries.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { writeResult } from '../host/reporter';

export function runSuite(dir: string, layer: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000, reporter: 'spec' });
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
