import { decodeToken } from '../token/decode';

/** A token found in text; `start`/`end` are UTF-16 offsets, `end` exclusive. */
export interface FoundToken {
  start: number;
  end: number;
  token: string;
  /** 'sd-jwt': an issuer-signed JWT followed by `~`-separated disclosures and, perhaps, a Key Binding JWT (RFC 9901). */
  kind: 'jws' | 'jwe' | 'sd-jwt';
}

// 1 for base64url characters, 2 for '.', 0 otherwise.
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9_-]/.test(ch)) CLASS[c] = 1;
}
CLASS[46] = 2;
// "~" joins an SD-JWT's parts (RFC 9901): part of a run, never counted as a dot.
CLASS[126] = 4;
const DOT = 2;

const E = 101, Y = 121, J = 74; // "eyJ" — base64url of '{"', how every JOSE header starts

/** The shortest header with "alg", `{"alg":""}`, is 10 bytes: 14 base64url characters. */
const MIN_HEADER_CHARS = 14;
// A log repeats the same header on every line: the last answer is kept (a string compare instead of a decode).
let lastHeader = '';
let lastKind: 'jws' | 'jwe' | undefined;

function headerKind(part: string): 'jws' | 'jwe' | undefined {
  // The header must decode to a JSON object with "alg" (and "enc" for a JWE); 8 KB is far beyond real headers.
  if (part.length > 8192 || part.length < MIN_HEADER_CHARS) return undefined;
  if (part === lastHeader) return lastKind;
  lastHeader = part;
  lastKind = decodeHeaderKind(part);
  return lastKind;
}

function decodeHeaderKind(part: string): 'jws' | 'jwe' | undefined {
  const h = decodeToken(part).header;
  if (!h || typeof h.alg !== 'string') return undefined;
  return typeof h.enc === 'string' ? 'jwe' : 'jws';
}

function candidate(text: string, start: number, end: number, out: FoundToken[]): void {
  // Dots split the run into parts; the token starts at the first part that begins with "eyJ".
  // The search for the next dot stays inside this run: indexOf would scan the rest of the text for every run that
  // has none, and a text of many dotless runs ("aeyJ aeyJ …") would take quadratic time.
  let s = start;
  while (s < end) {
    if (text.charCodeAt(s) === E && text.charCodeAt(s + 1) === Y && text.charCodeAt(s + 2) === J) break;
    let dot = s;
    while (dot < end && text.charCodeAt(dot) !== 46 && text.charCodeAt(dot) !== 126) dot++;
    if (dot >= end) return;
    s = dot + 1;
  }
  if (s >= end) return;
  // The first "~" of this run, looked for in the run only (text.indexOf would scan on to the end of the text for
  // every run without one: quadratic in a log of tokens).
  let tilde = s;
  while (tilde < end && text.charCodeAt(tilde) !== 126) tilde++;
  if (tilde < end) {
    sdCandidate(text, s, tilde, end, out);
    return;
  }
  const parts = text.slice(s, end).split('.');
  // A sentence may end right after a token ("…signature."): drop one empty trailing part beyond the count.
  let n = parts.length;
  if ((n === 4 || n === 6) && parts[n - 1] === '') n--;
  if (n !== 3 && n !== 5) return;
  const kind = headerKind(parts[0]);
  if (!kind || (kind === 'jws') !== (n === 3)) return;
  if (parts[1] === '' && kind === 'jws') return;
  let e = s;
  for (let i = 0; i < n; i++) e += parts[i].length + (i < n - 1 ? 1 : 0);
  out.push({ start: s, end: e, token: text.slice(s, e), kind });
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/** `<jws>~<disclosure>~…~[<kb-jwt>]` from `s`, the first "~" at `tilde`: an SD-JWT, or just its JWS when what follows is not disclosures. */
function sdCandidate(text: string, s: number, tilde: number, end: number, out: FoundToken[]): void {
  const jws = text.slice(s, tilde).split('.');
  if (jws.length !== 3 || jws[1] === '' || headerKind(jws[0]) !== 'jws') {
    candidate(text, s, tilde, out);
    return;
  }
  const pieces = text.slice(tilde + 1, end).split('~');
  const last = pieces.pop()!;
  let e = tilde + 1;
  for (const p of pieces) {
    if (!B64URL.test(p)) break;
    e += p.length + 1;
  }
  const complete = e === tilde + 1 + pieces.reduce((n, p) => n + p.length + 1, 0);
  // A Key Binding JWT ends it, when the last piece is one; otherwise the SD-JWT ends at its last "~".
  const kb = last.split('.');
  if (complete && kb.length === 3 && kb[1] !== '' && headerKind(kb[0]) === 'jws') e += last.length;
  out.push({ start: s, end: e, token: text.slice(s, e), kind: 'sd-jwt' });
}

/**
 * Every JWS (3 parts) and JWE (5 parts) in `text` — in JSON strings, `Authorization: Bearer` headers, URLs, code —
 * with exact ranges. One pass over the text (no backtracking regular expression), so it is linear in the length
 * of the text. A candidate counts only when its first part decodes to a JOSE header with "alg"; signatures are
 * not checked.
 */
export function findTokens(text: string): FoundToken[] {
  const out: FoundToken[] = [];
  const len = text.length;
  let i = 0;
  while (i < len) {
    // Skip to the next "eyJ"; a token run is then the maximal run of base64url characters and dots around it.
    const hit = text.indexOf('eyJ', i);
    if (hit < 0) break;
    let start = hit;
    let dots = 0;
    while (start > i) {
      const c = text.charCodeAt(start - 1);
      if (c < 128 && CLASS[c]) {
        start--;
        dots += (CLASS[c] & DOT) >> 1;
      } else break;
    }
    let end = hit + 3;
    while (end < len) {
      const c = text.charCodeAt(end);
      if (c < 128 && CLASS[c]) {
        end++;
        dots += (CLASS[c] & DOT) >> 1;
      } else break;
    }
    // A token has at least two dots: a run with fewer (a word that happens to contain "eyJ") is no candidate.
    if (dots >= 2) candidate(text, start, end, out);
    i = end;
  }
  return out;
}

/**
 * Where the token is in the text of a selection, to replace it and nothing else: the one token found in it, else the
 * inside of its quotes, else all of it. A string literal's quotes and a "Bearer " prefix are kept.
 */
export function tokenSpan(text: string): { start: number; end: number } {
  const found = findTokens(text);
  if (found.length === 1) return found[0];
  const quoted = /^(["'`])[^"'`]*\1$/.exec(text);
  return quoted ? { start: 1, end: text.length - 1 } : { start: 0, end: text.length };
}
