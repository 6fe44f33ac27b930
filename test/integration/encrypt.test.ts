// Issue 26 — JWT: Encrypt Selection… through the real command: a payload or a signed token encrypted to a key source,
// put where Sign Selection puts a token, and opened in the inspector with a key source that decrypts it.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { compactDecrypt, decodeProtectedHeader, importJWK } from 'jose';
import { signToken } from '../../src/core';
import { closeAllEditors, editorWith, fsPath, inspectorView } from './helpers';

const ecPair = () => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { priv: privateKey.export({ format: 'jwk' }) as Record<string, unknown>, pub: publicKey.export({ format: 'jwk' }) as Record<string, unknown>, pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, spki: publicKey.export({ type: 'spki', format: 'pem' }) as string };
};
const encrypt = (args?: object) => vscode.commands.executeCommand<string | undefined>('jwtWorkbench.encryptSelection', args);
const header = (t: string) => decodeProtectedHeader(t) as Record<string, unknown>;

describe('JWT: Encrypt Selection… (26)', () => {
  const me = ecPair();
  const added: string[] = [];
  const addFile = async (name: string, text: string) => {
    fs.writeFileSync(fsPath(name), text);
    const id = await vscode.commands.executeCommand<string>('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(fsPath(name)) });
    assert.ok(id, `${name} is a key source`);
    added.push(id);
    return id;
  };
  const SECRET = crypto.randomBytes(32).toString('hex'); // 64 bytes of text: dir / A256CBC-HS512
  before(() => fs.writeFileSync(fsPath('.env'), `JWT_SECRET=${SECRET}\n`));
  after(async () => {
    await closeAllEditors();
    for (const id of added) await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id });
    fs.rmSync(fsPath('.env'), { force: true });
  });

  it('encrypts a Python dict to a public key file (ECDH-ES+A256KW / A256GCM), as a string literal; the inspector decrypts it with the private key file', async () => {
    const pubId = await addFile('enc-p256-public.pem', me.spki);
    await addFile('enc-p256-private.pem', me.pkcs8);
    const editor = await editorWith('enc.py', 'claims = {"user": "alice", \'admin\': True}\n', '{"user": "alice", \'admin\': True}');
    const token = await encrypt({ keySource: pubId });
    assert.ok(token);
    assert.deepEqual([header(token).alg, header(token).enc, header(token).typ], ['ECDH-ES+A256KW', 'A256GCM', 'JWT']);
    assert.equal(editor.document.getText(), `claims = "${token}"\n`, 'in place of the dict, as a Python string');
    const { plaintext } = await compactDecrypt(token, await importJWK(me.priv, 'ECDH-ES+A256KW'));
    const claims = JSON.parse(Buffer.from(plaintext).toString());
    assert.deepEqual([claims.user, claims.admin, typeof claims.exp], ['alice', true, 'number'], 'the payload as Sign Selection reads it, with its defaults');
    const view = await inspectorView();
    assert.equal(view?.inspection?.kind, 'jwe');
    assert.equal((view?.inspection?.payload as { user?: string } | undefined)?.user, 'alice', view?.inspection?.detail);
    assert.match(view?.keySource ?? '', /enc-p256-private\.pem/, 'opened with the key source that decrypts it');
    assert.doesNotMatch(JSON.stringify(view), new RegExp(String(me.priv.d)), 'no private key in the view');
  });

  it('sign-then-encrypt: the selected signed token becomes a nested JWT (cty "JWT") in its place; the inspector decrypts it and verifies the inner token', async () => {
    const pairId = await addFile('enc-pair.jwks', JSON.stringify({ keys: [{ ...me.priv, kid: 'me' }] }));
    const signed = await signToken({ sub: 'bob' }, me.pkcs8);
    const editor = await editorWith('enc.http', `GET http://127.0.0.1/\nAuthorization: Bearer ${signed}\n`, signed);
    const token = await encrypt({ keySource: pairId, alg: 'ECDH-ES', enc: 'A128CBC-HS256' });
    assert.ok(token);
    assert.deepEqual([header(token).alg, header(token).enc, header(token).cty, header(token).kid], ['ECDH-ES', 'A128CBC-HS256', 'JWT', 'me']);
    assert.equal(editor.document.getText(), `GET http://127.0.0.1/\nAuthorization: Bearer ${token}\n`, '"Bearer " kept, the token replaced');
    const view = await inspectorView();
    assert.equal(view?.inspection?.verdict, 'verified', view?.inspection?.detail);
    assert.equal(view?.inspection?.nested?.verdict, 'verified');
    assert.equal((view?.inspection?.nested?.payload as { sub?: string } | undefined)?.sub, 'bob');
    // The panel says where the token came from, by the banner.
    assert.match(view?.originNote ?? '', /Encrypted here to key file enc-pair\.jwks \(ECDH-ES \/ A128CBC-HS256\)/);
  });

  it('a JWKS member chosen by kid; a member with "use": "sig" is refused and says why; 192-bit AES works on the desktop', async () => {
    const other = ecPair();
    const id = await addFile('enc-set.jwks', JSON.stringify({ keys: [{ ...me.pub, kid: 'sig', use: 'sig' }, { ...other.pub, kid: 'enc', use: 'enc' }] }));
    await editorWith('enc-a.json', '{"a": {"n": 1}}', '{"n": 1}');
    const token = await encrypt({ keySource: id, kid: 'enc', alg: 'ECDH-ES+A192KW', enc: 'A192GCM' });
    assert.ok(token);
    assert.equal(header(token).kid, 'enc');
    assert.equal(JSON.parse(Buffer.from((await compactDecrypt(token, await importJWK(other.priv, 'ECDH-ES+A192KW'))).plaintext).toString()).n, 1);
    await editorWith('enc-b.json', '{"a": {"n": 2}}', '{"n": 2}');
    const errors: string[] = [];
    const listener = captureErrors(errors);
    try {
      assert.equal(await encrypt({ keySource: id, kid: 'sig' }), undefined);
    } finally {
      listener.restore();
    }
    assert.match(errors.join(' | '), /Cannot encrypt to key file enc-set\.jwks: .*"use": "sig" — it is declared for signatures/);
  });

  it('the .env secret (64 bytes of text) by default with dir / A256CBC-HS512, and dir with another enc says the key length must match', async () => {
    const env = (await inspectorView())!.keySources.find((o) => /\.env JWT_SECRET/.test(o.label))!;
    await editorWith('enc-c.txt', '{"user": "carol"}');
    const token = await encrypt({ keySource: env.id });
    assert.ok(token);
    assert.deepEqual([header(token).alg, header(token).enc], ['dir', 'A256CBC-HS512']);
    const view = await inspectorView();
    assert.equal(view?.inspection?.verdict, 'verified', 'a shared secret authenticates');
    assert.equal((view?.inspection?.payload as { user?: string } | undefined)?.user, 'carol');
    await editorWith('enc-d.txt', '{"user": "dave"}');
    const errors: string[] = [];
    const listener = captureErrors(errors);
    try {
      assert.equal(await encrypt({ keySource: env.id, alg: 'dir', enc: 'A256GCM' }), undefined);
    } finally {
      listener.restore();
    }
    assert.match(errors.join(' | '), /the secret is the content key itself, so it must be exactly as long as A256GCM's key \(32 bytes\); this secret is 64 bytes, which fits A256CBC-HS512/);
    assert.doesNotMatch(errors.join(' | '), new RegExp(SECRET), 'the secret is never in a message');
  });

  it('the JWKS member picked is the one encrypted to, even where another member says "use": "enc" and neither has a kid', async () => {
    const p384 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const picked = p384.publicKey.export({ format: 'jwk' });
    const id = await addFile('enc-twins.jwks', JSON.stringify({ keys: [picked, { ...me.pub, use: 'enc' }] }));
    await editorWith('enc-f.json', '{"a": {"n": 6}}', '{"n": 6}');
    const descriptions: string[] = [];
    // The user's answers: this key source, then the P-384 member (shown first), then the default pair.
    const answers = [(items: Item[]) => items.find((i) => i.id === id), (items: Item[]) => items.find((i) => /P-384/.test(i.description ?? '')), (items: Item[]) => items[0]];
    const picker = scriptQuickPicks(answers, descriptions);
    let token: string | undefined;
    try {
      token = await encrypt();
    } finally {
      picker.restore();
    }
    assert.ok(token, descriptions.join(' | '));
    assert.equal(JSON.parse(Buffer.from((await compactDecrypt(token, p384.privateKey)).plaintext).toString()).n, 6, 'encrypted to the P-384 key the user picked');
  });

  it('a key source the extension does not list is not read', async () => {
    await editorWith('enc-e.txt', '{"user": "eve"}');
    const errors: string[] = [];
    const listener = captureErrors(errors);
    try {
      assert.equal(await encrypt({ keySource: `file:${vscode.Uri.file(fsPath('enc-p256-private.pem')).toString()}x` }), undefined);
    } finally {
      listener.restore();
    }
    assert.match(errors.join(' | '), /not one JWT Workbench lists/);
  });
});

/** Record the error messages shown while installed (the real showErrorMessage still runs). */
function captureErrors(into: string[]): { restore(): void } {
  const original = vscode.window.showErrorMessage;
  (vscode.window as { showErrorMessage: unknown }).showErrorMessage = (message: string, ...rest: unknown[]) => {
    into.push(message);
    return (original as (...a: unknown[]) => Thenable<unknown>)(message, ...rest);
  };
  return { restore: () => ((vscode.window as { showErrorMessage: unknown }).showErrorMessage = original) };
}

type Item = vscode.QuickPickItem & { id?: string };

/** Answer the next quick picks with `answers`, in order (the real picker is not shown); records what each offered. */
function scriptQuickPicks(answers: ((items: Item[]) => Item | undefined)[], offered: string[]): { restore(): void } {
  const original = vscode.window.showQuickPick;
  (vscode.window as { showQuickPick: unknown }).showQuickPick = async (items: Item[] | Thenable<Item[]>) => {
    const list = await items;
    offered.push(list.map((i) => `${i.label} ${i.description ?? ''}`).join(', '));
    return answers.shift()?.(list);
  };
  return { restore: () => ((vscode.window as { showQuickPick: unknown }).showQuickPick = original) };
}
