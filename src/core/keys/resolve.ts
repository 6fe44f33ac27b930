// A key as users have it (a PEM block, a JWK or JWKS, secret text) read into the keys it holds.
import { utf8 } from '../base/encoding';
import { keyError } from '../base/errors';
import type { KeyCache } from './cache';
import { jwkKey, jwksKeys } from './jwk';
import { pemKey } from './pem';
import { decodeSecret, secretKey } from './secret';
import type { KeyInfo, KeyInput, ResolvedKey, ResolvedKeySet } from './types';

/** Read any KeyInput into one or more keys (a JWKS gives several). Throws ERR_KEY_FORMAT with the reason. */
export function resolveKeys(input: KeyInput, cache?: KeyCache): ResolvedKey[] {
  return resolveKeySet(input, cache).keys;
}

/** Like {@link resolveKeys}, and also says which JWKS members were refused and why. */
export function resolveKeySet(input: KeyInput, cache?: KeyCache): ResolvedKeySet {
  if (typeof input === 'string') return cache ? cache.resolve(input, () => resolveString(input)) : resolveString(input);
  if (input && typeof input === 'object') {
    if ('secret' in input) return single(secretKey(decodeSecret(input.secret, input.encoding)));
    if ('jwk' in input) return single(jwkKey(input.jwk));
    if ('jwks' in input) return jwksKeys(input.jwks);
    if ('anchors' in input) throw keyError('Trust anchors are not a key: they verify a token through the certificate chain in its x5c header.');
  }
  throw new TypeError('KeyInput must be a string, { secret, encoding }, { jwk }, { jwks } or { anchors }');
}

const single = (key: ResolvedKey): ResolvedKeySet => ({ keys: [key], rejected: [] });

function resolveString(text: string): ResolvedKeySet {
  const trimmed = text.trim();
  if (trimmed.includes('-----BEGIN ')) return single(pemKey(trimmed));
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      parsed = undefined;
    }
    if (parsed && typeof parsed === 'object') {
      if (Array.isArray((parsed as { keys?: unknown }).keys)) return jwksKeys(parsed);
      if (typeof (parsed as { kty?: unknown }).kty === 'string') return single(jwkKey(parsed));
    }
  }
  if (text.length === 0) throw keyError('The secret is empty.');
  return single(secretKey(utf8.encode(text)));
}

/** Describe a KeyInput without revealing it. Throws like resolveKeys. */
export function describeKey(input: KeyInput, cache?: KeyCache): KeyInfo[] {
  return resolveKeys(input, cache).map(({ material: _material, ...info }) => info);
}
