// Issue 16: libraries that only rare paths need load on first use, not at activation. Runs first (files run in name
// order), so nothing has read a JSON5 payload in this extension host yet.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, editorWith, fsPath } from './helpers';

/** Whether the extension host has loaded the extension's own JSON5 file (dist/json5.js). */
const json5Loaded = () => Object.keys(require.cache).some((k) => /[\\/]dist[\\/]json5\.js$/.test(k));
/** Whether it has loaded the X.509 library (dist/pkijs.js), which only tokens with an x5c chain need. */
const pkijsLoaded = () => Object.keys(require.cache).some((k) => /[\\/]dist[\\/]pkijs\.js$/.test(k));

describe('activation stays lean (issue 16.4)', () => {
  before(async () => {
    fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${'a'.repeat(64)}\n`);
  });
  after(async () => {
    await closeAllEditors();
    fs.rmSync(fsPath('.env'), { force: true });
  });

  it('activating, verifying and signing strict JSON never load json5; a JSON5 payload loads it then, and signs', async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'jwt-workbench')!;
    await ext.activate();
    assert.ok(fs.existsSync(vscode.Uri.joinPath(ext.extensionUri, 'dist', 'json5.js').fsPath), 'the build ships json5 as its own file');
    assert.equal(json5Loaded(), false, 'not loaded by activation');
    await editorWith('strict.json.txt', '{"user": "alice"}');
    const token = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
    assert.ok(token);
    await editorWith('token.txt', token);
    await vscode.commands.executeCommand('jwtWorkbench.inspectSelection');
    assert.equal(json5Loaded(), false, 'not loaded by signing strict JSON or by verifying');
    assert.ok(fs.existsSync(vscode.Uri.joinPath(ext.extensionUri, 'dist', 'pkijs.js').fsPath), 'the build ships pkijs as its own file');
    assert.equal(pkijsLoaded(), false, 'the X.509 library is not loaded by activation or by verifying a token without x5c');
    await editorWith('loose.txt', "{user: 'bob', admin: True,}");
    const loose = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
    assert.ok(loose, 'a JSON5 / Python payload still signs');
    assert.equal(json5Loaded(), true, 'loaded on first use');
  });
});
