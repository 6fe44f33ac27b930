/**
 * Whether `.gitignore` text ignores the file at `relPath` (slash-separated, relative to the .gitignore's folder).
 * Supports the patterns people use for env files — names, leading `/`, `*` and `**` — and later `!` negations;
 * not character classes or escaped characters.
 */
export function isIgnored(gitignore: string, relPath: string): boolean {
  let ignored = false;
  for (const raw of gitignore.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    let pattern = negate ? line.slice(1) : line;
    if (pattern.endsWith('/')) continue; // directories only
    const anchored = pattern.startsWith('/') || pattern.slice(0, -1).includes('/');
    pattern = pattern.replace(/^\//, '');
    const re = new RegExp(
      '^' +
        pattern
          .split(/(\*\*\/|\*\*|\*|\?)/)
          .map((part) => (part === '**/' ? '(?:.*/)?' : part === '**' ? '.*' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
          .join('') +
        '$',
    );
    const candidates = anchored ? [relPath] : relPath.split('/').map((_, i, parts) => parts.slice(i).join('/'));
    if (candidates.some((c) => re.test(c))) ignored = !negate;
  }
  return ignored;
}
