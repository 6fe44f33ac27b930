// The .env dialect comparison the key sources use: a variable read as the project's reader reads it, and how the other
// reader's reading differs — held to the real readers, Node's dotenv and python-dotenv (Debian python3-dotenv).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as dotenv from 'dotenv';
import { dialectOfProject, envDisagreement, envValue, readBoth, type EnvDialect } from '../../../../src/core/project/dotenvReadings';
import { FIXTURES } from '../keyFixtures';

const PEER = path.join(FIXTURES, '..', 'unit', 'core', 'project', 'pythonDotenvPeer.py');

function pythonDotenv(texts: string[]): Record<string, string | null>[] {
  const r = spawnSync('/usr/bin/python3', [PEER], { input: JSON.stringify(texts), env: { PATH: '/usr/bin:/bin' }, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`python-dotenv peer failed: ${r.stderr}`);
  return JSON.parse(r.stdout.toString());
}

/** `.env` texts where the two readers agree and where they do not, with how the other reader differs. */
const CASES: { name: string; text: string; used: EnvDialect; want: ReturnType<typeof envDisagreement>['kind'] | 'agree' }[] = [
  { name: 'a plain line', text: 'JWT_SECRET=abc\n', used: 'dotenv', want: 'agree' },
  { name: 'export and a comment', text: 'export JWT_SECRET=abc # the key\n', used: 'python-dotenv', want: 'agree' },
  { name: 'double quotes with \\n', text: 'JWT_SECRET="a\\nb"\n', used: 'dotenv', want: 'agree' },
  { name: 'backticks, the project reads with dotenv', text: 'JWT_SECRET=`abc`\n', used: 'dotenv', want: 'withBackticks' },
  { name: 'backticks, the project reads with python-dotenv', text: 'JWT_SECRET=`abc`\n', used: 'python-dotenv', want: 'withoutBackticks' },
  { name: 'the colon form, dotenv project', text: 'JWT_SECRET: abc\n', used: 'dotenv', want: 'unread' },
  { name: 'the colon form, python-dotenv project', text: 'JWT_SECRET: abc\n', used: 'python-dotenv', want: 'differs' },
  { name: 'a BOM before the first line, dotenv project', text: '\uFEFFJWT_SECRET=abc\nOTHER=1\n', used: 'dotenv', want: 'unread' },
  { name: 'an interpolation python-dotenv expands', text: 'X=1\nJWT_SECRET=${X}2\n', used: 'dotenv', want: 'differs' },
];

describe('core/dotenvReadings', () => {
  const texts = CASES.map((c) => c.text);
  let python: Record<string, string | null>[] = [];
  before(() => {
    python = pythonDotenv(texts);
  });

  for (const [i, c] of CASES.entries()) {
    it(`${c.name}: each reading is what that reader reads, and the difference is ${c.want}`, () => {
      const real: Record<EnvDialect, string | undefined> = { dotenv: dotenv.parse(c.text).JWT_SECRET, 'python-dotenv': python[i].JWT_SECRET ?? undefined };
      const r = readBoth(c.text, 'JWT_SECRET', c.used);
      const other: EnvDialect = c.used === 'dotenv' ? 'python-dotenv' : 'dotenv';
      assert.equal(r.dialect, c.used);
      assert.equal(r.value, real[c.used], `${c.used} reads ${JSON.stringify(real[c.used])}`);
      if (c.want === 'agree') {
        assert.equal(r.other, undefined);
        assert.equal(real.dotenv, real['python-dotenv']);
        return;
      }
      assert.deepEqual(r.other, { dialect: other, value: real[other] });
      assert.equal(envDisagreement(r.value, r.other!.value).kind, c.want);
    });
  }

  it('the disagreement never carries either value, only lengths', () => {
    const d = envDisagreement('s3cret-value', 's3cret-other!');
    assert.deepEqual(d, { kind: 'differs', length: 12, otherLength: 13 });
    assert.doesNotMatch(JSON.stringify(envDisagreement('`zq`', 'zq')), /zq/);
  });

  it('a variable the reader does not read is undefined, an empty one is ""', () => {
    assert.equal(envValue('OTHER=1\n', 'JWT_SECRET', 'dotenv'), undefined);
    assert.equal(envValue('OTHER=1\n', 'JWT_SECRET', 'python-dotenv'), undefined);
    assert.equal(envValue('JWT_SECRET=\n', 'JWT_SECRET', 'dotenv'), '');
    assert.equal(envValue('JWT_SECRET=\n', 'JWT_SECRET', 'python-dotenv'), '');
    assert.equal(envValue('toString=1\n', 'constructor', 'dotenv'), undefined, 'an inherited name is no variable');
  });

  describe('dialectOfProject', () => {
    const has = (...files: string[]) => (f: string) => files.includes(f);
    for (const marker of ['manage.py', 'pyproject.toml', 'requirements.txt', 'setup.py', 'Pipfile']) {
      it(`${marker} makes it a python-dotenv project, even beside a package.json`, () => assert.equal(dialectOfProject(has(marker, 'package.json')), 'python-dotenv'));
    }
    it('a package.json alone makes it a dotenv project', () => assert.equal(dialectOfProject(has('package.json')), 'dotenv'));
    it('neither leaves it undecided (the folder above decides)', () => assert.equal(dialectOfProject(has('README.md')), undefined));
  });
});
