// A "Use this key" click that comes after the key sources changed (the Which-key answer on display is out of date)
// must say in the panel why it cannot be used, not only in the log. The message is posted to the real panel's
// message handler, as the webview posts it.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import jwt from 'jsonwebtoken';
import * as vscode from 'vscode';
import type { InspectorView, ToWebview } from '../../src/protocol';
import { closeAllEditors, fsPath, inspectorView } from './helpers';
import { fromWebview } from './harness';

const lastView = (posted: ToWebview[]) => [...posted].reverse().find((p): p is Extract<ToWebview, { type: 'view' }> => p.type === 'view')?.view as InspectorView | undefined;
/** What the panel says to the user after `posted`: a notice, or the status line of the view it shows. */
const said = (posted: ToWebview[]) => [...posted.flatMap((m) => (m.type === 'notice' ? [m] : [])), ...(lastView(posted)?.status ? [lastView(posted)!.status!] : [])];

describe('a stale "Use this key" click says why it cannot be used', function () {
  this.timeout(60000);
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = 'which-stale.pem';
  after(async () => {
    fs.rmSync(fsPath(name), { force: true });
    await closeAllEditors();
  });

  it('after Forget a Key Source…, the old answer\'s "Use this key" posts an error notice and chooses nothing', async () => {
    fs.writeFileSync(fsPath(name), ec.publicKey.export({ type: 'spki', format: 'pem' }) as string);
    const id = await vscode.commands.executeCommand<string>('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath(name)) });
    assert.ok(id?.startsWith('file:'));
    const token = jwt.sign({ sub: 'stale' }, ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { algorithm: 'ES256' });
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', token, undefined, 'none');
    const offered = lastView(await fromWebview({ type: 'findKey' }))!;
    const match = offered.keySearch?.matches.find((m) => m.label.includes(name));
    assert.ok(match, JSON.stringify(offered.keySearch));
    await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id });
    // Clicked at once (before the answer on display was asked again) and once more after it was.
    const first = await fromWebview({ type: 'useKey', handle: match.handle });
    for (let i = 0; i < 50 && (await inspectorView())?.keySearch?.matches.some((m) => m.label.includes(name)); i++) await new Promise((r) => setTimeout(r, 50));
    const second = await fromWebview({ type: 'useKey', handle: match.handle });
    for (const posted of [first, second]) {
      const errors = said(posted).filter((s) => s.level === 'error');
      assert.ok(errors.length, `the panel says why: ${JSON.stringify(posted.map((m) => m.type))}`);
      assert.match(errors[0].text, /can no longer be used/);
      assert.notEqual(lastView(posted)?.selectedKeySource, id, 'the forgotten key is not chosen');
    }
    const view = (await inspectorView())!;
    assert.notEqual(view.selectedKeySource, id);
    assert.ok(!view.keySources.some((s) => s.id === id), 'nor listed again');
  });
});
