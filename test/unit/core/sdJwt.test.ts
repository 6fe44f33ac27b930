// Issue 12: SD-JWT with the specification's own example (RFC 9901 §5.2, the key of Appendix A.5), and SD-JWTs found
// in text wherever a JWT is.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findTokens, inspectToken } from '../../../src/core';
import { FIXTURES } from './keyFixtures';

const DIR = path.join(FIXTURES, 'rfc9901');
const presentation = fs.readFileSync(path.join(DIR, 'presentation.txt'), 'utf8').trim();
const processed = JSON.parse(fs.readFileSync(path.join(DIR, 'processed.json'), 'utf8'));
const issuerKey = JSON.parse(fs.readFileSync(path.join(DIR, 'issuer-key.json'), 'utf8'));
const AT = new Date(1748536865 * 1000);
/** The processed claims as data: they are built without prototypes (a "__proto__" claim is a claim). */
const data = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('core: SD-JWT, RFC 9901 §5.2 example', () => {
  it('verifies with the key of Appendix A.5 at the KB-JWT\'s time, and processes to the payload the RFC gives', async () => {
    const ins = await inspectToken(presentation, { key: { jwk: issuerKey }, now: AT, audience: 'https://verifier.example.org', nonce: '1234567890' });
    assert.equal(ins.verdict, 'verified', ins.detail);
    assert.equal(ins.profile, 'sd-jwt');
    assert.deepEqual(data(ins.payload), processed);
    assert.equal(ins.disclosures?.length, 4);
    assert.deepEqual(ins.disclosures?.map((d) => d.path).sort(), ['address', 'family_name', 'given_name', 'nationalities[0]']);
    assert.equal(ins.withheld, 6, 'email, phone_number, phone_number_verified, birthdate, updated_at and the DE nationality');
    for (const c of ins.checks!) assert.notEqual(c.status, 'failed', `${c.name}: ${c.message}`);
    assert.equal(ins.keyBinding?.header?.typ, 'kb+jwt');
  });

  it('an hour later the same presentation is too old, and with another nonce it is for another request', async () => {
    const late = await inspectToken(presentation, { key: { jwk: issuerKey }, now: new Date(AT.getTime() + 3600e3) });
    assert.equal(late.verdict, 'claim-mismatch');
    assert.match(late.detail!, /The KB-JWT was made 1 hour ago;/);
    const other = await inspectToken(presentation, { key: { jwk: issuerKey }, now: AT, nonce: 'another' });
    assert.equal(other.verdict, 'claim-mismatch');
  });

  it('without a key: the disclosures are still decoded, and it is not verified', async () => {
    const ins = await inspectToken(presentation, { now: AT });
    assert.equal(ins.verdict, 'unverified');
    assert.deepEqual(data(ins.payload), processed);
    assert.equal(ins.checks?.find((c) => c.name === 'issuer signature')?.status, 'not-checked');
  });

  it('a "~" after something that is not a JWT is malformed, and says why', async () => {
    const ins = await inspectToken('hello~world~');
    assert.equal(ins.verdict, 'malformed');
    assert.match(ins.detail!, /SD-JWT/);
  });
});

describe('core/findTokens: SD-JWTs', () => {
  it('finds the whole presentation, disclosures and KB-JWT included, in a header line and in JSON', () => {
    for (const text of [`DPoP-less request\nAuthorization: Bearer ${presentation}\n`, JSON.stringify({ vp_token: presentation, other: 1 })]) {
      const found = findTokens(text);
      assert.equal(found.length, 1);
      assert.equal(found[0].kind, 'sd-jwt');
      assert.equal(found[0].token, presentation);
      assert.equal(text.slice(found[0].start, found[0].end), presentation);
    }
  });
  it('an SD-JWT ending in "~" (no KB-JWT) keeps its last "~"; a plain JWT followed by "~" text is a JWT', () => {
    const issued = presentation.slice(0, presentation.lastIndexOf('~') + 1);
    assert.deepEqual(findTokens(`x ${issued} y`).map((t) => [t.kind, t.token]), [['sd-jwt', issued]]);
    const jwt = presentation.split('~')[0];
    assert.deepEqual(findTokens(`${jwt}~`).map((t) => [t.kind, t.token]), [['sd-jwt', `${jwt}~`]]);
    assert.deepEqual(findTokens(`${jwt} ~home`).map((t) => [t.kind, t.token]), [['jws', jwt]]);
  });
});
