/**
 * Secrets that appear in tutorials, examples and breach corpora. A token signed with one of these can be forged by
 * anyone; the inspector checks HS* tokens against this list (a few dozen HMACs: microseconds).
 */
export const COMMON_SECRETS: ReadonlySet<string> = new Set([
  'your-256-bit-secret', // jwt.io's HS256 example
  'your-384-bit-secret',
  'your-512-bit-secret',
  'a-string-secret-at-least-256-bits-long', // jwt.io's newer example
  'secret', 'Secret', 'SECRET', 'secretkey', 'secret_key', 'secret-key', 'mysecret', 'my_secret', 'my-secret',
  'mysecretkey', 'my_secret_key', 'my-secret-key', 'your-secret-key', 'your_secret_key', 'supersecret', 'super-secret',
  'supersecretkey', 'topsecret', 'jwt', 'jwtsecret', 'jwt_secret', 'jwt-secret', 'JWT_SECRET', 'jwtkey', 'key',
  'password', 'changeme', 'change-me', 'changeit', 'test', 'testing', 'dev', 'development', 'default', 'admin',
  '123456', '12345678', 'qwerty', 'shhhhh', 'shhhhhhared-secret', 'keyboard cat', 'django-insecure', 'gottacatchemall',
]);
