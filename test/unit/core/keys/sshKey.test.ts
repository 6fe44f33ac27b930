// OpenSSH public keys read directly, held to OpenSSH itself: keys made by ssh-keygen, their PKCS8 export (RSA,
// ECDSA) read by Node, and tokens signed by the private half with PyJWT + cryptography (Ed25519 has no PKCS8 export).
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspectToken, isCoreError, openSshPublicKeyToJwk, readKeyFile } from '../../../../src/core';

function sshKeygen(dir: string, type: string, bits?: number): { pub: string; priv: string } {
  const file = path.join(dir, `${type}${bits ?? ''}`);
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(bits ? ['-b', String(bits)] : []), '-N', '', '-C', 'dev@laptop', '-f', file]);
  return { pub: fs.readFileSync(`${file}.pub`, 'utf8'), priv: file };
}

describe('core/sshKey: OpenSSH public keys are keys', function () {
  this.timeout(60000);
  let dir = '';
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-ssh-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const [type, bits] of [['rsa', 2048], ['ecdsa', 256], ['ecdsa', 384], ['ecdsa', 521]] as const) {
    it(`${type} ${bits}: the same public key as ssh-keygen's PKCS8 export`, () => {
      const { pub, priv } = sshKeygen(dir, type, bits);
      const pem = execFileSync('ssh-keygen', ['-e', '-m', 'PKCS8', '-f', `${priv}.pub`], { encoding: 'utf8' });
      assert.deepEqual(openSshPublicKeyToJwk(pub), crypto.createPublicKey(pem).export({ format: 'jwk' }));
    });
  }

  for (const [type, alg] of [['ed25519', 'EdDSA'], ['ecdsa', 'ES256'], ['rsa', 'RS256']] as const) {
    it(`${type}: a token PyJWT signs with the private key verifies with the .pub file, read as a key file`, async () => {
      const { pub, priv } = sshKeygen(dir, type);
      const py = [
        'import jwt, sys',
        'from cryptography.hazmat.primitives.serialization import load_ssh_private_key',
        'key = load_ssh_private_key(open(sys.argv[1], "rb").read(), None)',
        'print(jwt.encode({"sub": "dev"}, key, algorithm=sys.argv[2]))',
      ].join('\n');
      const r = spawnSync('/usr/bin/python3', ['-c', py, priv, alg], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
      assert.equal(r.status, 0, r.stderr);
      const ins = await inspectToken(r.stdout.trim(), { key: await readKeyFile(pub) });
      assert.equal(ins.verdict, 'verified', ins.detail);
      // and never an HMAC secret: an HS256 token made with the .pub text as its secret (key confusion) does not verify
      const input = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"sub":"admin"}').toString('base64url')}`;
      const forged = await inspectToken(`${input}.${crypto.createHmac('sha256', pub).update(input).digest('base64url')}`, { key: await readKeyFile(pub) });
      assert.notEqual(forged.verdict, 'verified');
    });
  }

  for (const [what, line, reason] of [
    ['a truncated Ed25519 key', `ssh-ed25519 ${Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), Buffer.alloc(24)]).toString('base64')} x`, /runs past the end/],
    ['a type inside that is not the type outside', `ssh-rsa ${Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), Buffer.alloc(32)]).toString('base64')}`, /says ssh-rsa but the key inside is ssh-ed25519/],
    ['bytes after the key', `ssh-ed25519 ${Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), Buffer.alloc(33)]).toString('base64')}`, /bytes follow/],
    ['a DSA key', 'ssh-dss AAAAB3NzaC1kc3M= x', /DSA signs no JWTs/],
    ['a security key', 'sk-ssh-ed25519@openssh.com AAAA x', /security-key/],
  ] as const) {
    it(`refuses ${what}, saying why`, async () => {
      await assert.rejects(readKeyFile(line), (e: unknown) => isCoreError(e, 'ERR_KEY_FORMAT') && reason.test(e.message));
    });
  }
});
