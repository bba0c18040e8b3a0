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
  // Where the previous hunk ended in the new text: context never reaches back into it,
  // where it would show a line the hunk removed as if it were unchanged.
  let shownUpTo = 0;
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
    // Lines before a difference are the same on both sides: take them from the new text.
    for (let c = Math.max(shownUpTo, j - context); c < j; c++) out.push(`  ${b[c]}`);
    for (let c = i; c < ni; c++) out.push(`- ${a[c]}`);
    for (let c = j; c < nj; c++) out.push(`+ ${b[c]}`);
    i = ni;
    j = nj;
    shownUpTo = nj;
    hunks++;
  }
  return out.map((l) => `    ${l}`).join('\n');
}
