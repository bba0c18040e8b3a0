/**
 * RST inline markup to Markdown: ``literal`` -> `literal`, `text <url>`_ ->
 * [text](url), :role:`x` -> `x`, **strong** and *emphasis* kept, `interpreted`
 * -> *interpreted*. Escaped characters (`\*`) are kept literal.
 *
 * Hand-written because it runs on every paragraph of every document: the
 * `restructured` parser takes ~0.7 ms a paragraph, which alone would blow the
 * corpus' 1 s budget. `test/inline.test.ts` checks this converter against
 * `restructured` on generated inputs.
 */
const INLINE = new RegExp(
  [
    '``(.+?)``', // 1: inline literal
    ':([\\w.+-]+(?::[\\w.+-]+)?):`([^`]+)`', // 2,3: role
    '`([^`<]*?)\\s*<([^`>]+)>`__?', // 4,5: hyperlink with target
    '`([^`]+)`__?', // 6: reference by name
    '`([^`]+)`(?::([\\w.+-]+):)?', // 7,8: interpreted text (default role), optional suffix role
    '\\*\\*(?=\\S)((?:[^*\\\\]|\\\\.|\\*(?!\\*))+?)(?<=\\S)\\*\\*', // 9: strong (no ** inside)
    '\\*(?=[^\\s*])((?:[^*\\\\]|\\\\.)+?)(?<=\\S)\\*', // 10: emphasis
    '\\\\(.)', // 11: escape
  ].join('|'),
  'g',
);

export function inlineToMarkdown(text: string): string {
  return text.replace(INLINE, (whole, lit, role, roleText, linkText, linkUrl, refName, interp, _suffix, strong, em, esc) => {
    if (lit !== undefined) return codeSpan(lit);
    if (role !== undefined) return roleToMarkdown(role, roleText);
    if (linkUrl !== undefined) {
      const label = linkText && linkText.length > 0 ? linkText : linkUrl;
      return `[${label}](${linkUrl.replace(/\s+/g, '')})`;
    }
    if (refName !== undefined) return refName;
    if (interp !== undefined) return `*${interp}*`;
    if (strong !== undefined) return `**${strong}**`;
    if (em !== undefined) return `*${em}*`;
    if (esc !== undefined) return /[\\`*_{}[\]()#+\-.!<>|]/.test(esc) ? `\\${esc}` : esc;
    return whole;
  });
}

function codeSpan(text: string): string {
  // A Markdown code span needs a fence longer than any backtick run inside it.
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function roleToMarkdown(role: string, text: string): string {
  // :ref:`Title <target>` and :doc:`x` keep their visible text.
  const titled = /^(.*?)\s*<([^>]+)>$/.exec(text);
  const visible = titled && titled[1] ? titled[1] : text;
  if (role === 'strong') return `**${visible}**`;
  if (role === 'emphasis') return `*${visible}*`;
  if (role === 'ref' || role === 'doc' || role === 'term') return visible;
  return codeSpan(visible);
}
