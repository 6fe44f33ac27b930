// Hostile SD-JWT disclosures: a value nested far deeper than any payload may be, and a signed `__proto__` claim.
// Each is shown for what it is, and the inspection stays plain data the view can carry.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { inspectToken, signToken } from '../../../../src/core';
import { sdDigest } from '../../../../src/core/profiles/sdJwt';

const SECRET = crypto.randomBytes(32).toString('hex');
const b64 = (s: string) => Buffer.from(s).toString('base64url');

/** The JSON text of a value: as is when given as { json } (too deep for JSON.stringify). */
const jsonOf = (value: unknown) => (value && typeof value === 'object' && 'json' in value ? String(value.json) : JSON.stringify(value));

/** An SD-JWT whose claims are `plain` plus the given disclosures, each referenced from the top-level `_sd`. */
async function sdJwt(plain: Record<string, unknown>, disclosed: [string, unknown][]): Promise<string> {
  const encoded = disclosed.map(([name, value]) => b64(`[${JSON.stringify(crypto.randomBytes(12).toString('base64url'))}, ${JSON.stringify(name)}, ${jsonOf(value)}]`));
  const digests = await Promise.all(encoded.map((e) => sdDigest(e, 'SHA-256')));
  const jwt = await signToken({ ...plain, _sd: digests, _sd_alg: 'sha-256' }, SECRET, { lifetime: '1h' });
  return `${jwt}~${encoded.map((e) => `${e}~`).join('')}`;
}

describe('core: hostile SD-JWT disclosures', () => {
  it('a disclosure whose value is 5,000 arrays deep is refused with the reason; the inspection stays serialisable', async () => {
    const deep = { json: '['.repeat(5000) + ']'.repeat(5000) };
    const token = await sdJwt({ sub: 'u' }, [['deep', deep], ['ok', 1]]);
    assert.ok(token.length < 20_000, `${token.length} chars`);
    const ins = await inspectToken(token, { key: SECRET });
    assert.notEqual(ins.verdict, 'verified');
    const refused = ins.disclosures?.find((d) => d.problem && /nested more than 200 levels deep/.test(d.problem));
    assert.ok(refused, JSON.stringify(ins.disclosures?.map((d) => [d.status, d.problem])));
    assert.equal(refused.value, undefined, 'the deep value is not carried');
    assert.equal(ins.checks?.find((c) => c.name === 'disclosures')?.status, 'failed');
    assert.match(ins.detail!, /nested more than 200 levels deep/);
    assert.deepEqual(Object.keys(ins.payload as object).sort(), ['exp', 'iat', 'ok', 'sub']);
    structuredClone(ins);
    JSON.parse(JSON.stringify(ins));
  });

  it('a signed "__proto__" claim is a claim like any other: listed, and never the prototype of the processed claims', async () => {
    const issued = JSON.parse('{"sub": "u", "__proto__": {"role": "admin"}}');
    const token = await sdJwt(issued, [['email', 'a@example.com']]);
    const ins = await inspectToken(token, { key: SECRET });
    assert.equal(ins.verdict, 'verified', ins.detail);
    const payload = ins.payload as Record<string, unknown>;
    assert.equal(payload.role, undefined, 'role does not read through a prototype');
    assert.ok(Object.prototype.hasOwnProperty.call(payload, '__proto__'));
    assert.equal(Object.getPrototypeOf(payload), null, 'the processed claims have no prototype to pollute');
    assert.deepEqual(JSON.parse(JSON.stringify(payload['__proto__'])), { role: 'admin' });
    assert.ok(ins.claims.some((c) => c.name === '__proto__'), 'the claims table lists it');
    // A disclosed "__proto__" too.
    const disclosed = await inspectToken(await sdJwt({ sub: 'u' }, [['__proto__', { role: 'admin' }]]), { key: SECRET });
    const p2 = disclosed.payload as Record<string, unknown>;
    assert.equal(p2.role, undefined);
    assert.ok(Object.prototype.hasOwnProperty.call(p2, '__proto__'));
    assert.ok(disclosed.claims.some((c) => c.name === '__proto__' && c.disclosed));
  });
});
