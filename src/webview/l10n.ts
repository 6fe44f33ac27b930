/** The webview's user-visible strings, localized by the extension (vscode.l10n) and handed over in the shell's <meta> tag. */
const STRINGS: Record<string, string> = (() => {
  try {
    const parsed: unknown = JSON.parse(document.querySelector('meta[name="jwt-workbench-l10n"]')?.getAttribute('content') ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
})();
export function t(english: string, ...args: string[]): string {
  const text = typeof STRINGS[english] === 'string' ? STRINGS[english] : english;
  return text.replace(/\{(\d+)\}/g, (m, i: string) => args[Number(i)] ?? m);
}
