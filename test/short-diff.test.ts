import { describe, expect, it } from 'vitest';
import { shortDiff } from '../generator/writer/short-diff.ts';

/** The few lines of diff `generate --check` prints under each stale file. */
describe('shortDiff', () => {
  const lines = (text: string) => text.split('\n').map((l) => l.replace(/^ {4}/, ''));

  it('shows what changed with unchanged lines around it', () => {
    expect(lines(shortDiff('a\nb\nc\nd', 'a\nb\nX\nd'))).toEqual(['@@ -3 +3 @@', '  a', '  b', '- c', '+ X']);
  });

  it('never shows a line that an earlier hunk removed as context of a later one', () => {
    const before = 'l1\nl2\nl3\nOLD-A\nmid\nOLD-B\nend';
    const after = 'l1\nl2\nl3\nNEW-A\nmid\nNEW-B\nend';
    const out = lines(shortDiff(before, after));
    expect(out).toEqual(['@@ -4 +4 @@', '  l2', '  l3', '- OLD-A', '+ NEW-A', '@@ -6 +6 @@', '  mid', '- OLD-B', '+ NEW-B']);
    expect(out.filter((l) => l.startsWith('  ') && l.includes('OLD'))).toEqual([]);
  });

  it('stops after the requested number of hunks', () => {
    const before = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n');
    const after = before.replace(/line (\d*[05])\b/g, 'changed $1');
    expect(lines(shortDiff(before, after, 2)).filter((l) => l.startsWith('@@'))).toHaveLength(2);
  });
});
