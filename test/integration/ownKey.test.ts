// A token never supplies its own trust (issue 20.1), through the real entry points: a DPoP-typed token signed by the
// key in its own header, with claims of its author's choosing, opened from a vscode:// URI, hovered in a file, pasted
// into the inspector — never "verified", and every text names the key actually used, never the .env secret.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { SignJWT } from 'jose';
import * as vscode from 'vscode';
import type { Inspection } from '../../src/core';
import { DEFAULT_VERIFY_OPTIONS, type InspectorView } from '../../src/protocol';
import { closeAllEditors, editorWith, fsPath, inspectorView } from './helpers';
import { fromWebview } from './harness';

const SECRET = crypto.randomBytes(32).toString('hex');
const author = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const now = () => Math.floor(Date.now() / 1000);
const hoverText = async (uri: vscode.Uri, pos: vscode.Position) =>
  ((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos)) ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n').replace(/&nbsp;/g, ' ');

/** Signed by the key in its own header: anyone can make one, with any claims. */
function selfKeyed(claims: Record<string, unknown> = {}, typ = 'dpop+jwt'): Promise<string> {
  return new SignJWT({ sub: 'admin', role: 'admin', jti: crypto.randomUUID(), htm: 'GET', htu: 'https://api.example.com/admin', iat: now(), ...claims })
    .setProtectedHeader({ alg: 'ES256', typ, jwk: author.publicKey.export({ format: 'jwk' }) })
    .sign(author.privateKey);
}

async function viewWith(token: string): Promise<InspectorView> {
  for (let i = 0; i < 100; i++) {
    const v = await inspectorView();
    if (v?.inspection?.token === token) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the inspector never showed the token');
}

/** What the panel says by the banner about where the token on display came from (its origin note), as a list. */
const notices = async () => {
  const note = (await inspectorView())?.originNote;
  return note ? [note] : [];
};

describe('a token never supplies its own trust, and hostile disclosures are shown for what they are (issue 20.1, 20.10)', function () {
  this.timeout(60000);
  before(() => fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${SECRET}\n`));
  after(async () => {
    await closeAllEditors();
    fs.rmSync(fsPath('.env'), { force: true });
  });

  it('20.1 from a vscode:// URI: proof of possession, the key line names the proof\'s header key, and the notice never says "verified with your key"', async () => {
    const proof = await selfKeyed();
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(`${vscode.env.uriScheme}://jwt-workbench.jwt-workbench/inspect?token=${proof}`));
    const view = await viewWith(proof);
    assert.equal(view.origin, 'uri');
    assert.equal(view.inspection?.verdict, 'possession', view.inspection?.detail);
    assert.match(view.inspection!.message, /not verified with any key of yours/);
    assert.match(view.keySource ?? '', /proof's own header/);
    assert.doesNotMatch(view.keySource ?? '', /JWT_SECRET/);
    let said: string | undefined;
    for (let i = 0; i < 50 && !said; i++, await new Promise((r) => setTimeout(r, 50))) said = (await notices()).reverse().find((n) => n.startsWith('From a URI'));
    assert.ok(said, 'the URI notice was said');
    assert.doesNotMatch(said, /verified with your key/);
    assert.match(said, /not verified with any key of yours/);
  });

  it('20.1 from a vscode:// URI: an ordinary token the .env secret verifies is said to be verified with it, by name', async () => {
    const { signToken } = await import('../../src/core');
    const token = await signToken({ sub: 'alice' }, SECRET);
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(`${vscode.env.uriScheme}://jwt-workbench.jwt-workbench/inspect?token=${token}`));
    const view = await viewWith(token);
    assert.equal(view.inspection?.verdict, 'verified');
    let said: string | undefined;
    for (let i = 0; i < 50 && !said; i++, await new Promise((r) => setTimeout(r, 50))) said = (await notices()).reverse().find((n) => n.startsWith('From a URI') && n.includes('.env JWT_SECRET'));
    assert.ok(said, 'the notice names the key that verified it');
  });

  it('20.1 the hover over such a token never says "signature verified with .env JWT_SECRET"; it names the header key', async () => {
    const proof = await selfKeyed();
    const editor = await editorWith('request.txt', `DPoP: ${proof}\n`, '');
    const text = await hoverText(editor.document.uri, new vscode.Position(0, 20));
    assert.match(text, /\*\*DPoP proof\*\* · ES256/);
    assert.doesNotMatch(text, /verified with \.env JWT\\?_SECRET/);
    assert.match(text, /signed by the key in the proof's own header .*— not verified with any key of yours/);
    // The same token typed JWT: the .env secret cannot check an ES256 token, and the hover says so (as the inspector).
    const plain = await selfKeyed({}, 'JWT');
    const other = await editorWith('plain.txt', `token=${plain}\n`, '');
    const plainText = await hoverText(other.document.uri, new vscode.Position(0, 20));
    assert.match(plainText, /signature not checked — Not verified: no ES256 key/);
    assert.doesNotMatch(plainText, /verified with/);
  });

  it('20.1 the Re-sign lens does not take an expired token signed by its own header key for one of the user\'s', async () => {
    await inspectorView(); // the extension is active (code-server knows no "http" language to activate it)
    const t = now();
    const expired = await selfKeyed({ iat: t - 3 * 3600, exp: t - 2 * 3600 });
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file((fs.writeFileSync(fsPath('own.http'), `### me\nGET http://127.0.0.1:8000/api/admin\nAuthorization: Bearer ${expired}\n`), fsPath('own.http'))));
    try {
      await vscode.window.showTextDocument(doc);
      let lenses: vscode.CodeLens[] = [];
      for (let i = 0; i < 50 && !lenses.some((l) => l.command); i++) {
        lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10)).filter((l) => l.command?.command === 'jwtWorkbench.resignHttpToken');
        await new Promise((r) => setTimeout(r, 100));
      }
      // A header that brings its own key gets no lens at all (20.2), not even one saying no key of yours verifies it.
      lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10)).filter((l) => l.command?.command === 'jwtWorkbench.resignHttpToken');
      assert.deepEqual(lenses.map((l) => l.command!.title), []);
    } finally {
      await closeAllEditors();
      fs.rmSync(fsPath('own.http'), { force: true });
    }
  });

  it('20.1 pasted into the inspector: the state says possession and names the header key; as an SD-JWT\'s issuer JWT it is refused', async () => {
    const proof = await selfKeyed();
    await vscode.commands.executeCommand('jwtWorkbench.openInspector');
    const selected = (await inspectorView())!.selectedKeySource;
    await fromWebview({ type: 'inspect', token: proof, keySource: selected, options: { ...DEFAULT_VERIFY_OPTIONS, issuer: 'https://as.example.com' } });
    const view = await viewWith(proof);
    // The panel keeps its options: the next tests start from the defaults again.
    await fromWebview({ type: 'inspect', token: proof, keySource: selected, options: DEFAULT_VERIFY_OPTIONS });
    assert.equal(view.inspection?.verdict, 'possession');
    assert.match(view.keySource ?? '', /proof's own header/);
    assert.equal(view.inspection?.checks?.find((c) => c.name === 'expected issuer')?.status, 'not-checked', 'the expected issuer is said to be not applicable');
    const sd = `${await selfKeyed({ _sd_alg: 'sha-256' })}~`;
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectToken', sd);
    // Checked with the .env secret, which cannot check an ES256 token: not verified, and never by its own key.
    assert.equal(ins.verdict, 'unverified', ins.detail);
    assert.match(ins.detail ?? '', /no signature was checked/);
    assert.equal(ins.ownKey, undefined);
    assert.equal((await inspectorView())?.keySource, '.env JWT_SECRET');
  });

  it('20.10 hostile SD-JWT disclosures through the URI handler: a disclosure 5,000 arrays deep: the token is shown with the reason (not the previous one kept), and the claims carry no prototype', async () => {
    const { signToken } = await import('../../src/core');
    const { sdDigest } = await import('../../src/core/profiles/sdJwt');
    const disclose = (name: string, json: string) => Buffer.from(`["${crypto.randomBytes(12).toString('base64url')}", "${name}", ${json}]`).toString('base64url');
    const deep = disclose('deep', '['.repeat(5000) + ']'.repeat(5000));
    const proto = disclose('__proto__', '{"role": "admin"}');
    const jwt = await signToken({ sub: 'u', _sd: [await sdDigest(deep, 'SHA-256'), await sdDigest(proto, 'SHA-256')], _sd_alg: 'sha-256' }, SECRET, { lifetime: '1h' });
    const token = `${jwt}~${deep}~${proto}~`;
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(`${vscode.env.uriScheme}://jwt-workbench.jwt-workbench/inspect?token=${token}`));
    const view = await viewWith(token);
    const ins = view.inspection!;
    assert.equal(ins.verdict, 'claim-mismatch', ins.detail);
    assert.match(ins.detail!, /nested more than 200 levels deep/);
    const payload = ins.payload as Record<string, unknown>;
    assert.equal(payload.role, undefined, 'a disclosed "__proto__" is no prototype');
    assert.ok(ins.claims.some((c) => c.name === '__proto__' && c.disclosed));
  });
});
