import { InvalidArgumentError, Option, type Command } from 'commander';
import { lintSpec } from '../lint/lint.ts';
import { FORMATS, type FormatName } from '../lint/format/index.ts';
import { checkEntry } from './spec-options.ts';

interface LintOptions {
  spec: string;
  format: FormatName;
  maxWarnings?: number;
  toctree: boolean;
}

/** `--max-warnings N`: a whole number, 0 or more. */
function parseMaxWarnings(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return Number(value);
}

export function registerLintCommand(program: Command, setCode: (c: number) => void): void {
  program
    .command('lint')
    .description(
      'check an api-ref: every warning os-api-ref gives, plus samples against the documented parameters, path parameters, missing files and duplicate operation ids (codes: generator/lint/README.md)',
    )
    .requiredOption('--spec <entry>', 'the api-ref entry: an .rst or .inc file, or a directory holding index.rst')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(FORMATS)).default('text'))
    .option('--max-warnings <n>', 'exit 1 when there are more than N warnings (default: warnings alone do not fail)', parseMaxWarnings)
    .option('--no-toctree', 'do not follow toctree entries')
    .addHelpText('after', '\nExit codes: 0 clean (or warnings within --max-warnings), 1 errors or too many warnings, 2 bad usage.\n')
    .action((opts: LintOptions) => {
      const entry = checkEntry(opts.spec);
      const result = lintSpec(entry, { followToctree: opts.toctree });
      process.stdout.write(FORMATS[opts.format](result));
      const tooMany = opts.maxWarnings !== undefined && result.counts.warning > opts.maxWarnings;
      if (tooMany) process.stderr.write(`apiref lint: ${result.counts.warning} warnings, more than --max-warnings ${opts.maxWarnings}\n`);
      setCode(result.counts.error > 0 || tooMany ? 1 : 0);
    });
}
