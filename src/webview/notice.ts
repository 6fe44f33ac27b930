/** The panel's status line, as the extension's notices set it. */
import type { CopyWhat, ToWebview } from '../protocol';

type Notice = Extract<ToWebview, { type: 'notice' }>;

/** The status line's class for a notice. */
export function noticeLook(m: Notice): string {
  return `notice ${m.level}`;
}

/**
 * The copy button that says "Copied": the one clicked last, when the notice is the extension's confirmation of a
 * copy — told by its flag, never by its (localized) text.
 */
export function flashCopied(m: Notice, lastCopy: CopyWhat | undefined): CopyWhat | undefined {
  return m.level === 'info' && m.copied === true ? lastCopy : undefined;
}
