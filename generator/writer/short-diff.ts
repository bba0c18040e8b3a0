/**
 * A few lines of unified-style diff around the first differences: enough to
 * show why a file is stale, without a diff library.
 */
export function shortDiff(before: string, after: string, maxHunks = 3, context = 2): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const out: string[] = [];
  let i = 0;
  let j = 0;
  let hunks = 0;
  while ((i < a.length || j < b.length) && hunks < maxHunks) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    // Find the next line both sides share again (bounded look-ahead).
    let ni = i;
    let nj = j;
    search: for (let d = 1; d < 200; d++) {
      for (let k = 0; k <= d; k++) {
        if (i + k < a.length && j + d - k < b.length && a[i + k] === b[j + d - k]) {
          ni = i + k;
          nj = j + d - k;
          break search;
        }
      }
      ni = a.length;
      nj = b.length;
    }
    out.push(`@@ -${i + 1} +${j + 1} @@`);
    for (let c = Math.max(0, i - context); c < i; c++) out.push(`  ${a[c]}`);
    for (let c = i; c < ni; c++) out.push(`- ${a[c]}`);
    for (let c = j; c < nj; c++) out.push(`+ ${b[c]}`);
    i = ni;
    j = nj;
    hunks++;
  }
  return out.map((l) => `    ${l}`).join('\n');
}
