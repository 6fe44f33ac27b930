// An issuer's keys verify that issuer's tokens only, and discovery fetches only what the user was shown: a jwks_uri
// or a redirect hop on another origin is asked about again, by name; private and link-local targets are refused.
// Issuers are 127.0.0.1 servers of this test; the user's answer to the second question is scripted ahead
// (jwtWorkbench.test.modals), and the question asked is read back.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { signToken, type Inspection } from '../../src/core';
import { closeAllEditors, commandError, commandResult, editorWith, inspectorView } from './helpers';

type Route = (base: string) => { status?: number; body?: string; location?: string };

async function server(routes: Record<string, Route>): Promise<{ base: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  let base = '';
  const s = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    const r = route ? route(base) : { status: 404, body: 'not found' };
    res.writeHead(r.status ?? 200, { 'content-type': 'application/json', ...(r.location ? { location: r.location } : {}) });
    res.end(r.body ?? '');
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  return { base, requests, close: () => new Promise((r) => s.close(() => r())) };
}

/** Answer the next modals ahead; returns the modals asked since the last call. */
const modals = (answers: unknown[] = []) => vscode.commands.executeCommand<{ message: string; detail?: string }[]>('jwtWorkbench.test.modals', answers);
/** The button that says yes to fetching from another origin. */
const fetchFrom = (base: string) => `Fetch from ${new URL(base).host}`;

const inspect = (token: string, source?: string) => vscode.commands.executeCommand<Inspection>('jwtWorkbench.inspectToken', token, undefined, source);

describe('an issuer\'s keys, and only what was shown is fetched (issue 20.4, 20.8)', function () {
  this.timeout(60000);
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pub = { ...publicKey.export({ format: 'jwk' }), kid: 'bound-1', use: 'sig' };
  const priv = { ...privateKey.export({ format: 'jwk' }), kid: 'bound-1' };
  let idp: Awaited<ReturnType<typeof server>>;
  let cdn: Awaited<ReturnType<typeof server>>;
  const added: string[] = [];

  before(async () => {
    cdn = await server({ '/keys': () => ({ body: JSON.stringify({ keys: [pub] }) }) });
    idp = await server({
      '/bound/.well-known/openid-configuration': (b) => ({ body: JSON.stringify({ issuer: `${b}/bound`, jwks_uri: `${b}/bound/keys` }) }),
      '/bound/keys': () => ({ body: JSON.stringify({ keys: [pub] }) }),
      '/elsewhere/.well-known/openid-configuration': (b) => ({ body: JSON.stringify({ issuer: `${b}/elsewhere`, jwks_uri: `${cdn.base}/keys` }) }),
      '/hops/.well-known/openid-configuration': (b) => ({ body: JSON.stringify({ issuer: `${b}/hops`, jwks_uri: `${b}/hops/keys` }) }),
      '/hops/keys': () => ({ status: 302, location: `${cdn.base}/keys` }),
      '/metadata/.well-known/openid-configuration': (b) => ({ body: JSON.stringify({ issuer: `${b}/metadata`, jwks_uri: 'https://169.254.169.254/latest/meta-data/' }) }),
      '/private/.well-known/openid-configuration': (b) => ({ body: JSON.stringify({ issuer: `${b}/private`, jwks_uri: 'https://[fd00::1]/keys' }) }),
    });
  });
  after(async () => {
    for (const id of added.filter(Boolean)) await vscode.commands.executeCommand('jwtWorkbench.forgetKeySource', { id });
    await idp.close();
    await cdn.close();
    await closeAllEditors();
  });

  describe('20.4 an issuer-bound JWKS', () => {
    let id = '';
    before(async () => {
      id = await commandResult<string>('jwtWorkbench.addIssuer', { issuer: `${idp.base}/bound`, confirmed: true });
      added.push(id);
    });

    it('verifies its issuer\'s token, and the banner names the issuer and the JWKS URL used', async () => {
      const token = await signToken({ sub: 'u', iss: `${idp.base}/bound` }, { jwk: priv }, { alg: 'ES256', lifetime: '1h' });
      const ins = await inspect(token);
      assert.equal(ins.verdict, 'verified', ins.detail);
      assert.equal((await inspectorView())?.keySource, `issuer ${idp.base}/bound — JWKS ${idp.base}/bound/keys (1 key)`);
    });

    it('is not chosen for a token that claims another iss, signed by the same key', async () => {
      const token = await signToken({ sub: 'admin', iss: 'https://login.microsoftonline.com/tenant/v2.0' }, { jwk: priv }, { alg: 'ES256', lifetime: '1h' });
      const ins = await inspect(token);
      assert.notEqual(ins.verdict, 'verified', ins.detail);
      assert.notEqual((await inspectorView())?.selectedKeySource, id);
    });

    it('chosen by hand for a token that claims another iss: not verified, and says whose keys they are', async () => {
      const token = await signToken({ sub: 'admin', iss: 'https://login.microsoftonline.com/tenant/v2.0' }, { jwk: priv }, { alg: 'ES256', lifetime: '1h' });
      const ins = await inspect(token, id);
      assert.notEqual(ins.verdict, 'verified', ins.detail);
      assert.match(ins.detail ?? '', new RegExp(`keys of ${idp.base.replace(/[.:/]/g, '\\$&')}/bound verify only its tokens`));
    });

    it('the hover does not say "verified" for a token that claims another iss, and does for the issuer\'s own', async () => {
      const hoverText = async (token: string) => {
        const editor = await editorWith('tokens.txt', `token = ${token}\n`, token);
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 20));
        return hovers.flatMap((h) => h.contents.map((c) => (c as vscode.MarkdownString).value ?? String(c))).join('\n').replace(/&nbsp;/g, ' ');
      };
      const foreign = await signToken({ sub: 'admin', iss: 'https://login.microsoftonline.com/tenant/v2.0' }, { jwk: priv }, { alg: 'ES256', lifetime: '1h' });
      assert.doesNotMatch(await hoverText(foreign), /signature verified/);
      const own = await signToken({ sub: 'u', iss: `${idp.base}/bound` }, { jwk: priv }, { alg: 'ES256', lifetime: '1h' });
      assert.match(await hoverText(own), /signature verified with issuer http:\/\/127\.0\.0\.1:\d+\/bound — JWKS/);
    });

    it('a token without iss is not verified by an issuer\'s keys either', async () => {
      const token = await signToken({ sub: 'admin' }, { jwk: priv }, { alg: 'ES256', lifetime: '1h' });
      assert.notEqual((await inspect(token, id)).verdict, 'verified');
    });
  });

  describe('20.8 discovery asks again for what it did not show', () => {
    it('a jwks_uri on another origin is asked about by name; a no fetches nothing there', async () => {
      cdn.requests.length = 0;
      await modals([undefined]);
      const shown = await commandError('jwtWorkbench.addIssuer', { issuer: `${idp.base}/elsewhere`, confirmed: true });
      assert.equal(shown.code, 'ERR_FETCH_OTHER_ORIGIN', shown.message);
      const asked = await modals();
      assert.equal(asked.length, 1);
      assert.ok(asked[0].message.includes(`${cdn.base}/keys`), asked[0].message);
      assert.deepEqual(cdn.requests, [], 'nothing is fetched from the other origin without a yes');
    });

    it('with a yes, the other origin\'s keys are fetched and kept with the issuer', async () => {
      await modals([fetchFrom(cdn.base)]);
      const id = await commandResult<string>('jwtWorkbench.addIssuer', { issuer: `${idp.base}/elsewhere`, confirmed: true });
      added.push(id);
      assert.equal(id, `jwks:${cdn.base}/keys`);
      assert.equal((await modals()).length, 1);
      assert.deepEqual(cdn.requests, ['/keys']);
    });

    it('a redirect hop to another origin is asked about by name', async () => {
      cdn.requests.length = 0;
      await modals([undefined]);
      const shown = await commandError('jwtWorkbench.addIssuer', { issuer: `${idp.base}/hops`, confirmed: true });
      assert.equal(shown.code, 'ERR_FETCH_OTHER_ORIGIN', shown.message);
      const asked = await modals();
      assert.equal(asked.length, 1);
      assert.ok(asked[0].message.includes(`${cdn.base}/keys`), asked[0].message);
      assert.deepEqual(cdn.requests, []);
    });

    it('the time limit is the server\'s: a yes to a hop given after more than 10 s still fetches', async () => {
      cdn.requests.length = 0;
      await modals([{ answer: fetchFrom(cdn.base), afterMs: 10_500 }]);
      const id = await commandResult<string>('jwtWorkbench.addIssuer', { issuer: `${idp.base}/hops`, confirmed: true });
      assert.equal((await modals()).length, 1, 'the hop was asked about');
      added.push(id);
      assert.deepEqual(cdn.requests, ['/keys']);
    });

    for (const [what, path, host] of [
      ['link-local (cloud metadata)', '/metadata', '169.254.169.254'],
      ['private (IPv6 ULA)', '/private', '[fd00::1]'],
    ] as const) {
      it(`a jwks_uri on a ${what} address is refused, even for an issuer on this machine`, async () => {
        await modals([`Fetch from ${host}`]);
        const shown = await commandError('jwtWorkbench.addIssuer', { issuer: `${idp.base}${path}`, confirmed: true });
        assert.deepEqual(await modals(), [], 'refused before any question: a yes would not matter');
        assert.equal(shown.code, 'ERR_DISCOVERY', shown.message);
        assert.ok(shown.message.includes(host), `names ${host}: ${shown.message}`);
      });
    }
  });
});
