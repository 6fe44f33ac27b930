/**
 * Whether `.gitignore` text ignores the file at `relPath` (slash-separated, relative to the .gitignore's folder).
 * Supports the patterns people use for env files — names, leading `/`, `*` and `**` — and later `!` negations;
 * not character classes or escaped characters. The `.gitignore` is a repository's file: each line is matched in
 * one pass over the path with a set of pattern positions (no backtracking regular expression), so no line — a
 * megabyte of blanks, thousands of wildcards — costs more than its length times the path's.
 */
export function isIgnored(gitignore: string, relPath: string): boolean {
  let ignored = false;
  for (const raw of gitignore.split('\n')) {
    const line = trimEnd(raw);
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    let pattern = negate ? line.slice(1) : line;
    if (pattern.endsWith('/')) continue; // directories only
    const anchored = pattern.startsWith('/') || pattern.slice(0, -1).includes('/');
    pattern = pattern.replace(/^\//, '');
    const glob = compile(pattern);
    const candidates = anchored ? [relPath] : relPath.split('/').map((_, i, parts) => parts.slice(i).join('/'));
    if (candidates.some((c) => matches(glob, c))) ignored = !negate;
  }
  return ignored;
}

/** `text` without its trailing blanks (and a CR), in one pass from the end: /\s+$/ backtracks from every blank. */
function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return text.slice(0, end);
}

/** "**" then "/": no directory or any; `**`: anything; `*`: anything but `/`; `?`: one character but `/`. */
type Step = { kind: 'dirs' | 'any' | 'star' | 'one' } | { kind: 'char'; char: string };

function compile(pattern: string): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < pattern.length; i++) {
    if (pattern.startsWith('**/', i)) {
      steps.push({ kind: 'dirs' });
      i += 2;
    } else if (pattern.startsWith('**', i)) {
      steps.push({ kind: 'any' });
      i += 1;
    } else if (pattern[i] === '*') steps.push({ kind: 'star' });
    else if (pattern[i] === '?') steps.push({ kind: 'one' });
    else steps.push({ kind: 'char', char: pattern[i] });
  }
  return steps;
}

/**
 * Whether `glob` matches all of `path`: the set of positions in the glob reached so far, advanced per character. A
 * "**" and "/" together are two positions: before them (they may match nothing) and inside (any text read so far, only a "/" leaves it).
 */
function matches(glob: Step[], path: string): boolean {
  const inside = (i: number) => glob.length + 1 + i;
  let states = closure(glob, [0]);
  for (const c of path) {
    const next: number[] = [];
    for (const s of states) {
      const dirs = s > glob.length ? s - glob.length - 1 : undefined;
      if (dirs !== undefined) {
        next.push(s);
        if (c === '/') next.push(dirs + 1);
        continue;
      }
      const step = glob[s];
      if (!step) continue;
      if (step.kind === 'dirs') next.push(c === '/' ? s + 1 : inside(s), inside(s));
      if (step.kind === 'any' || (step.kind === 'star' && c !== '/')) next.push(s);
      if ((step.kind === 'char' && step.char === c) || (step.kind === 'one' && c !== '/')) next.push(s + 1);
    }
    states = closure(glob, next);
    if (!states.length) return false;
  }
  return states.includes(glob.length);
}

/** `states` with every position reachable without reading a character (past wildcards that may match nothing). */
function closure(glob: Step[], states: number[]): number[] {
  const seen = new Set<number>();
  for (let i of states) {
    while (!seen.has(i)) {
      seen.add(i);
      const kind = i < glob.length ? glob[i].kind : undefined;
      if (kind !== 'any' && kind !== 'star' && kind !== 'dirs') break;
      i++;
    }
  }
  return [...seen];
}
