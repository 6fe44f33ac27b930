// Runs inside Chromium (bundled for the browser by browserParity.test.ts): the core, exposed to the test page.
import { inspectToken, type KeyInput } from '../../../src/core';

export interface PageResult {
  verdict: string;
  accepted: boolean;
  detail?: string;
  payloadText?: string;
}

(globalThis as unknown as { inspectAll: unknown }).inspectAll = async (cases: { token: string; key: KeyInput }[], now: string): Promise<PageResult[]> => {
  const out: PageResult[] = [];
  for (const c of cases) {
    const ins = await inspectToken(c.token, { key: c.key, now: new Date(now) });
    out.push({ verdict: ins.verdict, accepted: ins.verifiedWith !== undefined, detail: ins.detail, payloadText: ins.payloadText });
  }
  return out;
};
