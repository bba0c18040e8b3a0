import { describe, expect, it } from 'vitest';
import { lintSpec } from '../generator/lint/lint.ts';

describe('the embedded spec', () => {
  it('lints with no errors and no warnings', () => {
    const result = lintSpec('spec');
    const problems = result.findings.filter((f) => f.severity !== 'info');
    expect(problems.map((f) => `${f.file}:${f.line} ${f.code} ${f.message}`)).toEqual([]);
    expect(result.operations).toBe(7);
  });
});
