/**
 * Plain-text renderers for SHOW output: aligned tables and `Key: value` blocks, as lines
 * without terminators. Pure: data in, lines out.
 */

/** Columns padded to their widest cell, two spaces apart; trailing spaces trimmed. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)];
}

/** `Key:   value` lines with the values aligned. */
export function renderFields(fields: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(0, ...fields.map(([k]) => k.length)) + 1;
  return fields.map(([k, v]) => `${`${k}:`.padEnd(width)} ${v}`.trimEnd());
}

/** `P1-4,P7` style for port lists; `-` for none. */
export function formatPortList(ports: readonly number[]): string {
  if (ports.length === 0) return '-';
  const out: string[] = [];
  for (let i = 0; i < ports.length; i++) {
    const start = ports[i] as number;
    let end = start;
    while (ports[i + 1] === end + 1) { end++; i++; }
    out.push(start === end ? `${start}` : `${start}-${end}`);
  }
  return out.join(',');
}

/** Minutes, with 0 spelled out as what it means in that place. */
export function formatMinutes(minutes: number, zero: string): string {
  return minutes === 0 ? zero : `${minutes} min`;
}
