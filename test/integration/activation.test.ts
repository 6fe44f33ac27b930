// Issue 16: libraries that only rare paths need load on first use, not at activation. Runs first (files run in name
// order), so nothing has read a JSON5 payload in this extension host yet.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { signToken } from '../../src/core';
import { closeAllEditors, editorWith, fsPath, inspectorView } from './helpers';

/** Whether the extension host has loaded the extension's own JSON5 file (dist/json5.js). */
const json5Loaded = () => Object.keys(require.cache).some((k) => /[\\/]dist[\\/]json5\.js$/.test(k));
/** Whether it has loaded the X.509 library (dist/pkijs.js), which only tokens with an x5c chain need. */
const pkijsLoaded = () => Object.keys(require.cache).some((k) => /[\\/]dist[\\/]pkijs\.js$/.test(k));
/** Whether it has loaded our own code that only rarer commands and tokens need (dist/lazy.js). */
const lazyLoaded = () => Object.keys(require.cache).some((k) => /[\\/]dist[\\/]lazy\.js$/.test(k));
/** The extension's own bundles (dist/*.js) the extension host has loaded, by file name. */
const distLoaded = (ext: vscode.Extension<unknown>) => {
  const dist = vscode.Uri.joinPath(ext.extensionUri, 'dist').fsPath;
  return Object.keys(require.cache).filter((k) => k.startsWith(dist) && /\.js$/.test(k)).map((k) => k.slice(dist.length + 1).replace(/\\/g, '/')).sort();
};
const SECRET = 'a'.repeat(64);

describe('activation stays lean (issues 16.4, 21.5)', () => {
  before(async () => {
    fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${SECRET}\n`);
  });
  after(async () => {
    await closeAllEditors();
    fs.rmSync(fsPath('.env'), { force: true });
  });

  it('activating, a first hover and a first verify load neither dist/lazy.js nor json5 (21.5); signing loads dist/lazy.js, and works', async () => {
    // The extension host's Node warns once per process: this file runs first, so its verifies are the first ones.
    const warnings: string[] = [];
    const onWarning = (w: Error & { code?: string }) => warnings.push(`${w.code ?? w.name}: ${w.message}`);
    process.on('warning', onWarning);
    after(() => process.off('warning', onWarning));
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'jwt-workbench')!;
    await ext.activate();
    assert.ok(fs.existsSync(vscode.Uri.joinPath(ext.extensionUri, 'dist', 'lazy.js').fsPath), 'the build ships the rarer code as its own file');
    assert.equal(lazyLoaded(), false, 'dist/lazy.js is not loaded by activation');
    assert.deepEqual(distLoaded(ext), ['extension.js'], 'activation loads dist/extension.js and nothing else of ours');
    // What a first hover or verify does not need is not in what activation parses (21.5): Problems are off by default,
    // jose's own JWS check only runs for what the direct signature path declines, and the inspector's token actions
    // (save a secret, sign, copy, insert, encrypt) wait for a click.
    const activation = fs.readFileSync(vscode.Uri.joinPath(ext.extensionUri, 'dist', 'extension.js').fsPath, 'utf8');
    for (const [what, marker] of [['the expired-token Problems', 'expired-capped'], ["jose's compact JWS verification", 'Invalid Compact JWS'], ["the inspector's token actions", 'Save the secret to SecretStorage']]) {
      assert.ok(!activation.includes(marker), `${what} is not in dist/extension.js`);
      assert.ok(fs.readFileSync(vscode.Uri.joinPath(ext.extensionUri, 'dist', 'lazy.js').fsPath, 'utf8').includes(marker), `${what} is in dist/lazy.js`);
    }
    const token = await signToken({ user: 'alice', iss: 'https://issuer.example' }, SECRET, { lifetime: '1h' });
    const editor = await editorWith('token.txt', token);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 20));
    const hover = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    assert.match(hover.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1'), /signature verified with \.env JWT_SECRET/, 'the hover verified it');
    await vscode.commands.executeCommand('jwtWorkbench.inspectSelection');
    assert.equal((await inspectorView())?.inspection?.verdict, 'verified');
    assert.equal(lazyLoaded(), false, 'nor by a first hover and a first verify (no profile checks, no signing, no JWKS rules, no SSH key parsing)');
    assert.deepEqual(distLoaded(ext), ['extension.js'], 'a first hover and a first verify need nothing but dist/extension.js (jose\'s own JWS check waits in dist/lazy.js)');
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(warnings, [], 'checking a signature with node:crypto warns of nothing (a non-extractable CryptoKey handed to KeyObject.from() is deprecated)');
    await editorWith('strict.json.txt', '{"user": "alice"}');
    const signed = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
    assert.ok(signed, 'Sign Selection, read from dist/lazy.js, signs');
    assert.equal(lazyLoaded(), true, 'loaded on first use');
    assert.ok(fs.existsSync(vscode.Uri.joinPath(ext.extensionUri, 'dist', 'json5.js').fsPath), 'the build ships json5 as its own file');
    assert.equal(json5Loaded(), false, 'not loaded by signing strict JSON or by verifying');
    assert.ok(fs.existsSync(vscode.Uri.joinPath(ext.extensionUri, 'dist', 'pkijs.js').fsPath), 'the build ships pkijs as its own file');
    assert.equal(pkijsLoaded(), false, 'the X.509 library is not loaded by activation or by verifying a token without x5c');
    await editorWith('loose.txt', "{user: 'bob', admin: True,}");
    const loose = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
    assert.ok(loose, 'a JSON5 / Python payload still signs');
    assert.equal(json5Loaded(), true, 'loaded on first use');
    // A profile's checks are read from dist/lazy.js when a token needs them, and still apply.
    const at = await signToken({ sub: 'alice', aud: 'https://api.example.com', iss: 'https://as.example.com', jti: 'j1' }, SECRET, { header: { typ: 'at+jwt' }, lifetime: '1h' });
    await editorWith('access.txt', at);
    await vscode.commands.executeCommand('jwtWorkbench.inspectSelection');
    const view = (await inspectorView())?.inspection;
    assert.equal(view?.profile, 'at+jwt', 'an access token is recognised as one');
    assert.ok(view?.checks?.some((c) => c.name === 'required claims' && c.status === 'failed' && /client_id/.test(c.message)), `RFC 9068's required client_id is checked: ${JSON.stringify(view?.checks)}`);
    assert.notEqual(view?.verdict, 'verified', 'an access token without a required claim is not verified');
  });
});
