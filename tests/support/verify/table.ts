/** A plain-text table for test output: columns padded to their widest cell, numbers right-aligned. */
export function formatTable(header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cells = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: ReadonlyArray<string>, raw: ReadonlyArray<string | number>) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - [...c].length);
        return typeof raw[i] === 'number' ? pad + c : c + pad;
      })
      .join(' | ')
      .trimEnd();
  const out = [line(cells[0] ?? [], header), widths.map((w) => '-'.repeat(w)).join('-|-')];
  rows.forEach((r, i) => out.push(line(cells[i + 1] ?? [], r)));
  return out.join('\n');
}
