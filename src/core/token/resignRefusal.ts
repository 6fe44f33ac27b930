/**
 * Which headers are never re-signed (the .http Re-sign lens decides from the header alone). Its own module: the lens
 * checks every header it meets at activation, and signing is read on first use.
 */
import { isSigningAlg } from '../base/algorithms';

/** Header members by which a token brings its own key or names where to fetch one. */
const OWN_KEY = ['jwk', 'jku', 'x5c', 'x5u'] as const;

/**
 * Why a token is never re-signed, whatever key verifies it (its header alone decides), or undefined. A token that
 * carries a key, a key location or a certificate chain, a DPoP proof (its holder signs it with its own key), or a
 * header extension (crit, b64) is not the user's to renew.
 */
export function resignRefusal(header: Record<string, unknown> | undefined): string | undefined {
  if (!header) return 'its header cannot be read';
  const own = OWN_KEY.filter((h) => header[h] !== undefined);
  if (own.length) return `its header carries ${own.map((h) => `"${h}"`).join(' and ')}: a key chosen by whoever made the token`;
  if (typeof header.typ === 'string' && /dpop/i.test(header.typ)) return `it is a DPoP proof (typ "${header.typ}"), which its holder signs with a key of its own`;
  if (header.crit !== undefined || header.b64 !== undefined) return 'its header uses an extension (crit, b64)';
  if (typeof header.alg !== 'string' || !isSigningAlg(header.alg)) return `its algorithm (${JSON.stringify(header.alg) ?? 'none'}) is not one JWT Workbench signs with`;
  return undefined;
}
