import type { CryptoKey } from 'jose';
import type { Imported, ResolvedKey, ResolvedKeySet } from './types';
import type { SignatureVerifier } from './verifier';

/**
 * Keys already read and imported, so that inspecting as the user types (or a benchmark) does not parse a PEM and
 * import it again for every token. Whoever wants caching makes one and passes it (the extension makes one in
 * activate()); without one every call does the work afresh. Bounded; it holds only keys its owner passed in.
 * `verifier` checks signatures with the keys imported here (default: Web Crypto; the Node extension host and the bench
 * pass node:crypto's, which keeps its own form of each key).
 */
export class KeyCache {
  private readonly resolved = new Map<string, ResolvedKeySet>();
  private readonly imports = new WeakMap<ResolvedKey, Map<string, Promise<Imported>>>();
  /** The imports that have finished, to be taken without a turn of the event loop (see {@link KeyCache.importedNow}). */
  private readonly settled = new WeakMap<ResolvedKey, Map<string, Imported>>();
  /** Imported HMAC keys of the well-known secrets, by algorithm (see inspect.ts). */
  readonly wellKnown = new Map<string, Promise<CryptoKey[]>>();

  constructor(
    private readonly maxStrings = 16,
    readonly verifier?: SignatureVerifier,
  ) {}

  /** @internal */
  resolve(input: string, read: () => ResolvedKeySet): ResolvedKeySet {
    const hit = this.resolved.get(input);
    if (hit) return hit;
    const keys = read();
    if (this.resolved.size >= this.maxStrings) this.resolved.delete(this.resolved.keys().next().value!);
    this.resolved.set(input, keys);
    return keys;
  }

  /** @internal */
  import(key: ResolvedKey, purpose: string, load: () => Promise<Imported>): Promise<Imported> {
    let byPurpose = this.imports.get(key);
    if (!byPurpose) this.imports.set(key, (byPurpose = new Map()));
    let hit = byPurpose.get(purpose);
    if (!hit) {
      hit = load();
      byPurpose.set(purpose, hit);
      hit.then(
        (imported) => {
          if (byPurpose!.get(purpose) !== hit) return;
          let done = this.settled.get(key);
          if (!done) this.settled.set(key, (done = new Map()));
          done.set(purpose, imported);
        },
        () => byPurpose!.delete(purpose),
      );
    }
    return hit;
  }

  /** @internal The import for `purpose` when it has already finished, else undefined: no await, so no event-loop turn. */
  importedNow(key: ResolvedKey, purpose: string): Imported | undefined {
    return this.settled.get(key)?.get(purpose);
  }
}
