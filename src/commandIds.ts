/** Every command id in one place (contributed in package.json under the same names). */
export const CommandIds = {
  generateSecret: 'jwtWorkbench.generateSecret',
  signSelection: 'jwtWorkbench.signSelection',
  signSelectionSdJwt: 'jwtWorkbench.signSelectionSdJwt',
  encryptSelection: 'jwtWorkbench.encryptSelection',
  inspectSelection: 'jwtWorkbench.inspectSelection',
  openInspector: 'jwtWorkbench.openInspector',
  addKeyFile: 'jwtWorkbench.addKeyFile',
  storeKey: 'jwtWorkbench.storeKey',
  addJwksUrl: 'jwtWorkbench.addJwksUrl',
  addIssuer: 'jwtWorkbench.addIssuer',
  addTrustAnchors: 'jwtWorkbench.addTrustAnchors',
  forgetKeySource: 'jwtWorkbench.forgetKeySource',
  generateKeyPair: 'jwtWorkbench.generateKeyPair',
  addDjangoAuth: 'jwtWorkbench.addDjangoAuth',
  inspectDebugValue: 'jwtWorkbench.inspectDebugValue',
  inspectDebugConsoleSelection: 'jwtWorkbench.inspectDebugConsoleSelection',
  resignHttpToken: 'jwtWorkbench.resignHttpToken',
  /** Internal: open a given token in the inspector (hover links, CodeLens). */
  inspectToken: 'jwtWorkbench.inspectToken',
  /** Internal (hidden from the palette): the inspector's current view, for tests and the e2e harness. */
  inspectorState: 'jwtWorkbench.inspectorState',
  /** Registered only under test: answer the next modal questions, and read back those asked (workspace/modal.ts). */
  testModals: 'jwtWorkbench.test.modals',
  /** Registered only under test: the error messages shown since the last call, with their codes (workspace/notify.ts). */
  testErrors: 'jwtWorkbench.test.errors',
} as const;
