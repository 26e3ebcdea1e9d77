// Small numeric helpers for the bench's report.

/** p-th percentile (nearest rank) of `values`, which need not be sorted. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** p50/p90/p99/max (µs) of round-trip samples. */
export function latencySummary(samples) {
  return {
    n: samples.length,
    p50: round(percentile(samples, 50)),
    p90: round(percentile(samples, 90)),
    p99: round(percentile(samples, 99)),
    max: round(Math.max(...samples)),
  };
}

export function round(x, digits = 1) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until `read()` stops changing for `quietMs` (at most `maxMs`). */
export async function settle(read, quietMs = 300, maxMs = 5000) {
  const deadline = Date.now() + maxMs;
  let last = read();
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(50);
    const now = read();
    if (now !== last) { last = now; since = Date.now(); } else if (Date.now() - since >= quietMs) return true;
  }
  return false;
}
