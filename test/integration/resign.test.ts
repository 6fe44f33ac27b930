// Issue 20.2 — the .http Re-sign lens is no signing oracle: it re-signs only a token that verifies with a key of the
// user's under the plain JWS rules, with that very key, for at most the configured lifetime, after asking once per file.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { decodeToken, inspectToken, signToken } from '../../src/core';
import { closeAllEditors, fsPath, withWorkspaceSettings } from './helpers';

const SECRET = crypto.randomBytes(32).toString('hex');
const now = () => Math.floor(Date.now() / 1000);
const YEAR = 365 * 86400;
const ecJwk = () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
const pub = ({ d: _d, ...rest }: Record<string, unknown>) => rest;

/** The modals the extension asked since the last call; `answers` are given, in order, to the next ones. */
const modals = (answers: (string | undefined)[] = []) => vscode.commands.executeCommand<{ message: string; detail?: string }[]>('jwtWorkbench.test.modals', answers);

let files = 0;
async function httpFile(tokens: string[]): Promise<vscode.TextDocument> {
  const name = `resign-${++files}.http`;
  fs.writeFileSync(fsPath(name), tokens.map((t, i) => `### ${i}\nGET http://127.0.0.1:8000/api/me\nAuthorization: Bearer ${t}\n`).join('\n'));
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(fsPath(name)));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** The Re-sign lenses of `doc` once `resolved` of them have their titles, by line (line of token i is 4 * i + 2). */
async function resignLenses(doc: vscode.TextDocument, resolved: number): Promise<Map<number, vscode.Command>> {
  let lenses: vscode.CodeLens[] = [];
  for (let i = 0; i < 100; i++) {
    lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 20)).filter((l) => l.command?.command === 'jwtWorkbench.resignHttpToken');
    if (lenses.length >= resolved) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return new Map(lenses.map((l) => [l.range.start.line, l.command!]));
}

const run = (c: vscode.Command) => vscode.commands.executeCommand<string | undefined>(c.command, ...(c.arguments ?? []));

describe('the Re-sign lens is no signing oracle (20.2)', () => {
  const a = { ...ecJwk(), kid: 'a' };
  const b = { ...ecJwk(), kid: 'b' };
  const attacker = ecJwk();
  let control = '';
  before(async () => {
    fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${SECRET}\n`);
    fs.writeFileSync(fsPath('resign-set.jwks'), JSON.stringify({ keys: [a, b] }));
    const id = await vscode.commands.executeCommand<string>('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath('resign-set.jwks')) });
    assert.ok(id, 'the key set is a key source');
    const t = now();
    control = await signToken({ sub: 'control', iat: t - 7200, exp: t - 3600 }, SECRET);
    await modals(); // forget what earlier tests were asked
  });
  after(async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id: `file:${vscode.Uri.file(fsPath('resign-set.jwks')).toString()}` });
    fs.rmSync(fsPath('.env'), { force: true });
  });

  it('20.2 a dpop+jwt token with its own jwk (kid naming a member of my key set) gets no lens, and the command refuses', async () => {
    const t = now();
    const claims = { sub: 'admin', role: 'superuser', iat: t - 10 * YEAR - 3600, exp: t - 3600 };
    const dpop = await signToken(claims, { jwk: attacker }, { alg: 'ES256', header: { typ: 'DPoP+JWT', jwk: pub(attacker), kid: 'a' } });
    const jku = await signToken({ sub: 'alice', iat: t - 7200, exp: t - 3600 }, { jwk: a }, { alg: 'ES256', header: { jku: 'https://attacker.example/jwks.json', kid: 'a' } });
    const doc = await httpFile([control, dpop, jku]);
    const lenses = await resignLenses(doc, 1);
    assert.ok(lenses.get(2)?.title.startsWith('Re-sign'), 'the control token, signed with the .env secret, has its lens');
    assert.equal(lenses.get(6), undefined, `no lens for a token that brings its own key: ${lenses.get(6)?.title}`);
    assert.equal(lenses.get(10), undefined, `no lens for a token that names a key location (jku): ${lenses.get(10)?.title}`);
    // The command, called as the lens would call it, refuses too.
    assert.equal(await vscode.commands.executeCommand('jwtWorkbench.resignHttpToken', doc.uri.toString(), 6, dpop), undefined);
    assert.equal(doc.lineAt(6).text, `Authorization: Bearer ${dpop}`);
    assert.deepEqual(await modals(), [], 'nothing was offered for signing');
  });

  it('20.2 the key that verified the old token signs the new one: a set member is never chosen by position or kid', async () => {
    const t = now();
    // Signed by member b, with no kid: today the first private member of the set (a) would sign the copy.
    const { kid: _k, ...bNoKid } = b;
    const token = await signToken({ sub: 'bob', iat: t - 7200, exp: t - 3600 }, { jwk: bNoKid }, { alg: 'ES256' });
    assert.equal(decodeToken(token).header?.kid, undefined);
    const doc = await httpFile([token]);
    const lens = (await resignLenses(doc, 1)).get(2);
    assert.ok(lens?.title.startsWith('Re-sign'), lens?.title);
    await modals(['Re-sign']);
    const fresh = await run(lens!);
    assert.ok(fresh);
    assert.deepEqual(decodeToken(fresh).header, decodeToken(token).header, 'the same header: no kid added');
    assert.equal((await inspectToken(fresh, { key: { jwk: pub(b) } })).verdict, 'verified', 'signed by b, the key that verified the old token');
    assert.notEqual((await inspectToken(fresh, { key: { jwk: pub(a) } })).verdict, 'verified');
  });

  it('20.2 the new lifetime is at most the jwtWorkbench.lifetime setting of .vscode/settings.json', async () => {
    await withWorkspaceSettings({ 'jwtWorkbench.lifetime': '1h' }, async () => {
      const t = now();
      const token = await signToken({ sub: 'alice', iat: t - 10 * YEAR - 60, exp: t - 60 }, SECRET);
      const doc = await httpFile([token]);
      const lens = (await resignLenses(doc, 1)).get(2)!;
      await modals(['Re-sign']);
      const fresh = await run(lens);
      assert.ok(fresh);
      const p = decodeToken(fresh).payload as Record<string, number>;
      assert.equal(p.exp - p.iat, 3600, 'ten years became the one hour of the setting');
    });
  });

  it('20.2 the first Re-sign in a file shows the claims it will sign and asks; No changes nothing; then it asks no more in that file', async () => {
    const t = now();
    const one = await signToken({ sub: 'carol', role: 'admin', iat: t - 7200, exp: t - 3600 }, SECRET);
    const two = await signToken({ sub: 'dave', iat: t - 7200, exp: t - 3600 }, SECRET);
    const doc = await httpFile([one, two]);
    let lenses = await resignLenses(doc, 2);
    await modals([undefined]); // dismissed
    assert.equal(await run(lenses.get(2)!), undefined);
    const asked = await modals();
    assert.equal(asked.length, 1, 'one modal');
    assert.match(asked[0].message, /Re-sign/);
    assert.match(asked[0].detail ?? '', /"role": "admin"/, 'the claims it would sign');
    assert.match(asked[0].detail ?? '', /"sub": "carol"/);
    assert.equal(doc.lineAt(2).text, `Authorization: Bearer ${one}`, 'dismissed: nothing replaced');
    await modals(['Re-sign']);
    assert.ok(await run(lenses.get(2)!));
    assert.equal((await modals()).length, 1);
    lenses = await resignLenses(doc, 2);
    assert.ok(await run(lenses.get(6)!), 'the second token of the same file');
    assert.deepEqual(await modals(), [], 'not asked again in this file');
  });
});
