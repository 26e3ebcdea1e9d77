/**
 * Splits `buf` at cut points (taken modulo its length + 1, duplicates dropped), so property tests
 * can feed the same bytes in chunks broken at any byte boundary, as a socket may deliver them.
 */
export function splitAt(buf: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const point of points) {
    out.push(buf.subarray(from, point));
    from = point;
  }
  out.push(buf.subarray(from));
  return out;
}
