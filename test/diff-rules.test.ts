/**
 * Every diff rule against small fixtures of ours: test/fixtures/diff/base/ is a
 * five-operation spec, and each case in cases.yaml edits a copy of it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildModel } from '../generator/model/build.ts';
import { diffModels } from '../generator/diff/diff.ts';
import { RULE_IDS, RULES } from '../generator/diff/rules.ts';
import type { ApiModel } from '../generator/model/ir.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'diff');
const BASE = join(FIXTURES, 'base');

type Edit = { file: string; find: string; replace: string } | { file: string; append: string };
interface Expectation {
  clients: string;
  servers: string;
  since?: string;
}
interface Case {
  name: string;
  swap?: boolean;
  edits: Edit[];
  expect: Record<string, Expectation>;
}

const cases = parse(readFileSync(join(FIXTURES, 'cases.yaml'), 'utf8')) as Case[];
const work = mkdtempSync(join(tmpdir(), 'apiref-diff-rules-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function model(dir: string): ApiModel {
  const m = buildModel(join(dir, 'api.inc'), { pathBase: dir });
  const errors = m.diagnostics.filter((d) => d.severity !== 'info');
  // Fixtures must be clean: a warning would mean the edit did not say what the case claims.
  expect(errors.map((d) => `${d.file}:${d.line}: ${d.code} ${d.message}`)).toEqual([]);
  return m;
}

/** A copy of base/ with the case's edits applied; each `find` must occur exactly once. */
function edited(c: Case, index: number): string {
  const dir = join(work, `case-${index}`);
  cpSync(BASE, dir, { recursive: true });
  for (const e of c.edits) {
    const file = join(dir, e.file);
    if ('append' in e) {
      appendFileSync(file, e.append.startsWith('\n') || e.file.endsWith('.yaml') ? e.append : `\n${e.append}`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    expect(text.split(e.find).length - 1, `"${e.find}" in ${e.file}`).toBe(1);
    writeFileSync(file, text.replace(e.find, e.replace));
  }
  return dir;
}

const baseModel = (() => {
  const dir = join(work, 'base');
  cpSync(BASE, dir, { recursive: true });
  return buildModel(join(dir, 'api.inc'), { pathBase: dir });
})();

describe('diff rules on small fixtures', () => {
  it('the base fixture builds without warnings, and the diff of it with itself is empty', () => {
    const m = model(join(work, 'base'));
    expect(m.operations.map((o) => o.id)).toEqual(['createWidget', 'showWidget', 'listWidgets', 'deleteWidget', 'polishWidget']);
    expect(m.api.maxVersion).toBe('2.10');
    expect(diffModels(m, baseModel).changes).toEqual([]);
  });

  it.each(cases.map((c, i) => [c.name, c, i] as const))('%s', (_, c, i) => {
    const changed = model(edited(c, i));
    const [before, after] = c.swap ? [changed, baseModel] : [baseModel, changed];
    const { changes } = diffModels(before, after);
    const summary = changes.map((x) => `${x.rule}: ${x.message}`);
    expect([...new Set(changes.map((x) => x.rule))].sort(), summary.join('\n')).toEqual(Object.keys(c.expect).sort());
    for (const x of changes) {
      const want = c.expect[x.rule]!;
      expect({ rule: x.rule, clients: x.clients, servers: x.servers }, x.message).toEqual({ rule: x.rule, clients: want.clients, servers: want.servers });
      if (want.since !== undefined) expect(x.since, x.message).toBe(want.since);
    }
  });

  it('every rule has at least one case, and every rule is documented in the README', () => {
    const covered = new Set(cases.flatMap((c) => Object.keys(c.expect)));
    expect(RULE_IDS.filter((id) => !covered.has(id))).toEqual([]);
    const readme = readFileSync(join(import.meta.dirname, '..', 'generator', 'diff', 'README.md'), 'utf8');
    for (const id of RULE_IDS) {
      const def = RULES.get(id)!;
      // The README's matrix row: | `id` | clients | servers | ...
      expect(readme, id).toMatch(new RegExp(`\\| \`${id}\` \\| ${def.clients} \\| ${def.servers} \\|`));
    }
  });
});
