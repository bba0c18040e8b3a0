import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The final state of each generated conformance test, kept beside the drift
 * report (`outcomes.json`) so the summary can say, per operation, whether it
 * was tested and passed. Test names alone do not carry the operation; the
 * enclosing describe (`METHOD path — Title`) does.
 */
export interface TestOutcome {
  file: string;
  /** The generated describe: `METHOD path — Title`. */
  describe: string;
  test: string;
  /** vitest's final state: `pass`, `fail`, `skip`, `todo`. */
  state: string;
}

const FILE = 'outcomes.json';

export function writeOutcomes(reportDir: string, outcomes: TestOutcome[]): void {
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(join(reportDir, FILE), `${JSON.stringify(outcomes, null, 2)}\n`);
}

export function readOutcomes(reportDir: string): TestOutcome[] | undefined {
  const f = join(reportDir, FILE);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as TestOutcome[]) : undefined;
}
