/**
 * The multi-root integration entry: the extension host opens test/fixtures/multiroot/multi.code-workspace (folders
 * "api" and "web", each with its own settings and .env). `runIntegration.js --suite multiroot`.
 */
import { runSuite } from '../suite';

export function run(): Promise<void> {
  return runSuite(__dirname, 'multiroot');
}
