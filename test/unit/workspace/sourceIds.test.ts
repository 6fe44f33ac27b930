// Source ids are persisted (the signing source and the secret encodings in workspace state, the restored panel's
// state): every form an earlier version stored must parse to the same source and format back to the same text.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatSourceId, NO_KEY, parseSourceId, sourceKind, type SourceId } from '../../../src/workspace/sourceIds';

const STORED: [string, SourceId][] = [
  ['none', { kind: 'none' }],
  ['env:0:JWT_SECRET', { kind: 'env', folder: 0, variable: 'JWT_SECRET' }],
  ['env:12:api.key-2', { kind: 'env', folder: 12, variable: 'api.key-2' }],
  ['env:1:JWT_SECRET@api/.env', { kind: 'env', folder: 1, variable: 'JWT_SECRET', envFile: 'api/.env' }],
  ['env:0:SECRET_KEY@.env.staging', { kind: 'env', folder: 0, variable: 'SECRET_KEY', envFile: '.env.staging' }],
  ['file:file:///home/u/app/keys/public.pem', { kind: 'file', uri: 'file:///home/u/app/keys/public.pem' }],
  ['file:vscode-vfs://github/o/r/k%20ey.pem', { kind: 'file', uri: 'vscode-vfs://github/o/r/k%20ey.pem' }],
  ['secretfile:file:///w/secret.txt', { kind: 'secretfile', uri: 'file:///w/secret.txt' }],
  ['secret:staging', { kind: 'secret', name: 'staging' }],
  ['secret:my key.v2', { kind: 'secret', name: 'my key.v2' }],
  ['secret:file', { kind: 'secret', name: 'file' }],
  ['jwks:https://issuer.example/.well-known/jwks.json?x=1:2', { kind: 'jwks', url: 'https://issuer.example/.well-known/jwks.json?x=1:2' }],
  ['jwks:http://127.0.0.1:8080/realms/dev/certs', { kind: 'jwks', url: 'http://127.0.0.1:8080/realms/dev/certs' }],
  ['anchors:file:///w/ca.pem', { kind: 'anchors', uri: 'file:///w/ca.pem' }],
];

describe('workspace/sourceIds', () => {
  for (const [text, source] of STORED) {
    it(`${text} parses to its source and formats back to the same text`, () => {
      assert.deepEqual(parseSourceId(text), source);
      assert.equal(formatSourceId(source), text);
      assert.equal(sourceKind(text), source.kind);
    });
  }

  for (const text of ['', 'None', 'none ', 'env:', 'env:x:JWT_SECRET', 'env:-1:JWT_SECRET', 'env:00:JWT_SECRET', 'env:01:JWT_SECRET', 'env:0:', 'env:0:JWT SECRET', 'env:0:A@', 'env:0:A/B', 'env0:A', 'file', 'filex', 'Secret:x', 'keyfile:/x', 'javascript:alert(1)', ':x']) {
    it(`${JSON.stringify(text)} names no source`, () => {
      assert.equal(parseSourceId(text), undefined);
      assert.equal(sourceKind(text), undefined);
    });
  }

  it('NO_KEY is "none"', () => assert.equal(NO_KEY, 'none'));

  it('a .env source with a variable that is no name, or a bad folder index, has no text form', () => {
    for (const s of [
      { kind: 'env', folder: 0, variable: 'A B' },
      { kind: 'env', folder: 0, variable: '' },
      { kind: 'env', folder: -1, variable: 'A' },
      { kind: 'env', folder: 1.5, variable: 'A' },
      { kind: 'env', folder: 0, variable: 'A', envFile: '' },
      { kind: 'env', folder: 0, variable: 'A', envFile: 'a\n.env' },
      { kind: 'env', folder: 0, variable: 'A@b' },
    ] as SourceId[]) {
      assert.throws(() => formatSourceId(s), RangeError, JSON.stringify(s));
    }
  });

  it('any source formats to a text that parses back to it', () => {
    const rest = fc.string({ minLength: 0, maxLength: 40 });
    const source: fc.Arbitrary<SourceId> = fc.oneof(
      fc.constant<SourceId>({ kind: 'none' }),
      fc.record({ folder: fc.nat(50), variable: fc.stringMatching(/^[\w.-]{1,20}$/), envFile: fc.option(fc.string({ minLength: 1, maxLength: 30 }).filter((f) => !/[\n\r\u2028\u2029]/.test(f)), { nil: undefined }) }).map(
        ({ folder, variable, envFile }): SourceId => ({ kind: 'env', folder, variable, ...(envFile !== undefined ? { envFile } : {}) }),
      ),
      fc.record({ kind: fc.constantFrom('file' as const, 'secretfile' as const, 'anchors' as const), uri: rest }).map((r): SourceId => ({ ...r })),
      rest.map((name): SourceId => ({ kind: 'secret', name })),
      rest.map((url): SourceId => ({ kind: 'jwks', url })),
    );
    fc.assert(fc.property(source, (s) => assert.deepEqual(parseSourceId(formatSourceId(s)), s)), { numRuns: 2000 });
  });

  it('any text parses to a source whose text form is that text again, or to none', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('env:', 'file:', 'secret:', 'secretfile:', 'jwks:', 'anchors:').chain((p) => fc.string().map((r) => p + r))), (text) => {
        const s = parseSourceId(text);
        if (s) assert.equal(formatSourceId(s), text);
      }),
      { numRuns: 5000 },
    );
  });
});
