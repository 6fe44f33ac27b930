// Add Key File… on a file that holds no key (here a malformed OpenSSH public key) asks what to do. Reading a public
// key's text as an HMAC secret is the classic key-confusion forgery: it may be offered, never as the primary button.
// The real command runs; its open dialog and its question are answered through the modal test harness.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, fsPath, inspectorView } from './helpers';

interface Asked {
  message: string;
  detail?: string;
  buttons: string[];
}
const modals = (answers: (string | undefined)[] = []) => vscode.commands.executeCommand<Asked[]>('jwtWorkbench.test.modals', answers);

describe('Add Key File… on a file that is no key: "Use Its Text as an HMAC Secret" is never the primary action', function () {
  this.timeout(30000);
  const name = 'broken-issuer.pub';
  const sshPub = `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${crypto.randomBytes(24).toString('base64')} issuer@host\n`;
  before(() => vscode.extensions.getExtension('jwt-workbench.jwt-workbench')!.activate());
  after(async () => {
    await modals();
    fs.rmSync(fsPath(name), { force: true });
    await closeAllEditors();
  });

  it('the question offers "Choose Another File…" first, the secret reading second; dismissed, nothing is added', async () => {
    fs.writeFileSync(fsPath(name), sshPub);
    const uri = vscode.Uri.file(fsPath(name)).toString();
    await modals();
    await modals([uri, undefined]);
    const id = await vscode.commands.executeCommand<string | undefined>('jwtWorkbench.addKeyFile');
    const asked = await modals();
    assert.equal(id, undefined);
    const question = asked.find((a) => a.buttons.length > 0);
    assert.ok(question, JSON.stringify(asked));
    assert.match(question.message, /broken-issuer\.pub is not a key: .*OpenSSH public key/);
    assert.deepEqual(question.buttons, ['Choose Another File…', 'Use Its Text as an HMAC Secret']);
    assert.notEqual(question.buttons[0], 'Use Its Text as an HMAC Secret', 'a public key as a secret is never the primary action');
    assert.ok(!(await inspectorView())?.keySources.some((s) => s.label.includes(name)), 'nothing was added');
  });

  it('"Choose Another File…" opens the file dialog again; the question comes back with the same order', async () => {
    const uri = vscode.Uri.file(fsPath(name)).toString();
    await modals();
    await modals([uri, 'Choose Another File…', uri, undefined]);
    assert.equal(await vscode.commands.executeCommand('jwtWorkbench.addKeyFile'), undefined);
    const asked = await modals();
    assert.equal(asked.length, 4, JSON.stringify(asked));
    assert.deepEqual(asked.filter((a) => a.buttons.length).map((a) => a.buttons[0]), ['Choose Another File…', 'Choose Another File…']);
  });
});
