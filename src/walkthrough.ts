import * as vscode from 'vscode';

/** The walkthrough's steps, each completed by a context key its command sets when it succeeded. */
export type WalkthroughStep = 'secretGenerated' | 'payloadSigned' | 'tokenVerified' | 'djangoAuthAdded';

/** The context key package.json's `onContext:` completion event of a step waits for. */
export const walkthroughContextKey = (step: WalkthroughStep): string => `jwtWorkbench.walkthrough.${step}`;

/**
 * A command handler that completes a walkthrough step only when it succeeded (`succeeded` of its result; by default a
 * result at all). `onCommand:` would tick the step as soon as the command ran, even when it only said what was missing.
 */
export function completingStep<A extends unknown[], R>(step: WalkthroughStep, run: (...args: A) => Promise<R>, succeeded: (result: R) => boolean = (r) => !!r): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const result = await run(...args);
    if (succeeded(result)) await vscode.commands.executeCommand('setContext', walkthroughContextKey(step), true);
    return result;
  };
}
