// How a profile's checks bear on the verdict: a failed required check keeps a token from 'verified' — it becomes
// 'claim-mismatch', or 'invalid-signature' where a signature is what failed — and the reason leads the detail.
import type { Inspection, Verdict } from '../token/types';
import { MESSAGES } from '../token/verdicts';
import type { Profile, ProfileCheck } from '../token/types';

/** Verdicts a profile's checks never change: the token is already refused for a reason that comes first. */
const FINAL: ReadonlySet<Verdict> = new Set(['invalid-signature', 'malformed', 'unsupported', 'unsigned']);

/** Whether a verdict is final: the token is refused (its signature, its form) before any profile check counts. */
export const isFinalVerdict = (v: Verdict) => FINAL.has(v);

/** The inspection with its profile and checks, the verdict adjusted for any failed check. */
export function withChecks(ins: Inspection, profile: Profile, checks: ProfileCheck[], signatureChecks: ReadonlySet<string> = new Set()): Inspection {
  const result: Inspection = { ...ins, profile, checks: [...(ins.checks ?? []), ...checks] };
  const failures = checks.filter((c) => c.status === 'failed');
  if (!failures.length || isFinalVerdict(ins.verdict)) return result;
  const verdict: Verdict = failures.some((c) => signatureChecks.has(c.name)) ? 'invalid-signature' : ins.verdict === 'verified' ? 'claim-mismatch' : ins.verdict;
  if (verdict === ins.verdict && verdict !== 'claim-mismatch') {
    // Not verified for another reason (no key, expired): the failed checks are listed with the rest.
    return { ...result, also: [...(ins.also ?? []), ...failures.map((f) => f.message)] };
  }
  const also = [...(ins.verdict !== 'verified' && ins.detail ? [ins.detail] : []), ...failures.slice(1).map((f) => f.message), ...(ins.also ?? [])];
  return { ...result, verdict, message: MESSAGES[verdict], detail: failures[0].message, ...(also.length ? { also } : {}) };
}

export const passed = (name: string, message: string): ProfileCheck => ({ name, status: 'passed', message });
export const failed = (name: string, message: string): ProfileCheck => ({ name, status: 'failed', message });
export const notChecked = (name: string, message: string): ProfileCheck => ({ name, status: 'not-checked', message });

const VC_TYPES = new Set(['dc+sd-jwt', 'vc+sd-jwt']);

/** An SD-JWT VC's typ (dc+sd-jwt, or the earlier vc+sd-jwt). Here, not with the SD-JWT inspection: naming a token's profile (hover) must not load that. */
export const isSdJwtVcType = (typ: unknown) => typeof typ === 'string' && VC_TYPES.has(typ);
