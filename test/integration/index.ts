/**
 * The integration suite's entry, loaded by the extension host (extensionTestsPath): the same run() contract under
 * @vscode/test-electron and under the offline code-server host (test/host/runIntegration.ts). Opens on a copy of
 * test/fixtures/workspace (one folder).
 */
import { runSuite } from './suite';

export function run(): Promise<void> {
  return runSuite(__dirname, 'integration');
}
