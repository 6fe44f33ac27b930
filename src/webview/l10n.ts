import type { WebviewString, WebviewStrings } from '../inspector/strings';

/** The webview's user-visible strings, localized by the extension (vscode.l10n) and handed over in the shell's <meta> tag. */
const STRINGS: Partial<Record<WebviewString, unknown>> = (() => {
  try {
    const parsed: unknown = JSON.parse(document.querySelector('meta[name="jwt-workbench-l10n"]')?.getAttribute('content') ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Partial<WebviewStrings>) : {};
  } catch {
    return {};
  }
})();
/** `english` in the user's language, with {0}, {1}… filled in: only a string of the list (others do not compile). */
export function t(english: WebviewString, ...args: string[]): string {
  const localized = STRINGS[english];
  const text = typeof localized === 'string' ? localized : english;
  return text.replace(/\{(\d+)\}/g, (m, i: string) => args[Number(i)] ?? m);
}
