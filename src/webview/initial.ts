import { INITIAL_VIEW_ID, isPersistedState, isToWebview, type InspectorView } from '../protocol';

/**
 * The view the extension wrote into the HTML (a JSON block, data only), checked as a 'view' message would be — the
 * webview trusts nothing it did not check — or undefined. The HTML is written once per panel and reloaded when a
 * hidden panel is shown again: when the webview's saved state (what it last showed) names another token, key source
 * or options, that view is old, and the script waits for the extension's answer to 'ready' instead.
 */
export function initialView(saved: unknown, doc: Document = document): InspectorView | undefined {
  try {
    const m: unknown = { type: 'view', view: JSON.parse(doc.getElementById(INITIAL_VIEW_ID)?.textContent || 'null') };
    if (!isToWebview(m) || m.type !== 'view') return undefined;
    const view = m.view;
    if (isPersistedState(saved) && saved.token !== undefined) {
      const shown = { token: view.inspection?.token, options: view.options, keySource: view.selectedKeySource };
      if (JSON.stringify(shown) !== JSON.stringify({ token: saved.token, options: saved.options, keySource: saved.keySource })) return undefined;
    }
    return view;
  } catch {
    return undefined;
  }
}
