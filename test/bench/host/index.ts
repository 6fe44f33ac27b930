/**
 * The part of `npm run bench:editor` that runs inside the extension host (extensionTestsPath, as the integration
 * suite does): what only the host can see. Writes its figures to `.bench-host.json` in the workspace folder.
 *  - memory: the extension host's heap (after a full GC) after inspecting 10 distinct tokens, then 1,000, then 2,000,
 *    with keys from 50 sources (key files: PEM and JWK, public keys and HMAC secrets), through the inspector's
 *    message path and the editor's "inspect this token" path;
 *  - hover: our provider's own time through `vscode.executeHoverProvider`, against the JSON language features' hover
 *    on a settings key in the same host;
 *  - CodeLens: our provider's time on the 10 MB log through `vscode.executeCodeLensProvider`.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { signToken, type SigningAlg } from '../../../src/core';
import { fromWebview } from '../../integration/harness';

const SOURCES = 50;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function heap(gc: () => void): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  return process.memoryUsage().heapUsed;
}

interface Source {
  id: string;
  sign: (n: number) => Promise<string>;
}

async function makeSources(root: string): Promise<Source[]> {
  const dir = path.join(root, 'bench-keys');
  fs.mkdirSync(dir, { recursive: true });
  const out: Source[] = [];
  for (let i = 0; i < SOURCES; i++) {
    const kind = i % 5;
    let file: string;
    let privatePem: string | undefined;
    let secret: string | undefined;
    let alg: SigningAlg;
    if (kind === 4) {
      secret = crypto.randomBytes(32).toString('hex');
      file = path.join(dir, `secret-${i}.txt`);
      fs.writeFileSync(file, secret);
      alg = 'HS256';
    } else {
      const type = kind === 0 || kind === 1 ? 'ec' : kind === 2 ? 'ed25519' : 'rsa';
      const pair = type === 'ec' ? crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }) : type === 'rsa' ? crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }) : crypto.generateKeyPairSync('ed25519');
      privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      alg = type === 'ec' ? 'ES256' : type === 'rsa' ? 'RS256' : 'EdDSA';
      // Half PEM, half JWK files.
      if (kind === 1) {
        file = path.join(dir, `key-${i}.jwk`);
        fs.writeFileSync(file, JSON.stringify(pair.publicKey.export({ format: 'jwk' })));
      } else {
        file = path.join(dir, `key-${i}.pem`);
        fs.writeFileSync(file, pair.publicKey.export({ type: 'spki', format: 'pem' }));
      }
    }
    const id = await vscode.commands.executeCommand<string>('jwtWorkbench.addKeyFile', { uri: vscode.Uri.file(file), asSecret: kind === 4 });
    if (!id) throw new Error(`could not add ${file}`);
    const key = secret ?? privatePem!;
    out.push({ id, sign: (n) => signToken({ sub: `user-${n}`, n, scope: 'read write', iss: 'https://issuer.example' }, key, { alg }) });
  }
  return out;
}

export async function run(): Promise<void> {
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const result: Record<string, unknown> = {};
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'jwt-workbench')!;
    await ext.activate();
    await vscode.commands.executeCommand('jwtWorkbench.openInspector');
    // What one keystroke in the token box costs here: an inspect message with the .env secret, the panel open.
    const secret = /JWT_SECRET=(\w+)/.exec(fs.readFileSync(path.join(root, '.env'), 'utf8'))![1];
    const typed = await signToken({ user: 'alice' }, secret);
    const keystroke: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      await fromWebview({ type: 'inspect', token: i % 2 ? typed : `${typed}x`, keySource: '', options: { issuer: '', audience: '', leeway: 0, at: '' } });
      if (i >= 10) keystroke.push(performance.now() - t0);
    }
    result.keystrokeHostMs = median(keystroke);
    const sources = await makeSources(root);
    const uri = vscode.Uri.file(path.join(root, 'tokens.txt'));
    const options = { issuer: '', audience: '', leeway: 0, at: '' };
    let n = 0;
    /** Half through the inspector's messages (a key source chosen), half as the editor does (the key chosen for the token). */
    const inspect = async (count: number) => {
      const t0 = performance.now();
      for (let i = 0; i < count; i++, n++) {
        const source = sources[n % SOURCES];
        const token = await source.sign(n);
        if (n % 2 === 0) await fromWebview({ type: 'inspect', token, keySource: source.id, options });
        else await vscode.commands.executeCommand('jwtWorkbench.inspectToken', token, uri.toString());
      }
      return (performance.now() - t0) / count;
    };
    await inspect(10);
    const h10 = await heap(gc);
    const msPer1000 = await inspect(990);
    const h1000 = await heap(gc);
    await inspect(1000);
    const h2000 = await heap(gc);
    const view = await vscode.commands.executeCommand<{ inspection?: { verdict: string } }>('jwtWorkbench.inspectorState');
    result.memory = { sources: SOURCES, h10, h1000, h2000, msPerToken: msPer1000, lastVerdict: view?.inspection?.verdict };

    // Our hover provider vs the JSON language features' hover, each through the API (no hover delay, no rendering).
    const tokenDoc = await vscode.workspace.openTextDocument(uri);
    const line = tokenDoc.getText().split('\n').findIndex((l) => l.includes('eyJ'));
    const tokenPos = new vscode.Position(line, tokenDoc.lineAt(line).text.indexOf('eyJ') + 10);
    const settingsUri = vscode.Uri.file(path.join(root, '.vscode', 'settings.json'));
    const settingsDoc = await vscode.workspace.openTextDocument(settingsUri);
    const settingsPos = settingsDoc.positionAt(settingsDoc.getText().indexOf('editor.tabSize') + 3);
    const time = async (u: vscode.Uri, p: vscode.Position, want: RegExp) => {
      const t0 = performance.now();
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', u, p);
      const ms = performance.now() - t0;
      const text = hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join(' ')).join(' ');
      if (!want.test(text)) throw new Error(`unexpected hover: ${text.slice(0, 200)}`);
      return ms;
    };
    // Warm both (the JSON language server starts on its first request), then alternate.
    for (let i = 0; i < 5; i++) {
      await time(uri, tokenPos, /JWT/);
      await time(settingsUri, settingsPos, /tab/i);
    }
    const ours: number[] = [];
    const json: number[] = [];
    for (let i = 0; i < 30; i++) {
      ours.push(await time(uri, tokenPos, /JWT/));
      json.push(await time(settingsUri, settingsPos, /tab/i));
    }
    result.hoverApi = { oursMs: median(ours), jsonMs: median(json), runs: ours.length };

    // Our CodeLens provider on the 10 MB log, the document already in the extension host (its sync not counted).
    await vscode.workspace.getConfiguration('jwtWorkbench').update('codeLens.enabled', true, vscode.ConfigurationTarget.Workspace);
    const logUri = vscode.Uri.file(path.join(root, 'logs', 'server-0.log'));
    const logDoc = await vscode.workspace.openTextDocument(logUri);
    const lensTimes: number[] = [];
    let lensCount = 0;
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', logUri);
      lensTimes.push(performance.now() - t0);
      lensCount = lenses.length;
    }
    result.codeLensApi = { ms: median(lensTimes), lenses: lensCount, chars: logDoc.getText().length };
  } catch (e) {
    result.error = String((e as Error).stack ?? e);
  }
  fs.writeFileSync(path.join(root, '.bench-host.json'), JSON.stringify(result, null, 1));
}
