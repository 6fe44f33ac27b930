// The recipe's code as VS Code snippets, each complete on its own (imports included): the Python ones are the Django
// module's own pieces (django.ts), the TypeScript ones the same recipe with jose and Express.
import { GENERATE, JWT_IMPORTS, MIDDLEWARE_CLASS, MIDDLEWARE_IMPORTS, TOKEN_ERROR, VERIFY, lines } from './django';
import { jsString } from './literals';

/** Escape text for a VS Code snippet body (`$`, `}` and `\` are syntax there). */
export function snippetEscape(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/**
 * The Python snippets, each complete on its own (imports included), as snippet bodies: `generate_jwt`,
 * `verify_jwt` (with TokenError) and `jwt_middleware` (with its own verify_jwt, so it runs with nothing else).
 */
export function pythonSnippets(issuer: string): { prefix: string; description: string; body: string }[] {
  const body = (...blocks: string[][]) => `${snippetEscape(lines(...blocks))}$0`;
  return [
    { prefix: 'generate_jwt', description: `PyJWT: sign {user, exp: now + 1 day, iat, iss: "${issuer}"} with HS256 and settings.JWT_SECRET`, body: body(JWT_IMPORTS, GENERATE(issuer)) },
    { prefix: 'verify_jwt', description: 'PyJWT: verify (HS256 only, exp required) and raise the recipe\'s "Token has expired." / "Token is invalid."', body: body(['import jwt', 'from django.conf import settings'], TOKEN_ERROR, VERIFY(issuer)) },
    {
      prefix: 'jwt_middleware',
      description: 'Django: Bearer-token middleware with the recipe\'s 401 {"status": "error", "message": …}; exempts OPTIONS, the login route, 404s',
      body: body(['import jwt', ...MIDDLEWARE_IMPORTS], TOKEN_ERROR, VERIFY(issuer), MIDDLEWARE_CLASS),
    },
  ];
}

/** The TypeScript (jose) snippets, each complete on its own: generateJwt, verifyJwt, and an Express middleware. */
export function typescriptSnippets(issuer: string): { prefix: string; description: string; body: string }[] {
  const secret = ["const secret = new TextEncoder().encode(process.env.JWT_SECRET ?? '');", `const issuer = process.env.JWT_ISSUER ?? ${jsString(issuer)};`];
  const verify = [
    'export class TokenError extends Error {}',
    '',
    '/** The claims of a valid token; throws TokenError("Token has expired.") or TokenError("Token is invalid."). */',
    'export async function verifyJwt(token: string): Promise<JWTPayload> {',
    '  try {',
    "    const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], issuer, requiredClaims: ['exp', 'iat', 'iss'] });",
    '    return payload;',
    '  } catch (e) {',
    "    throw new TokenError(e instanceof errors.JWTExpired ? 'Token has expired.' : 'Token is invalid.');",
    '  }',
    '}',
  ];
  const b = (...parts: string[][]) => `${snippetEscape(parts.map((p) => p.join('\n')).join('\n\n') + '\n')}$0`;
  return [
    {
      prefix: 'generateJwt',
      description: `jose: sign {user} with HS256, iat, exp = 1 day, iss "${issuer}" — JWT_SECRET's UTF-8 bytes as the key, as PyJWT uses it`,
      body: b(["import { SignJWT } from 'jose';"], secret, [
        'export function generateJwt(user: string): Promise<string> {',
        "  return new SignJWT({ user }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().setExpirationTime('1d').setIssuer(issuer).sign(secret);",
        '}',
      ]),
    },
    { prefix: 'verifyJwt', description: 'jose: verify (HS256 only, exp required) and throw the recipe\'s errors', body: b(["import { errors, jwtVerify, type JWTPayload } from 'jose';"], secret, verify) },
    {
      prefix: 'jwtExpressMiddleware',
      description: 'Express: Bearer-token middleware with the recipe\'s 401 {"status": "error", "message": …}; OPTIONS and the exempt paths pass',
      body: b(["import type { NextFunction, Request, Response } from 'express';", "import { errors, jwtVerify, type JWTPayload } from 'jose';"], secret, verify, [
        "const EXEMPT = ['/login'];",
        '',
        'export async function jwtAuthentication(req: Request, res: Response, next: NextFunction): Promise<void> {',
        "  if (req.method === 'OPTIONS' || EXEMPT.some((p) => req.path.startsWith(p))) return next();",
        "  const header = req.get('authorization') ?? '';",
        "  if (!header) return void res.status(401).json({ status: 'error', message: 'Authentication required.' });",
        "  const [scheme, token] = header.split(' ');",
        "  if (scheme?.toLowerCase() !== 'bearer' || !token) return void res.status(401).json({ status: 'error', message: 'Token is invalid.' });",
        '  try {',
        '    res.locals.jwt = await verifyJwt(token);',
        '    next();',
        '  } catch (e) {',
        "    res.status(401).json({ status: 'error', message: (e as Error).message });",
        '  }',
        '}',
      ]),
    },
  ];
}
