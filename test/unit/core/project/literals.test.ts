// Every literal JWT Workbench inserts into code goes through one quoting function per language: a setting (the
// issuer) or any other text never ends the literal it is put in.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as vm from 'node:vm';
import { djangoJwtModule, jsString, pyString, pythonSnippets, typescriptSnippets } from '../../../../src/core';

const HOSTILE = [
  "x'; require('child_process').execSync('touch pwned'); const y = '",
  'x"; import os; os.system("touch pwned"); y = "',
  'back\\slash\\',
  'line\nbreak\r\u2028\u2029',
  '${process.exit(1)}`',
  '\'\'\' """ ',
  '\u0000nul and \ud800 lone surrogate',
  'émoji 🎉 and ünïcode',
];

describe('core/literals: one quoting function per language', () => {
  it('jsString gives a JavaScript string literal that evaluates to the text itself', () => {
    for (const text of HOSTILE) assert.equal(vm.runInNewContext(jsString(text)), text, jsString(text));
  });

  it('pyString gives a Python string literal that evaluates to the text itself', function () {
    this.timeout(20000);
    const script = 'import ast, json, sys\nfor line in sys.stdin.read().split("\\n"):\n    print(json.dumps(ast.literal_eval(line)))\n';
    const out = spawnSync('/usr/bin/python3', ['-c', script], { input: HOSTILE.map(pyString).join('\n'), encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    assert.deepEqual(out.stdout.trim().split('\n').map((l) => JSON.parse(l) as string), HOSTILE);
  });

  it('the TypeScript snippets put the issuer in as one literal, whatever it holds', () => {
    for (const issuer of HOSTILE) {
      for (const s of typescriptSnippets(issuer)) {
        const body = s.body.replace(/\$0$/, '').replace(/\\([\\$}])/g, '$1');
        const m = /^const issuer = process\.env\.JWT_ISSUER \?\? (.*);$/m.exec(body);
        assert.ok(m, s.prefix);
        assert.equal(vm.runInNewContext(m[1]), issuer, `${s.prefix}: ${m[1]}`);
      }
    }
  });

  it('the Python snippets and the Django module put the issuer in as one literal, whatever it holds', () => {
    for (const issuer of HOSTILE) {
      const texts = [djangoJwtModule(issuer), ...pythonSnippets(issuer).map((s) => s.body.replace(/\$0$/, '').replace(/\\([\\$}])/g, '$1'))];
      for (const text of texts) assert.ok(text.includes(`getattr(settings, "JWT_ISSUER", ${pyString(issuer)})`));
    }
  });
});
