// Issue 14: tokens wherever they show up — a debugger's rendering of a string, a redirect URI, the object around the
// cursor, the Authorization lines of .http files.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { authorizationTokens, bracesAround, parsePayload, refreshedClaims, signToken, tokensInRedirect, unquoteDebugValue, MAX_REDIRECT_TOKENS } from '../../../src/core';

const TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyIjoiYWxpY2UifQ.c2lnbmF0dXJlLWJ5dGVz';

describe('core/debugValue unquoteDebugValue: strings as debuggers show them', () => {
  // Captured from the debuggers: js-debug (Variables: single quotes; evaluate "clipboard": double quotes), debugpy's
  // repr (single quotes; double when the text has a single quote; \x escapes), the C# debugger ("…", verbatim @"…").
  const cases: [string, string, string, boolean][] = [
    ['js-debug Variables view', `'${TOKEN}'`, TOKEN, false],
    ['js-debug evaluate (clipboard)', `"${TOKEN}"`, TOKEN, false],
    ['js-debug Watch, cut in the middle', `'eyJhbGciOiJIUzI1NiIsInR5cCI6…tYnl0ZXM'`, 'eyJhbGciOiJIUzI1NiIsInR5cCI6…tYnl0ZXM', true],
    ['js-debug escapes', `'Bearer ${TOKEN}\\n'`, `Bearer ${TOKEN}\n`, false],
    ['Python repr', `'${TOKEN}'`, TOKEN, false],
    ['Python repr with a quote inside', `"it's ${TOKEN}"`, `it's ${TOKEN}`, false],
    ['Python \\x and \\u escapes', `'\\x41\\u00e9 ${TOKEN}'`, `Aé ${TOKEN}`, false],
    ['Python bytes', `b'${TOKEN}'`, TOKEN, false],
    ['C# string', `"${TOKEN}"`, TOKEN, false],
    ['C# escaped quote', `"say \\"${TOKEN}\\""`, `say "${TOKEN}"`, false],
    ['C# verbatim', `@"a ""quoted"" ${TOKEN}"`, `a "quoted" ${TOKEN}`, false],
    ['JavaScript \\u{…}', `'\\u{1F600}${TOKEN}'`, `😀${TOKEN}`, false],
  ];
  for (const [name, shown, text, truncated] of cases) {
    it(name, () => assert.deepEqual(unquoteDebugValue(shown), { text, truncated }));
  }
  it("Python's own repr() — what debugpy shows for a str or bytes — of strings with quotes, escapes and non-ASCII, captured live", () => {
    const py = `import json,sys\nt=sys.argv[1]\nfor s in [t, "it's "+t, 'tab\\there \\u00e9 \\x01 \\U0001F600 '+t, 'both \\' and " '+t, 'back\\\\slash '+t]:\n  print(json.dumps([repr(s), s]))\nprint(json.dumps([repr(t.encode()), t]))\n`;
    const r = spawnSync('/usr/bin/python3', ['-c', py, TOKEN], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const pairs = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as [string, string]);
    assert.equal(pairs.length, 6);
    for (const [shown, text] of pairs) assert.deepEqual(unquoteDebugValue(shown), { text, truncated: false }, shown);
  });
  for (const shown of ['42', 'undefined', 'Object {a: 1}', "'unterminated", "'bad \\x4'", '']) {
    it(`not a quoted string: ${JSON.stringify(shown)}`, () => assert.equal(unquoteDebugValue(shown), undefined));
  }
});

describe('core/redirect tokensInRedirect: an OAuth redirect target', () => {
  it('reads ?token=, #id_token= and #access_token=, all of them, once each', () => {
    assert.deepEqual(tokensInRedirect(`token=${TOKEN}`, ''), [{ name: 'token (query)', token: TOKEN }]);
    const id = `${TOKEN}x`;
    assert.deepEqual(tokensInRedirect('state=abc', `id_token=${id}&access_token=${TOKEN}&token_type=Bearer&expires_in=3600`), [
      { name: 'id_token (fragment)', token: id },
      { name: 'access_token (fragment)', token: TOKEN },
    ]);
    assert.deepEqual(tokensInRedirect(`access_token=${TOKEN}`, `access_token=${TOKEN}`), [{ name: 'access_token (query)', token: TOKEN }]);
  });
  it('ignores other parameters, empty values and broken escapes', () => {
    assert.deepEqual(tokensInRedirect('code=abc&state=%E0%A4%A', 'token=&id_token=%'), []);
  });
  // A web page's vscode:// link chooses the URI: 1 MiB of distinct token= pairs was compared pairwise (60,000 took
  // 60 s in the extension host) and every one became an item of the quick pick.
  it('a link with 1 MiB of distinct token= pairs: at once, and at most MAX_REDIRECT_TOKENS offered', () => {
    const pairs: string[] = [];
    for (let i = 0, n = 0; n < 1024 * 1024 - 16; i++) n += (pairs[pairs.length] = `token=eyJ${i}`).length + 1;
    const found = tokensInRedirect(pairs.join('&'), '');
    assert.equal(found.length, MAX_REDIRECT_TOKENS);
    assert.deepEqual(found[0], { name: 'token (query)', token: 'eyJ0' });
  });
});

describe('core/objectAround bracesAround: the object Sign Selection takes with nothing selected', () => {
  const pick = async (text: string, at: number) => {
    for (const s of bracesAround(text, at)) {
      try {
        await parsePayload(text.slice(s.start, s.end));
        return text.slice(s.start, s.end);
      } catch {
        // not a payload: the next one out
      }
    }
    return undefined;
  };
  it('the innermost object that is a payload, in Python, JavaScript and JSON', async () => {
    const py = "payload = {'user': 'alice', 'roles': {'admin': True}}\n";
    assert.equal(await pick(py, py.indexOf('alice')), "{'user': 'alice', 'roles': {'admin': True}}");
    assert.equal(await pick(py, py.indexOf('admin')), "{'admin': True}");
    const js = 'const claims = { sub: "bob", n: 1 }; // {not this}\nfunction f() { return 1; }\n';
    assert.equal(await pick(js, js.indexOf('bob')), '{ sub: "bob", n: 1 }');
    assert.equal(await pick(js, js.indexOf('return')), undefined, 'a function body is not a payload');
  });
  it('braces inside strings and comments do not count', () => {
    const t = '{"a": "}{", /* } */ "b": 1}';
    assert.deepEqual(bracesAround(t, 3), [{ start: 0, end: t.length }]);
  });
  it('is linear on many unclosed braces', () => {
    const t = '{'.repeat(200000);
    assert.deepEqual(bracesAround(t, 100), []);
  });
});

describe('core/httpRequests: expiring Bearer tokens in .http files', () => {
  it('finds the Authorization: Bearer / DPoP lines, with the token\'s place in the line', () => {
    const text = `### me\nGET http://127.0.0.1/api/me\nAuthorization: Bearer ${TOKEN}\r\n\nGET /x?token=${TOKEN}\nauthorization:DPoP ${TOKEN}\nAuthorization: Basic dXNlcjpwdw==\n`;
    const found = authorizationTokens(text);
    assert.deepEqual(found.map((f) => [f.line, f.start, f.end]), [[2, 22, 22 + TOKEN.length], [5, 19, 19 + TOKEN.length]]);
    assert.ok(found.every((f) => f.token === TOKEN));
  });
  it('re-signed claims keep the lifetime and nbf offset, and everything else', async () => {
    assert.deepEqual(refreshedClaims({ user: 'a', iat: 1000, nbf: 1010, exp: 4600, iss: 'x' }, 50000, 86400), { user: 'a', iat: 50000, nbf: 50010, exp: 53600, iss: 'x' });
    assert.deepEqual(refreshedClaims({ exp: 10 }, 100, 86400), { exp: 86500, iat: 100 });
    assert.equal(refreshedClaims({ user: 'a' }, 100, 86400), undefined);
    assert.ok(await signToken({ a: 1 }, 's'.repeat(32)));
  });
});
