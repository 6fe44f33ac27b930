// Attacks by a token's author and a repository on the editor's entry points, each through the real provider.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { CompactEncrypt } from 'jose';
import * as vscode from 'vscode';
import { closeAllEditors, editorWith, fsPath } from './helpers';

// appendText writes spaces as &nbsp;: read the hover back as the text a person sees.
const hoverText = (hovers: vscode.Hover[]) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/&nbsp;/g, ' ');

describe('red team: the editor never says "verified" for what no key of the user\'s verified', function () {
  this.timeout(60000);
  let envBefore: string | undefined;
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });

  before(async () => {
    await vscode.extensions.getExtension('jwt-workbench.jwt-workbench')!.activate();
    envBefore = fs.existsSync(fsPath('.env')) ? fs.readFileSync(fsPath('.env'), 'utf8') : undefined;
    const pem = (privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).trim();
    fs.writeFileSync(fsPath('.env'), `JWT_SECRET="${pem}"\n`);
  });
  after(async () => {
    if (envBefore === undefined) fs.rmSync(fsPath('.env'), { force: true });
    else fs.writeFileSync(fsPath('.env'), envBefore);
    await closeAllEditors();
  });

  it('the hover of an expired JWE that anyone encrypted to the user\'s public key does not say "signature verified"', async () => {
    // Anyone holding the public key can make this token: decrypting it proves nothing about who wrote the claims.
    const claims = { sub: 'admin', role: 'superuser', exp: Math.floor(Date.now() / 1000) - 3600 };
    const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }).encrypt(publicKey);
    const editor = await editorWith('jwe.txt', `token = ${jwe}\n`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 20));
    const text = hoverText(hovers);
    assert.match(text, /JWE/, text);
    assert.match(text, /expired/, text);
    assert.doesNotMatch(text, /verified/i, text);
    // The inspector's verdict (the same entry point's command) is not one that says the signature held either.
    const ins = await vscode.commands.executeCommand<{ verdict: string; detail?: string }>('jwtWorkbench.inspectToken', jwe, editor.document.uri.toString());
    assert.equal(ins?.verdict, 'unverified');
    assert.match(ins?.detail ?? '', /expired/, 'the expiry is still said');
  });
});
