import { JwtWorkbenchError } from '../base/errors';
import { checkJwksUrl } from './jwks';

/** The most a discovery document may weigh; real ones are a few KiB. */
export const DISCOVERY_MAX_BYTES = 262_144; // 256 KiB

/** Where an issuer's metadata is looked for, in order (the second only when the first is not there). */
export interface DiscoveryPlan {
  /** The issuer, exactly as it will be compared with the document's `issuer`. */
  issuer: string;
  /** OpenID Connect Discovery 1.0 §4 first, then RFC 8414 §3's `/.well-known/oauth-authorization-server` form. */
  urls: string[];
}

const discoveryError = (message: string) => new JwtWorkbenchError('ERR_DISCOVERY', message);

/**
 * The metadata URLs of an issuer: `<iss>/.well-known/openid-configuration` (OpenID Connect Discovery §4: appended to
 * the issuer, a trailing slash removed first), then `https://host/.well-known/oauth-authorization-server<path>` (RFC
 * 8414 §3.1: inserted between the host and the path). The issuer must be an https URL (plain http only to this
 * machine, as for a JWKS URL) with no query, fragment or credentials (RFC 8414 §2). Throws ERR_DISCOVERY.
 */
export function discoveryPlan(issuer: unknown): DiscoveryPlan {
  if (typeof issuer !== 'string' || !issuer) throw discoveryError('The token has no "iss" to discover keys for.');
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw discoveryError(`The issuer "${issuer.slice(0, 200)}" is not a URL, so it has no discovery document.`);
  }
  if (url.search || url.hash || issuer.includes('#') || issuer.includes('?')) throw discoveryError('An issuer identifier has no query or fragment (RFC 8414 §2), so this one cannot be discovered.');
  try {
    checkJwksUrl(issuer);
  } catch (e) {
    throw discoveryError(`The issuer cannot be fetched from: ${(e as Error).message}`);
  }
  const path = url.pathname.replace(/\/$/, '');
  const origin = url.origin;
  const oidc = `${origin}${path}/.well-known/openid-configuration`;
  const oauth = `${origin}/.well-known/oauth-authorization-server${path}`;
  return { issuer, urls: oidc === oauth ? [oidc] : [oidc, oauth] };
}

/**
 * Read a discovery document fetched from `plan.urls`. Its `issuer` must equal the token's `iss` exactly (OpenID
 * Connect Discovery §4.3, RFC 8414 §3.3: otherwise the document may describe another issuer and its keys must not be
 * used); its `jwks_uri` must be a URL a JWKS may be fetched from for that issuer (no private, link-local or loopback
 * address unless the issuer is on this machine). Returns the checked jwks_uri; throws ERR_DISCOVERY
 * naming what is wrong.
 */
export function readDiscoveryDocument(text: string, issuer: string, from: string): { jwksUri: string } {
  if (text.length > DISCOVERY_MAX_BYTES) throw discoveryError(`${from} is over ${DISCOVERY_MAX_BYTES / 1024} KiB; a discovery document is a few KiB.`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw discoveryError(`${from} is not JSON, so it is not a discovery document.`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw discoveryError(`${from} is JSON but not an object, so it is not a discovery document.`);
  const d = doc as Record<string, unknown>;
  if (typeof d.issuer !== 'string') throw discoveryError(`${from} has no "issuer", so it cannot be tied to the token's issuer.`);
  if (d.issuer !== issuer) {
    throw discoveryError(`${from} is the document of issuer "${d.issuer.slice(0, 200)}", not "${issuer}": its keys are refused (OpenID Connect Discovery §4.3 requires the two to be identical).`);
  }
  if (typeof d.jwks_uri !== 'string') throw discoveryError(`${from} names no "jwks_uri": the issuer publishes no keys there.`);
  try {
    return { jwksUri: checkJwksUrl(d.jwks_uri, issuer) };
  } catch (e) {
    throw discoveryError(`${from} names the jwks_uri "${d.jwks_uri.slice(0, 200)}", which is refused: ${(e as Error).message}`);
  }
}
