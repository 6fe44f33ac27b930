import * as assert from 'node:assert/strict';
import { isCoreError, parsePayload, PayloadSyntaxError } from '../../../../src/core';

describe('core/payload parsePayload', () => {
  const good: [string, string, Record<string, unknown>][] = [
    ['strict JSON', '{"user": "alice", "n": 1}', { user: 'alice', n: 1 }],
    ['JSON with a BOM', '\uFEFF{"a": 1}', { a: 1 }],
    ['JSON5 unquoted keys, single quotes, trailing comma', "{user: 'alice', roles: ['a', 'b',],}", { user: 'alice', roles: ['a', 'b'] }],
    ['JSON5 comments', '{\n  // who\n  "user": "alice" /* inline */\n}', { user: 'alice' }],
    ['Python dict from Django code', "{'user': 'bob', 'is_staff': True, 'team': None, 'active': False,}", { user: 'bob', is_staff: true, team: null, active: false }],
    ['Python with # comments', "{\n    'user': user.username,  # the login\n}".replace('user.username', "'carol'"), { user: 'carol' }],
    ['Python words inside strings stay', "{'msg': 'True or None', \"x\": \"False\"}", { msg: 'True or None', x: 'False' }],
    ['Python escapes in strings', "{'quote': 'it\\'s'}", { quote: "it's" }],
    ['nested', '{"a": {"b": [1, {"c": null}]}}', { a: { b: [1, { c: null }] } }],
  ];
  for (const [name, text, expected] of good) {
    it(`reads ${name}`, async () => assert.deepEqual(await parsePayload(text), expected));
  }

  const syntax: [string, string, number, number][] = [
    ['a missing value', '{\n  "a": 1,\n  "b": \n}', 4, 1],
    ['an unterminated string', '{"a": "x}', 1, 10],
    ['a Python call', "{'exp': datetime.utcnow()}", 1, 9],
    ['text that is not an object at all', 'hello world', 1, 1],
    // the missing `]` belongs after "dev" on line 3, not at the `}` on line 4 where the parser stops
    ['a list not closed before the object ends', '{\n  "user": "alice",\n  "roles": ["admin", "dev"\n}', 3, 27],
    ['an object not closed before the list ends', "{'a': [{'b': 1]}", 1, 15],
    ['an object not closed at the end', '{\n  "a": {"b": 1\n', 2, 15],
  ];
  for (const [name, text, line, column] of syntax) {
    it(`says where the error is: ${name}`, async () => {
      await assert.rejects(parsePayload(text), (e: unknown) => {
        assert.ok(e instanceof PayloadSyntaxError);
        assert.equal(e.code, 'ERR_PAYLOAD_SYNTAX');
        assert.deepEqual({ line: e.line, column: e.column }, { line, column });
        assert.match(e.message, new RegExp(`line ${line}, column ${column}`));
        return true;
      });
    });
  }

  for (const [text, kind] of [['[1, 2]', 'an array'], ['42', 'a number'], ['"s"', 'a string'], ['null', 'null'], ['true', 'a boolean']]) {
    it(`refuses ${kind} as a payload`, async () => {
      await assert.rejects(parsePayload(text), (e: unknown) => isCoreError(e, 'ERR_PAYLOAD_NOT_OBJECT') && e.message.includes(kind));
    });
  }

  it('refuses an empty selection', async () => {
    await assert.rejects(parsePayload('  \n '), (e: unknown) => isCoreError(e, 'ERR_PAYLOAD_EMPTY'));
  });

  for (const text of ['{"__proto__": {"polluted": true}}', "{__proto__: {polluted: true}}", "{'__proto__': {'polluted': True}}"]) {
    it(`keeps __proto__ an own property without polluting prototypes: ${text}`, async () => {
      const p = await parsePayload(text);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.getPrototypeOf(p), Object.prototype);
      assert.ok(Object.prototype.hasOwnProperty.call(p, '__proto__'));
    });
  }
});

describe('core/payload: code in a dict is named in a Django developer\'s words (issue 11.6)', () => {
  for (const [text, code] of [
    ["{'user': user.username, 'is_staff': False}", 'user.username'],
    ['{"id": request.user.id}', 'request.user.id'],
    ["{'role': get_role(user, 'x'), 'a': 1}", "get_role(user, 'x')"],
    ["{\n  'exp': now + timedelta(days=1),\n}", 'now + timedelta(days=1)'],
  ] as const) {
    it(`${code}`, async () => {
      await assert.rejects(parsePayload(text), (e: Error & { line?: number }) => e.message.startsWith(`\`${code}\` is code, not a value: replace it with a literal`));
    });
  }
  it('a list left open names the missing `]` and where the list opened', async () => {
    await assert.rejects(parsePayload('{\n  "user": "alice",\n  "roles": ["admin", "dev"\n}'), /`\]` missing: the list opened at line 3, column 12 is not closed \(line 3, column 27\)/);
  });
  it('a bracket in a /* */ comment does not hide the list left open (JSON5 allows such comments)', async () => {
    await assert.rejects(parsePayload('{\n  "roles": ["admin", /* ] */ "dev"\n}'), /`\]` missing: the list opened at line 2, column 12 is not closed/);
  });
  it('a plain syntax error keeps the parser\'s message', async () => {
    await assert.rejects(parsePayload('{"a": 1,, }'), /not valid JSON, JSON5 or a Python dict/);
  });
});
