import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Drift the lifecycle tests see that a schema check cannot (a documented
 * default the server does not apply, a body where none is documented). They
 * go into the same drift report as the conformance suite's findings, as one
 * more part file in its `parts/` folder (the generated suite's `DriftPart`
 * format), and are judged against known-drift.yaml the same way.
 */

export interface Observation {
  operation: string;
  /** The drift report's kind: `behaviour` by default, `body` for a body where none is documented. */
  kind: 'behaviour' | 'body';
  /** `METHOD path`, as the report shows it. */
  endpoint: string;
  location: string;
  expected: string;
  actual: string;
  message: string;
}

export class Observations {
  readonly #entries: Observation[] = [];

  constructor(
    /** The part's file name: `lifecycle-attachments`. */
    readonly name: string,
  ) {}

  /**
   * Records a difference when `actual` is not what upstream documents.
   * Values are compared as JSON; returns whether they agreed.
   */
  expect(what: Omit<Observation, 'expected' | 'actual' | 'message' | 'kind'> & { kind?: Observation['kind']; documented: unknown; actual: unknown; describe: string }): boolean {
    const show = (v: unknown): string => (v === undefined ? 'absent' : JSON.stringify(v));
    const expected = show(what.documented);
    const actual = show(what.actual);
    if (expected === actual) return true;
    this.#entries.push({
      operation: what.operation,
      kind: what.kind ?? 'behaviour',
      endpoint: what.endpoint,
      location: what.location,
      expected,
      actual,
      message: `${what.location}: ${what.describe}: upstream documents ${expected}, the server answered ${actual}`,
    });
    return false;
  }

  get entries(): readonly Observation[] {
    return this.#entries;
  }

  /** Writes the part into `<reportDir>/parts/` (replacing an earlier one of the same name). */
  write(reportDir: string, meta: { api: string; target: string }): void {
    const dir = join(reportDir, 'parts');
    mkdirSync(dir, { recursive: true });
    const part = {
      api: meta.api,
      target: meta.target,
      entries: this.#entries.map((o) => ({ ...o, check: 'lifecycle', severity: 'error', count: 1 })),
    };
    const file = join(dir, `${this.name}.json`);
    writeFileSync(`${file}.tmp`, `${JSON.stringify(part, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
  }
}
