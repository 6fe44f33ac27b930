// The webview is another trust domain: "Which of my keys signed this?" must not make the workspace's other .env
// variables selectable, revealable or usable for signing, and Paste from Clipboard sends only a token. Messages are
// forged through the suite's harness (test/integration/harness.ts), exactly as a compromised webview could send them.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import jwt from 'jsonwebtoken';
import * as vscode from 'vscode';
import type { InspectorView, ToWebview } from '../../src/protocol';
import { closeAllEditors, fsPath, inspectorView } from './helpers';
import { fromWebview } from './harness';

const lastView = (posted: ToWebview[]) => [...posted].reverse().find((p): p is Extract<ToWebview, { type: 'view' }> => p.type === 'view')?.view as InspectorView | undefined;
const OPTIONS = { issuer: '', audience: '', leeway: 0, at: '' };

describe('which key never widens what the webview may use (issue 20.3)', function () {
  this.timeout(60000);
  const SECRET = crypto.randomBytes(32).toString('hex');
  const STAGING = crypto.randomBytes(32).toString('hex');
  const STRIPE = `sk_live_${crypto.randomBytes(16).toString('hex')}`;
  const PROD_ID = 'env:0:STRIPE_SECRET_KEY@.env.production';
  const STAGING_ID = 'env:0:JWT_SECRET@.env.qa';
  before(() => {
    fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${SECRET}\n`);
    fs.writeFileSync(fsPath('.env.qa'), `JWT_SECRET=${STAGING}\n`);
    fs.writeFileSync(fsPath('.env.production'), `STRIPE_SECRET_KEY=${STRIPE}\nJWT_SECRET=${crypto.randomBytes(32).toString('hex')}\n`);
  });
  after(async () => {
    for (const f of ['.env', '.env.qa', '.env.production']) fs.rmSync(fsPath(f), { force: true });
    await closeAllEditors();
  });

  it('findKey, then inspect, reveal and sign naming a .env.production variable: each is refused, nothing leaks', async () => {
    const token = jwt.sign({ sub: 'u' }, crypto.randomBytes(32).toString('hex'), { algorithm: 'HS256' });
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', token);
    const before = (await inspectorView())!.selectedKeySource;
    const posted = [
      ...(await fromWebview({ type: 'findKey' })),
      ...(await fromWebview({ type: 'inspect', token, keySource: PROD_ID, options: OPTIONS })),
      ...(await fromWebview({ type: 'reveal', keySource: PROD_ID })),
      ...(await fromWebview({ type: 'sign', header: '{}', payload: '{"sub":"forged"}', alg: 'HS256', keySource: PROD_ID })),
    ];
    const view = (await inspectorView())!;
    assert.equal(view.selectedKeySource, before, 'the selection stays');
    assert.ok(!view.keySources.some((o) => o.id === PROD_ID), 'the variable is not in the picker');
    assert.ok(!posted.some((m) => m.type === 'revealed'), JSON.stringify(posted.map((m) => m.type)));
    assert.ok(!JSON.stringify(posted).includes(STRIPE), 'the value never reaches the webview');
    assert.ok(!JSON.stringify(posted).includes('.env.production STRIPE'), 'nor a key that did not sign the token');
    assert.notEqual(view.origin, 'signed', 'nothing was signed with it');
  });

  it('the search answer names the key that signed the token with a one-time handle, never its source id', async () => {
    const token = jwt.sign({ sub: 'u' }, STAGING, { algorithm: 'HS256' });
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', token);
    const view = lastView(await fromWebview({ type: 'findKey' }))!;
    const matches = view.keySearch!.matches;
    assert.equal(matches.length, 1);
    assert.equal(matches[0].label, '.env.qa JWT_SECRET');
    assert.ok(!JSON.stringify(view).includes(STAGING_ID), 'no source id of a candidate goes to the webview');
    assert.ok(!view.keySources.some((o) => o.id === STAGING_ID), 'found, but not selectable before "Use this key"');
    // A forged useKey naming the id (not the handle) does nothing.
    assert.equal(lastView(await fromWebview({ type: 'useKey', handle: STAGING_ID }))?.selectedKeySource ?? view.selectedKeySource, view.selectedKeySource);
    const used = lastView(await fromWebview({ type: 'useKey', handle: matches[0].handle }))!;
    assert.equal(used.selectedKeySource, STAGING_ID);
    assert.equal(used.inspection?.verdict, 'verified');
    assert.ok(used.keySources.some((o) => o.id === STAGING_ID), 'the key the user chose is in the picker now');
    assert.ok(!used.keySources.some((o) => o.id === PROD_ID), 'and only that one');
    // The handle is spent, and the other keys of the search stay out of reach.
    const again = lastView(await fromWebview({ type: 'useKey', handle: matches[0].handle }));
    assert.equal(again?.selectedKeySource ?? STAGING_ID, STAGING_ID);
    const posted = [...(await fromWebview({ type: 'inspect', token, keySource: PROD_ID, options: OPTIONS })), ...(await fromWebview({ type: 'reveal', keySource: PROD_ID }))];
    assert.ok(!JSON.stringify(posted).includes(STRIPE));
  });

  it('a handle is bound to the token it was found for: after another token, it chooses nothing', async () => {
    const token = jwt.sign({ sub: 'u' }, SECRET, { algorithm: 'HS256' });
    await vscode.commands.executeCommand('jwtWorkbench.inspectToken', token, undefined, 'none');
    const view = lastView(await fromWebview({ type: 'findKey' }))!;
    const handle = view.keySearch!.matches[0]?.handle;
    assert.ok(handle);
    const other = jwt.sign({ sub: 'other' }, SECRET, { algorithm: 'HS256' });
    await fromWebview({ type: 'inspect', token: other, keySource: 'none', options: OPTIONS });
    const after = lastView(await fromWebview({ type: 'useKey', handle }));
    assert.equal(after?.selectedKeySource ?? 'none', 'none');
  });
});

describe('Paste from Clipboard sends only a token (issue 20.10)', function () {
  this.timeout(30000);
  after(() => vscode.env.clipboard.writeText(''));

  it('clipboard text that holds no token is not sent to the webview', async () => {
    const secretish = `password: hunter2-${crypto.randomBytes(8).toString('hex')}`;
    await vscode.env.clipboard.writeText(secretish);
    const posted = await fromWebview({ type: 'pasteClipboard' });
    assert.ok(!JSON.stringify(posted).includes(secretish.slice(10)), JSON.stringify(posted).slice(0, 300));
    assert.ok(posted.some((m) => m.type === 'notice' && /no token/i.test(m.text)), 'says why nothing was pasted');
  });

  it('a token inside other text: only the token is sent', async () => {
    const token = jwt.sign({ sub: 'clip' }, 'k'.repeat(32), { algorithm: 'HS256' });
    const around = `curl -H 'Authorization: Bearer ${token}' https://api.example -u admin:s3cret-${crypto.randomBytes(4).toString('hex')}`;
    await vscode.env.clipboard.writeText(around);
    const posted = await fromWebview({ type: 'pasteClipboard' });
    const view = lastView(posted);
    assert.equal(view?.inspection?.token, token);
    assert.ok(!JSON.stringify(posted).includes('admin:s3cret'), 'the rest of the clipboard stays in the extension');
  });
});
