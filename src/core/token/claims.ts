/** What registered (RFC 7519 §4.1) and common OpenID Connect claims mean, and how to phrase times. */
export const CLAIM_DESCRIPTIONS: Readonly<Record<string, string>> = {
  iss: 'Issuer — who created and signed the token',
  sub: 'Subject — whom the token is about (usually a user id)',
  aud: 'Audience — who the token is meant for',
  exp: 'Expiration time — the token must not be accepted after this',
  nbf: 'Not before — the token must not be accepted before this',
  iat: 'Issued at — when the token was created',
  jti: 'JWT ID — a unique id, used to stop replays',
  // OpenID Connect Core 1.0 §2 and §5.1
  auth_time: 'Authentication time — when the user actually logged in',
  nonce: 'Nonce — ties an ID token to the client\'s login request',
  acr: 'Authentication context class reference — how strongly the user was authenticated',
  amr: 'Authentication methods references — how the user authenticated (pwd, otp, …)',
  azp: 'Authorized party — the client the token was issued to',
  at_hash: 'Access token hash — binds an ID token to an access token',
  c_hash: 'Code hash — binds an ID token to an authorization code',
  sid: 'Session ID — the login session at the provider',
  name: 'Full name',
  given_name: 'Given (first) name',
  family_name: 'Family (last) name',
  middle_name: 'Middle name',
  nickname: 'Casual name',
  preferred_username: 'Username the user prefers',
  profile: 'Profile page URL',
  picture: 'Profile picture URL',
  website: 'Web page or blog URL',
  email: 'Email address',
  email_verified: 'Whether the provider has verified the email address',
  gender: 'Gender',
  birthdate: 'Birthday (YYYY-MM-DD)',
  zoneinfo: 'Time zone (e.g. Europe/Paris)',
  locale: 'Locale (e.g. en-US)',
  phone_number: 'Phone number',
  phone_number_verified: 'Whether the provider has verified the phone number',
  address: 'Postal address',
  updated_at: 'When the user\'s information was last updated',
  // OAuth 2.0 access tokens (RFC 9068) and token exchange (RFC 8693)
  scope: 'Scopes granted, separated by spaces',
  client_id: 'OAuth client the token was issued to',
  cnf: 'Confirmation — the key the token is bound to (proof of possession)',
  act: 'Actor — who is acting on behalf of the subject',
  roles: 'Roles granted to the subject',
  groups: 'Groups the subject belongs to',
  entitlements: 'Entitlements granted to the subject',
  // the recipe this tool grew from
  user: 'User — the application\'s user identifier',
};

/** Claims whose value is a NumericDate (seconds since the epoch). */
export const TIME_CLAIMS: ReadonlySet<string> = new Set(['exp', 'nbf', 'iat', 'auth_time', 'updated_at']);

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31536000],
  ['month', 2592000],
  ['week', 604800],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];
const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/**
 * "in 23 hours", "2 days ago", "now": `seconds - nowSeconds` in the largest unit it (nearly) fills, rounded — so a
 * token made a second ago with a one-day lifetime expires "in 1 day", not "in 23 hours".
 */
export function relativeTime(seconds: number, nowSeconds: number): string {
  const delta = seconds - nowSeconds;
  const abs = Math.abs(delta);
  if (abs < 1) return 'now';
  for (const [unit, size] of UNITS) {
    if (abs >= size * 0.99) return rtf.format(Math.sign(delta) * Math.max(1, Math.round(abs / size)), unit);
  }
  return 'now';
}

/**
 * A NumericDate as the claims table shows it — `2026-12-05 20:17:11 UTC` (milliseconds only when there are any) — so
 * the banner and the table say a time the same way. Undefined when it is out of the Date range.
 */
export function utcTime(seconds: number): string | undefined {
  return isoTime(seconds)?.replace('T', ' ').replace(/\.000Z$|Z$/, ' UTC');
}

/** ISO 8601 time of a NumericDate, or undefined when it is out of the Date range. */
export function isoTime(seconds: number): string | undefined {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
