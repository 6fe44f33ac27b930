/** How the benchmarks measure: ops/s as the best of a few rounds after a warm-up, all in one process. `--short` (CI) runs each figure briefly. */
export const SHORT = process.argv.includes('--short');
export const MIN_MS = Number(process.env.BENCH_MS ?? (SHORT ? 40 : 400));
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (SHORT ? 1 : 3));

/** Operations per second of an async or sync function: the best of a few rounds after a warm-up (2 shared cores are noisy). */
export async function opsPerSec(fn: () => unknown): Promise<number> {
  let best = 0;
  for (let r = 0; r < ROUNDS; r++) best = Math.max(best, await opsPerSecOnce(fn));
  return best;
}

/**
 * Ops/s of several functions compared with one another, their rounds interleaved (A, B, C, A, B, C, …): on a shared
 * machine the load changes from second to second, and each function's best round then comes from the same windows.
 */
export async function opsPerSecEach(fns: (() => unknown)[]): Promise<number[]> {
  const best = fns.map(() => 0);
  for (let r = 0; r < ROUNDS; r++) for (let i = 0; i < fns.length; i++) best[i] = Math.max(best[i], await opsPerSecOnce(fns[i]));
  return best;
}

async function opsPerSecOnce(fn: () => unknown): Promise<number> {
  const run = async (ms: number) => {
    let n = 0;
    const end = performance.now() + ms;
    while (performance.now() < end) {
      for (let i = 0; i < 10; i++) await fn();
      n += 10;
    }
    return n;
  };
  await run(MIN_MS / 4);
  const t0 = performance.now();
  const n = await run(MIN_MS);
  return (n * 1000) / (performance.now() - t0);
}

/** Seconds per call. */
export const secs = async (fn: () => unknown) => 1 / (await opsPerSec(fn));
export const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
