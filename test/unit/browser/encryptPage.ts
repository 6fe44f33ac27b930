// Runs inside Chromium (bundled for the browser by encryptBrowser.test.ts): the core's encryption, exposed to the page.
import { encryptionChoices, encryptToken, isCoreError, runtimeHasAes192, type ContentEncryptionAlg, type KeyInput, type KeyManagementAlg } from '../../../src/core';
import { resolveKeys } from '../../../src/core/keys/resolve';

export interface EncryptResult {
  token?: string;
  error?: string;
  code?: string;
}

const page = globalThis as unknown as Record<string, unknown>;

page.encryptAll = async (cases: { key: KeyInput; alg: KeyManagementAlg; enc: ContentEncryptionAlg; claims: Record<string, unknown> }[]): Promise<EncryptResult[]> => {
  const out: EncryptResult[] = [];
  for (const c of cases) {
    try {
      out.push({ token: await encryptToken(c.claims, c.key, { alg: c.alg, enc: c.enc, claims: { addDefaults: false } }) });
    } catch (e) {
      out.push({ error: (e as Error).message, code: isCoreError(e) ? e.code : undefined });
    }
  }
  return out;
};

/** What the picker would offer for `key` here: the pairs, with the reason for those this runtime lacks. */
page.choicesFor = async (key: KeyInput) => {
  const aes192 = await runtimeHasAes192();
  return { aes192, choices: encryptionChoices(resolveKeys(key)[0], aes192) };
};
