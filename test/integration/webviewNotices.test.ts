// The panel's notices say what they are about in a typed field: the webview flashes "Copied" on the button the user
// clicked because the notice is flagged as a copy, never because its (localized) text begins with "Copied".
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { signToken } from '../../src/core';
import type { ToWebview } from '../../src/protocol';
import { fromWebview } from './harness';

const OPTIONS = { issuer: '', audience: '', leeway: 0, at: '' };
const notices = (posted: ToWebview[]) => posted.filter((m) => m.type === 'notice');

describe('the inspector panel\'s notices carry what they are about', () => {
  it('a copy\'s notice is flagged as a copy; its error and other notices are not', async () => {
    await vscode.commands.executeCommand('jwtWorkbench.openInspector');
    await fromWebview({ type: 'inspect', token: 'not a token', keySource: '', options: OPTIONS });
    const refused = notices(await fromWebview({ type: 'copy', what: 'token' }));
    assert.equal(refused.length, 1, JSON.stringify(refused));
    assert.equal(refused[0].level, 'error');
    assert.equal((refused[0] as { copied?: boolean }).copied, undefined);
    // Copying needs a token-shaped text, not a verified one.
    const token = await signToken({ sub: 'notice', n: crypto.randomUUID() }, crypto.randomBytes(32).toString('hex'));
    await fromWebview({ type: 'inspect', token, keySource: '', options: OPTIONS });
    for (const what of ['token', 'header', 'payload', 'bearer'] as const) {
      const copied = notices(await fromWebview({ type: 'copy', what }));
      assert.equal(copied.length, 1, JSON.stringify(copied));
      assert.deepEqual({ level: copied[0].level, copied: (copied[0] as { copied?: boolean }).copied }, { level: 'info', copied: true }, what);
    }
  });
});
