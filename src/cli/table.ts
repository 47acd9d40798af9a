/** A plain aligned text table for the terminal: the first column to the left, the others to the right (numbers) or, for text, to the left. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], text = false): string {
  const widths = header.map((h, c) => rows.reduce((w, r) => Math.max(w, r[c]!.length), h.length));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, c) => (c === 0 || text ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : '-');
