import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { findTokens, inspectToken, parseEnv, signToken, type Inspection } from '../../src/core';
import { closeAllEditors, editorWith, fsPath, secretFromEnv } from './helpers';

async function until<T>(fn: () => T | Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  let v = await fn();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    v = await fn();
  }
  return v;
}

const config = () => vscode.workspace.getConfiguration('jwtWorkbench');

describe('in the editor: tokens where they are', () => {
  before(async () => {
    fs.rmSync(fsPath('.env'), { force: true });
    await vscode.commands.executeCommand('jwtWorkbench.generateSecret');
  });
  afterEach(closeAllEditors);

  const contexts: [string, (t: string) => string][] = [
    ['a JSON string', (t) => `{"access_token": "${t}"}`],
    ['a URL query', (t) => `https://app.example/cb?token=${t}&next=/`],
    ['a URL fragment', (t) => `https://app.example/#access_token=${t}&x=1`],
    ['a cookie line', (t) => `Cookie: theme=dark; session=${t}; lang=en`],
    ['a curl command', (t) => `curl -H "Authorization: Bearer ${t}" https://api.example`],
  ];
  for (const [name, wrap] of contexts) {
    it(`Verify and Decode takes the token under the cursor in ${name}`, async () => {
      const token = await signToken({ user: name }, secretFromEnv());
      const editor = await editorWith('ctx.txt', wrap(token) + '\n', '');
      const at = editor.document.positionAt(editor.document.getText().indexOf(token) + 30);
      editor.selection = new vscode.Selection(at, at);
      const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectSelection');
      assert.equal(ins?.verdict, 'verified');
      assert.equal((ins?.payload as { user: string }).user, name);
    });
  }

  it('hover shows algorithm, subject, expiry, signature state and a link to the inspector', async () => {
    const token = await signToken({ sub: 'user-42', iss: 'app' }, secretFromEnv());
    const editor = await editorWith('hover.http', `GET /\nAuthorization: Bearer ${token}\n`, '');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(1, 40));
    // appendText escapes markdown and turns spaces into &nbsp;: read it back as the text a person sees
    const md = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    const text = md.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    assert.match(text, /\*\*JWT\*\* · HS256/);
    assert.match(text, /user-42/);
    assert.match(text, /expires in 1 day/);
    assert.match(text, /signature verified with \.env JWT_SECRET/);
    assert.match(text, /command:jwtWorkbench\.inspectToken/);
  });

  it('hover escapes token data: markdown and links in claims stay text', async () => {
    const token = await signToken({ sub: '[click](command:workbench.action.quit) **bold**' }, secretFromEnv());
    const editor = await editorWith('evil.txt', token, '');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 20));
    const md = hovers.flatMap((h) => h.contents.map((c) => (c as vscode.MarkdownString).value)).join('\n');
    assert.ok(!md.includes('[click](command:workbench.action.quit)'), md);
    assert.match(md, /\\\[click\\\]/);
  });

  it('hover can be turned off, and the change takes effect at once', async () => {
    const token = await signToken({ sub: 'x' }, secretFromEnv());
    const editor = await editorWith('off.txt', token, '');
    await config().update('hover.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 5));
      assert.ok(!hovers.some((h) => h.contents.some((c) => (c as vscode.MarkdownString).value?.includes('JWT'))));
    } finally {
      await config().update('hover.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('CodeLens "Inspect JWT" above each line with a token, when turned on', async () => {
    const t1 = await signToken({ sub: '1' }, secretFromEnv());
    const t2 = await signToken({ sub: '2' }, secretFromEnv());
    const editor = await editorWith('lens.log', `a ${t1}\nnothing here\nb ${t2} and ${t1}\n`, '');
    const before = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.equal(before.filter((l) => l.command?.command === 'jwtWorkbench.inspectToken').length, 0, 'off by default');
    await config().update('codeLens.enabled', true, vscode.ConfigurationTarget.Workspace);
    try {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      const ours = lenses.filter((l) => l.command?.command === 'jwtWorkbench.inspectToken');
      assert.deepEqual(ours.map((l) => l.range.start.line), [0, 2]);
      const ins = await vscode.commands.executeCommand<Inspection>(ours[1].command!.command, ...(ours[1].command!.arguments ?? []));
      assert.equal((ins.payload as { sub: string }).sub, '2');
    } finally {
      await config().update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('hover and CodeLens on a 10 MB log: correct (their cost is measured by npm run bench:editor)', async () => {
    const token = await signToken({ sub: 'big' }, secretFromEnv());
    const line = `2026-01-01T00:00:00Z INFO GET /api/items 200 ${'x'.repeat(1800)} Authorization: Bearer ${token}\n`;
    const lines = Math.ceil(10e6 / line.length);
    fs.writeFileSync(fsPath('big.log'), line.repeat(lines));
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(fsPath('big.log')));
    await vscode.window.showTextDocument(doc);
    await config().update('codeLens.enabled', true, vscode.ConfigurationTarget.Workspace);
    try {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      assert.equal(lenses.filter((l) => l.command?.command === 'jwtWorkbench.inspectToken').length, Math.min(lines, 2000));
      const col = line.indexOf(token) + 10;
      for (const lineNo of [lines - 1, lines - 2]) {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(lineNo, col));
        assert.ok(hovers.some((h) => h.contents.some((c) => (c as vscode.MarkdownString).value?.includes('HS256'))), `the hover on line ${lineNo + 1} explains the token`);
      }
      assert.equal(findTokens(doc.getText()).slice(0, 2000).length, 2000, 'the tokens of the log are found');
    } finally {
      await config().update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      fs.rmSync(fsPath('big.log'), { force: true });
    }
  });

  // A file past the scan limit (4 MiB): CodeLens, Problems and the .http Re-sign lens read its first 4 MiB only and
  // say so, so that a hostile file costs a bounded scan; a token below the limit gets neither lens nor Problem.
  it('a file past the scan limit: CodeLens, Problems and the .http lens say where the scan stopped', async function () {
    this.timeout(120_000);
    const t0 = Date.now();
    const phase = (what: string) => console.log(`      ${what}: ${Date.now() - t0} ms`);
    const expired = await signToken({ sub: 'old' }, secretFromEnv(), { now: new Date(Date.now() - 3 * 86400e3) });
    const filler = `${'x'.repeat(1000)}\n`.repeat(4300);
    const text = `Authorization: Bearer ${expired}\n${filler}Authorization: Bearer ${expired}\n`;
    const lastLine = 4301;
    fs.writeFileSync(fsPath('huge.log'), text);
    fs.writeFileSync(fsPath('huge.http'), `GET http://127.0.0.1:9/\n${text}`);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(fsPath('huge.log')));
    await vscode.window.showTextDocument(doc);
    await config().update('codeLens.enabled', true, vscode.ConfigurationTarget.Workspace);
    await config().update('diagnostics.enabled', true, vscode.ConfigurationTarget.Workspace);
    const notice = /^JWT Workbench scanned the first 4 MiB of this file for tokens \(to line (\d+)\); the rest is not scanned\.$/;
    try {
      const lenses = await until(async () => await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri), (l) => l.length > 0);
      const said = lenses.filter((l) => notice.test(l.command?.title ?? ''));
      assert.equal(said.length, 1, lenses.map((l) => l.command?.title).join('; '));
      assert.equal(said[0].range.start.line, 0);
      phase('CodeLens');
      const scannedTo = Number(notice.exec(said[0].command!.title)![1]);
      assert.ok(scannedTo > 4000 && scannedTo < lastLine, String(scannedTo));
      const inspect = lenses.filter((l) => l.command?.command === 'jwtWorkbench.inspectToken').map((l) => l.range.start.line);
      assert.deepEqual(inspect, [0]);
      const diags = await until(() => vscode.languages.getDiagnostics(doc.uri), (d) => d.length >= 2);
      assert.deepEqual(diags.map((d) => [d.code, d.range.start.line]), [['expired', 0], ['scan-limit', scannedTo]]);
      assert.match(diags[1].message, notice);
      assert.equal(diags[1].severity, vscode.DiagnosticSeverity.Information);
      phase('Problems');
      // The .http Re-sign lens alone (with CodeLens on, its notice would be the second one on the line).
      await config().update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      const http = await vscode.workspace.openTextDocument(vscode.Uri.file(fsPath('huge.http')));
      await vscode.window.showTextDocument(http);
      const httpLenses = await until(async () => await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', http.uri, 10), (l) => l.some((x) => notice.test(x.command?.title ?? '')));
      assert.equal(httpLenses.filter((l) => notice.test(l.command?.title ?? '')).length, 1);
      assert.ok(!httpLenses.some((l) => l.range.start.line === lastLine + 1), 'no lens below the limit');
      phase('.http lens');
    } finally {
      await config().update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('diagnostics.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      fs.rmSync(fsPath('huge.log'), { force: true });
      fs.rmSync(fsPath('huge.http'), { force: true });
    }
  });

  it('expired tokens become Problems when turned on', async () => {
    const expired = await signToken({ sub: 'old' }, secretFromEnv(), { now: new Date(Date.now() - 3 * 86400e3) });
    const fresh = await signToken({ sub: 'new' }, secretFromEnv());
    const editor = await editorWith('problems.log', `${fresh}\n${expired}\n`, '');
    await config().update('diagnostics.enabled', true, vscode.ConfigurationTarget.Workspace);
    try {
      const diags = await until(() => vscode.languages.getDiagnostics(editor.document.uri), (d) => d.length > 0);
      assert.equal(diags.length, 1);
      assert.equal(diags[0].range.start.line, 1);
      assert.match(diags[0].message, /JWT expired 2 days ago/);
    } finally {
      await config().update('diagnostics.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const cleared = await until(() => vscode.languages.getDiagnostics(editor.document.uri), (d) => d.length === 0);
    assert.equal(cleared.length, 0);
  });
});

describe('keys where they live', () => {
  afterEach(closeAllEditors);

  it('Sign and Verify use the nearest .env above the file', async () => {
    fs.mkdirSync(fsPath('services', 'billing'), { recursive: true });
    const nested = 'n'.repeat(64);
    fs.writeFileSync(fsPath('services', '.env'), `JWT_SECRET=${nested}\n`);
    await editorWith('services/billing/payload.txt', '{"user": "nested"}');
    const token = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
    assert.equal((await inspectToken(token!, { key: nested })).verdict, 'verified');
    const ins = await vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectSelection');
    assert.equal(ins?.verdict, 'verified');
    const view = await vscode.commands.executeCommand<{ keySource?: string }>('jwtWorkbench.inspectorState');
    assert.equal(view?.keySource, 'services/.env JWT_SECRET');
  });

  it('settings changes take effect at once: lifetime and secret variable', async () => {
    fs.writeFileSync(fsPath('.env'), `OTHER_SECRET=${'o'.repeat(64)}\nJWT_SECRET=${'j'.repeat(64)}\n`);
    await config().update('lifetime', '2h', vscode.ConfigurationTarget.Workspace);
    await config().update('secretVariable', 'OTHER_SECRET', vscode.ConfigurationTarget.Workspace);
    try {
      await editorWith('settings.json5', "{user: 'cfg'}");
      const token = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
      const ins = await inspectToken(token!, { key: 'o'.repeat(64) });
      assert.equal(ins.verdict, 'verified');
      const p = ins.payload as { iat: number; exp: number };
      assert.equal(p.exp - p.iat, 7200);
    } finally {
      await config().update('lifetime', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('secretVariable', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('JWT: Generate Key Pair writes PEM files that sign and verify', async () => {
    const r = await vscode.commands.executeCommand<{ privateKey: string; publicKey: string }>('jwtWorkbench.generateKeyPair', { alg: 'ES256', target: 'files', replace: true });
    assert.ok(r);
    const priv = fs.readFileSync(vscode.Uri.parse(r.privateKey).fsPath, 'utf8');
    const pub = fs.readFileSync(vscode.Uri.parse(r.publicKey).fsPath, 'utf8');
    assert.match(priv, /^-----BEGIN PRIVATE KEY-----/);
    const token = await signToken({ sub: 'kp' }, priv, { alg: 'ES256' });
    assert.equal((await inspectToken(token, { key: pub })).verdict, 'verified');
    // issue 11.15: the private key is readable by its owner only, and is the signing source; the public one verifies
    assert.equal(fs.statSync(vscode.Uri.parse(r.privateKey).fsPath).mode & 0o777, 0o600);
    const view = await vscode.commands.executeCommand<{ keySources: { id: string; label: string }[] }>('jwtWorkbench.openInspector');
    const labels = view?.keySources.map((o) => o.label) ?? [];
    assert.ok(labels.includes('key file keys/es256-private.pem') && labels.includes('key file keys/es256-public.pem'), labels.join(', '));
    fs.writeFileSync(fsPath('.env'), 'OTHER=1\n');
    await editorWith('kp.txt', '{"user": "kp"}');
    const signed = await vscode.commands.executeCommand<string>('jwtWorkbench.signSelection');
    assert.equal((await inspectToken(signed!, { key: pub })).verdict, 'verified', 'Sign Selection signs with the generated private key');
    for (const id of view!.keySources.filter((o) => /es256-(private|public)/.test(o.label)).map((o) => o.id)) await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id });
  });

  it('JWT: Generate Key Pair into .env keeps the other lines and round-trips the PEMs', async () => {
    fs.writeFileSync(fsPath('.env'), `# keep\nJWT_SECRET=${'s'.repeat(64)}\n`);
    await vscode.commands.executeCommand('jwtWorkbench.generateKeyPair', { alg: 'EdDSA', target: 'env', replace: true });
    const text = fs.readFileSync(fsPath('.env'), 'utf8');
    assert.ok(text.startsWith(`# keep\nJWT_SECRET=${'s'.repeat(64)}\n`));
    const vars = parseEnv(text);
    const token = await signToken({ sub: 'env-kp' }, vars.JWT_PRIVATE_KEY, { alg: 'EdDSA' });
    assert.equal((await inspectToken(token, { key: vars.JWT_PUBLIC_KEY })).verdict, 'verified');
  });

  it('an unreadable .env (a directory) gives a clear error and writes nothing', async () => {
    fs.rmSync(fsPath('.env'), { force: true, recursive: true });
    fs.mkdirSync(fsPath('.env'));
    try {
      assert.equal(await vscode.commands.executeCommand('jwtWorkbench.generateSecret', { replace: true }), undefined);
      assert.ok(fs.statSync(fsPath('.env')).isDirectory());
      assert.deepEqual(fs.readdirSync(fsPath('.env')), []);
    } finally {
      fs.rmSync(fsPath('.env'), { recursive: true, force: true });
    }
  });
});
