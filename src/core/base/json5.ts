/**
 * JSON5 (and through it JavaScript object literals), for the rare text that is not strict JSON: a payload selected in
 * JavaScript or Python, a hand-written JWK file. Strict JSON is tried first, so the common case never loads the
 * reader; the extension's Node build ships it as its own file (dist/json5.js), loaded here on first use rather than
 * parsed at activation.
 */
export async function parseJson5(text: string): Promise<unknown> {
  const { default: JSON5 } = await import('json5');
  return JSON5.parse(text);
}
