import type { FromWebview, PersistedState } from '../protocol';

declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void; getState(): unknown; setState(s: PersistedState): void };

/** The extension, as the panel's script reaches it: messages out, and the state VS Code keeps for the panel. */
export interface Host {
  post(m: FromWebview): void;
  getState(): unknown;
  setState(s: PersistedState): void;
}

/** Connect to VS Code (once per page: acquireVsCodeApi may be called only once). */
export function connectHost(): Host {
  const api = acquireVsCodeApi();
  return { post: (m) => api.postMessage(m), getState: () => api.getState(), setState: (s) => api.setState(s) };
}
