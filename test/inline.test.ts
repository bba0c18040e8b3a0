import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as restructuredModule from 'restructured';
import { inlineToMarkdown } from '../generator/frontend/rst/inline.ts';

interface RstNode {
  type: string;
  value?: string;
  role?: string;
  children?: RstNode[];
}
const rst = ((restructuredModule as { default?: { default?: unknown } }).default?.default ?? restructuredModule.default) as {
  parse(s: string): RstNode;
};

/** Renders `restructured`'s inline nodes as the Markdown apiref promises, to compare with the fast converter. */
function oracle(text: string): string {
  const doc = rst.parse(text);
  const para = doc.children?.[0];
  const render = (n: RstNode): string => {
    const inner = (n.children ?? []).map(render).join('');
    switch (n.type) {
      case 'text':
        return n.value ?? '';
      case 'strong':
        return `**${inner}**`;
      case 'emphasis':
        return `*${inner}*`;
      case 'literal':
        return `\`${inner}\``;
      case 'reference': {
        const m = /^(.*?)\s*<([^>]+)>$/.exec(inner);
        return m ? `[${m[1]}](${m[2]})` : inner;
      }
      case 'interpreted_text':
        // Cross-references show their text; other roles are code; no role is the default role.
        if (n.role === 'ref' || n.role === 'doc' || n.role === 'term') return inner.replace(/\s*<[^>]+>$/, '');
        return n.role ? `\`${inner}\`` : `*${inner}*`;
      default:
        return inner;
    }
  };
  return (para?.children ?? []).map(render).join('').replace(/\n$/, '');
}

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const token = fc.oneof(
  word,
  word.map((w) => `**${w}**`),
  word.map((w) => `*${w}*`),
  word.map((w) => `\`\`${w}\`\``),
  fc.tuple(word, word).map(([a, b]) => `\`${a} <https://example.org/${b}>\`_`),
  word.map((w) => `:ref:\`${w}\``),
  word.map((w) => `:command:\`${w}\``),
  // Not generated: default-role text (`a`) before a link, which restructured runs together with
  // the link (docutils does not); the examples below cover it.
);

describe('RST inline markup to Markdown', () => {
  it('agrees with the restructured parser on generated paragraphs', () => {
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 8 }), (tokens) => {
        const text = tokens.join(' ');
        expect(inlineToMarkdown(text)).toBe(oracle(text));
      }),
      { numRuns: 200, seed: 20261203 },
    );
  });

  it.each([
    ['a ``x*y`` b', 'a `x*y` b'],
    ['``has `tick` inside``', '``has `tick` inside``'],
    ['escaped \\*not em\\*', 'escaped \\*not em\\*'],
    [':ref:`Title <target>` and :doc:`page`', 'Title and page'],
    ['see `docs <https://x.org/a b>`__', 'see [docs](https://x.org/ab)'],
    ['`a` `b <https://x.org>`_', '*a* [b](https://x.org)'],
  ])('converts %j', (input, expected) => {
    expect(inlineToMarkdown(input)).toBe(expected);
  });
});
