// Sign as SD-JWT: the chosen top-level claims become disclosures ([salt, name, value], salts from the
// CSPRNG), their sha-256 digests go into `_sd` (sorted, so their order tells nothing), and the output is
// `<jwt>~<d1>~…~` — an SD-JWT with every disclosure, for the holder to present as it chooses.
import { JwtWorkbenchError } from '../base/errors';
import { bytesToBase64Url, utf8 } from '../base/encoding';
import type { KeyInput } from '../keys/types';
import { signToken, withDefaultClaims, type SignOptions } from '../token/sign';
import { sdDigest } from './sdJwt';

/** Claims that are never made disclosable: SD-JWT's own, and the holder key a KB-JWT is checked with. */
export const NEVER_DISCLOSABLE: ReadonlySet<string> = new Set(['_sd', '_sd_alg', '...', 'cnf']);

export interface SdJwtSignOptions extends SignOptions {
  /** Top-level claim names that become selectively disclosable. */
  disclosable: string[];
}

/** Sign `payload` as an SD-JWT with the `disclosable` claims as disclosures. Throws ERR_CLAIMS_TYPE naming a claim that cannot be one. */
export async function signSdJwt(payload: Record<string, unknown>, key: KeyInput, opts: SdJwtSignOptions): Promise<string> {
  const claims = opts.addDefaults === false ? { ...payload } : withDefaultClaims(payload, opts);
  const digests: string[] = [];
  const disclosures: string[] = [];
  for (const name of opts.disclosable) {
    if (NEVER_DISCLOSABLE.has(name)) throw new JwtWorkbenchError('ERR_CLAIMS_TYPE', `"${name}" cannot be selectively disclosable (RFC 9901 §4.2.1; cnf must stay visible for key binding).`);
    if (!Object.prototype.hasOwnProperty.call(claims, name)) throw new JwtWorkbenchError('ERR_CLAIMS_TYPE', `The payload has no claim "${name}" to make disclosable.`);
    const salt = bytesToBase64Url(crypto.getRandomValues(new Uint8Array(16)));
    const encoded = bytesToBase64Url(utf8.encode(JSON.stringify([salt, name, claims[name]])));
    disclosures.push(encoded);
    digests.push(await sdDigest(encoded, 'SHA-256'));
    delete claims[name];
  }
  // Explicit typing (RFC 9901 §9.11): an SD-JWT VC (it has `vct`) is `dc+sd-jwt`; any other SD-JWT gets the
  // RFC's application-specific form, `example+sd-jwt`, unless the caller names its own type — never plain `JWT`.
  const typ = opts.header?.typ ?? (typeof claims.vct === 'string' ? 'dc+sd-jwt' : 'example+sd-jwt');
  const jwt = await signToken({ ...claims, _sd: digests.sort(), _sd_alg: 'sha-256' }, key, { ...opts, header: { ...opts.header, typ }, addDefaults: false });
  return `${jwt}~${disclosures.map((d) => `${d}~`).join('')}`;
}
