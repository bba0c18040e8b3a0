import type { Change } from './change.ts';
import { isBreaking, type Audience, type DiffResult, type DocumentSummary, type FailOn } from './diff.ts';

export type DiffFormat = 'text' | 'markdown' | 'json';

export interface FormatOptions {
  failOn: FailOn;
  audience: Audience;
  failing: Change[];
}

export function formatDiff(result: DiffResult, format: DiffFormat, options: FormatOptions): string {
  switch (format) {
    case 'json':
      return formatJson(result, options);
    case 'markdown':
      return formatMarkdown(result, options);
    default:
      return formatText(result, options);
  }
}

/** `BREAKING`, `BREAKING for clients`, `BREAKING for servers`, or `ok`. */
export function verdict(c: Change): string {
  const cb = c.clients === 'breaking';
  const sb = c.servers === 'breaking';
  if (cb && sb) return 'BREAKING';
  if (cb) return 'BREAKING for clients';
  if (sb) return 'BREAKING for servers';
  return 'ok';
}

function summaryLine(result: DiffResult, options: FormatOptions): string {
  const n = result.changes.length;
  const forClients = result.changes.filter((c) => isBreaking(c, 'clients')).length;
  const forServers = result.changes.filter((c) => isBreaking(c, 'servers')).length;
  const failing = options.failing.length;
  const gate = options.failOn === 'any' ? 'any change fails' : `breaking for ${options.audience === 'both' ? 'clients or servers' : options.audience} fails`;
  return `${n} change${n === 1 ? '' : 's'}: ${forClients} breaking for clients, ${forServers} breaking for servers; ${failing} failing (${gate})`;
}

function describeDoc(d: DocumentSummary): string {
  const versions = d.minVersion ? `, microversions ${d.minVersion}${d.maxVersion && d.maxVersion !== d.minVersion ? `-${d.maxVersion}` : ''}` : '';
  return `${d.input} ("${d.title}", ${d.operations} operations${versions})`;
}

function where(c: Change): string {
  const s = c.newSource ?? c.oldSource;
  return s ? `${s.file}:${s.line}` : '';
}

/** Groups changes under their operation, keeping first-seen order. */
function byOperation(changes: Change[]): Map<string, Change[]> {
  const groups = new Map<string, Change[]>();
  for (const c of changes) {
    const key = c.operation ? `${c.operation}${c.operationId ? ` [${c.operationId}]` : ''}` : '(whole API)';
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }
  return groups;
}

function formatText(result: DiffResult, options: FormatOptions): string {
  const lines = [`apiref diff: ${describeDoc(result.old)} -> ${describeDoc(result.new)}`, summaryLine(result, options)];
  const width = Math.max(0, ...result.changes.map((c) => verdict(c).length));
  for (const [op, changes] of byOperation(result.changes)) {
    lines.push('', op);
    for (const c of changes) {
      const extra = [c.since ? `since ${c.since}` : '', where(c)].filter(Boolean).join(', ');
      lines.push(`  ${verdict(c).padEnd(width)}  ${c.rule}: ${c.message}${extra ? ` (${extra})` : ''}`);
      if (c.note) lines.push(`  ${' '.repeat(width)}  note: ${c.note}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Text inside a table cell: no pipes or line breaks escape it. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** An inline code span that no backtick in `s` can close early. */
function code(s: string): string {
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

function formatMarkdown(result: DiffResult, options: FormatOptions): string {
  const lines = [
    `### apiref diff`,
    '',
    `${cell(describeDoc(result.old))} → ${cell(describeDoc(result.new))}`,
    '',
    `**${summaryLine(result, options)}**`,
  ];
  if (result.changes.length === 0) return `${lines.join('\n')}\n`;
  lines.push('', '| Operation | Change | Clients | Servers | Since | Rule |', '| --- | --- | --- | --- | --- | --- |');
  for (const c of result.changes) {
    const op = c.operation ? code(c.operation) : '';
    const message = c.note ? `${c.message} (${c.note})` : c.message;
    const mark = (i: string): string => (i === 'breaking' ? '**breaking**' : 'ok');
    lines.push(`| ${cell(op)} | ${cell(message)} | ${mark(c.clients)} | ${mark(c.servers)} | ${c.since ?? ''} | ${code(c.rule)} |`);
  }
  return `${lines.join('\n')}\n`;
}

function formatJson(result: DiffResult, options: FormatOptions): string {
  const out = {
    old: result.old,
    new: result.new,
    failOn: options.failOn,
    for: options.audience,
    summary: {
      changes: result.changes.length,
      breakingForClients: result.changes.filter((c) => isBreaking(c, 'clients')).length,
      breakingForServers: result.changes.filter((c) => isBreaking(c, 'servers')).length,
      failing: options.failing.length,
    },
    changes: result.changes,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
