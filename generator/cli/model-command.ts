import type { Command } from 'commander';
import { buildModel } from '../model/build.ts';
import { formatDiagnostic } from '../diagnostics.ts';
import { addSpecOptions, checkEntry, type SpecOptions } from './spec-options.ts';

export function registerModelCommand(program: Command, setCode: (c: number) => void): void {
  const cmd = program
    .command('model')
    .description('print the intermediate model (operations and diagnostics) of a spec as JSON')
    .option('--no-toctree', 'do not follow toctree entries')
    .option('--compact', 'print JSON on one line');
  addSpecOptions(cmd).action((opts: SpecOptions & { toctree: boolean; compact?: boolean }) => {
    const entry = checkEntry(opts.spec);
    const model = buildModel(entry, {
      followToctree: opts.toctree,
      ...(opts.serviceType ? { serviceType: opts.serviceType } : {}),
      ...(opts.microversionHeader ? { microversionHeader: opts.microversionHeader } : {}),
    });
    process.stdout.write(`${JSON.stringify(model, null, opts.compact ? undefined : 2)}\n`);
    const errors = model.diagnostics.filter((d) => d.severity === 'error');
    for (const d of errors) process.stderr.write(`${formatDiagnostic(d)}\n`);
    setCode(errors.length > 0 ? 1 : 0);
  });
}
