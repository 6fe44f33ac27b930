// A DPoP pair as developers have it: a request (`POST https://…`, `Authorization: DPoP <at>`, `DPoP: <proof>`, as in a
// .http file or curl -v), or an access token and a proof pasted one after the other. Linear in the text.
import { decodeToken } from '../token/decode';
import { isDpop } from './detect';

export interface DpopPair {
  accessToken: string;
  proof: string;
  htm?: string;
  htu?: string;
  /** The pair written back as a request, to show. */
  text: string;
}

const TOKEN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** RFC 9449 §7.1: an access token is token68 — a JWT, or an opaque value such as the RFC's own example. */
const TOKEN68 = /^[A-Za-z0-9._~+/-]+=*$/;
const REQUEST_LINE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S+)(?:\s+HTTP\/[\d.]+)?$/i;

/** The pair in `text`, or undefined when it holds no DPoP proof beside an access token. */
export function dpopPair(text: string): DpopPair | undefined {
  // Cheap refusals first (this runs on every keystroke): no "DPoP" header, and not two words.
  if (!/dpop/i.test(text) && !/^\s*\S+\s+\S+\s*$/.test(text)) return undefined;
  let accessToken: string | undefined;
  let proof: string | undefined;
  let htm: string | undefined;
  let htu: string | undefined;
  let host: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^[<>]\s*/, '');
    const req = REQUEST_LINE.exec(line);
    if (req && !htm) {
      htm = req[1].toUpperCase();
      htu = req[2];
      continue;
    }
    const auth = /^authorization\s*:\s*dpop\s+(\S+)$/i.exec(line);
    if (auth && TOKEN68.test(auth[1])) accessToken = auth[1];
    const h = /^host\s*:\s*(\S+)$/i.exec(line);
    if (h) host = h[1];
    const header = /^dpop\s*:\s*(\S+)$/i.exec(line);
    if (header && TOKEN.test(header[1])) proof = header[1];
  }
  if (!accessToken || !proof) {
    // Two bare tokens, one of them a proof.
    const words = text.trim().split(/\s+/);
    if (words.length !== 2 || !words.every((w) => TOKEN.test(w))) return undefined;
    const [a, b] = words;
    if (isDpop(decodeToken(b).header) && !isDpop(decodeToken(a).header)) [accessToken, proof] = [a, b];
    else if (isDpop(decodeToken(a).header) && !isDpop(decodeToken(b).header)) [accessToken, proof] = [b, a];
    else return undefined;
  }
  if (!isDpop(decodeToken(proof).header)) return undefined;
  // A request line with a path takes its origin from the Host header, as the server sees it.
  if (htu?.startsWith('/') && host) htu = `https://${host}${htu}`;
  const lines = [...(htm && htu ? [`${htm} ${htu}`] : []), `Authorization: DPoP ${accessToken}`, `DPoP: ${proof}`];
  return { accessToken, proof, ...(htm ? { htm } : {}), ...(htu ? { htu } : {}), text: lines.join('\n') };
}

/**
 * The DPoP pair of the request around `offset` in an .http / .rest file (requests separated by lines starting with
 * "###"), or undefined. Verify on either header line of a request then inspects both tokens together.
 */
export function dpopPairAround(text: string, offset: number): DpopPair | undefined {
  const before = text.lastIndexOf('\n###', offset);
  const start = before < 0 ? 0 : text.indexOf('\n', before + 1) + 1;
  const next = text.indexOf('\n###', offset);
  const block = text.slice(start, next < 0 ? text.length : next);
  return block.length <= 1_000_000 ? dpopPair(block) : undefined;
}
