import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LINT_CODES } from '../generator/lint/codes.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('lint codes', () => {
  it('are unique', () => {
    const codes = LINT_CODES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('are documented in generator/lint/README.md, one table row each, as codes.ts says', () => {
    const readme = readFileSync('generator/lint/README.md', 'utf8');
    const rows = [...readme.matchAll(/^\| `(APIREF-[A-Z-]+)` \| (\w+) \| (yes|no) \| (.*) \|$/gm)].map((m) => ({
      code: m[1],
      severity: m[2],
      origin: m[3] === 'yes' ? 'os-api-ref' : 'apiref',
      summary: m[4],
    }));
    expect(rows).toEqual(LINT_CODES.map(({ code, severity, origin, summary }) => ({ code, severity, origin, summary })));
  });

  it('cover every code the front end and the lint rules report, with the severity they report it at', () => {
    const table = new Map(LINT_CODES.map((c) => [c.code, c.severity]));
    const level: Record<string, string> = { warn: 'warning', error: 'error', info: 'info' };
    const files = [...sources('generator/frontend'), ...sources('generator/model'), ...sources('generator/lint')].filter((f) => !f.endsWith('codes.ts'));
    let seen = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/diags\.(warn|error|info)\(\s*'(APIREF-[A-Z-]+)'/g)) {
        seen++;
        expect(table.get(m[2]!), `${file}: ${m[2]}`).toBe(level[m[1]!]);
      }
      for (const m of text.matchAll(/'(APIREF-[A-Z-]+)'/g)) expect(table.has(m[1]!), `${file}: ${m[1]}`).toBe(true);
    }
    expect(seen).toBeGreaterThan(20);
  });
});
