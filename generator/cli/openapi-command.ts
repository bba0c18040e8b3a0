import { existsSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import type { Command } from 'commander';
import { buildModel } from '../model/build.ts';
import { formatDiagnostic } from '../diagnostics.ts';
import { assembleOpenApi } from '../emitters/openapi/export.ts';
import { serializeOpenApi, type OpenApiFormat } from '../emitters/openapi/serialize.ts';
import { addSpecOptions, checkEntry, type SpecOptions } from './spec-options.ts';
import { UsageError } from './main.ts';

interface OpenApiOptions extends SpecOptions {
  out?: string;
  format?: string;
  verbose?: boolean;
}

export function registerOpenApiCommand(program: Command, setCode: (c: number) => void): void {
  const cmd = program
    .command('openapi')
    .description('export the model of a spec as an OpenAPI 3.1 document (to stdout, or --out FILE)')
    .option('--out <file>', 'write the document to FILE instead of stdout')
    .option('--format <format>', 'json or yaml (default: yaml for a .yaml/.yml --out, else json)')
    .option('--verbose', 'list each change made to fit OpenAPI (renamed path parameters, merged operations, ...)');
  addSpecOptions(cmd).action((opts: OpenApiOptions) => {
    const format = chooseFormat(opts.format, opts.out);
    const entry = checkEntry(opts.spec);
    const model = buildModel(entry, {
      ...(opts.serviceType ? { serviceType: opts.serviceType } : {}),
      ...(opts.microversionHeader ? { microversionHeader: opts.microversionHeader } : {}),
    });
    const errors = model.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      for (const d of errors) process.stderr.write(`${formatDiagnostic(d)}\n`);
      process.stderr.write(`apiref: ${opts.spec}: ${errors.length} error(s) in the spec; no OpenAPI document written\n`);
      setCode(1);
      return;
    }
    const { document, notes } = assembleOpenApi(model); // serialized at once: no plain copy needed
    const text = serializeOpenApi(document, format);
    if (opts.out) {
      const out = resolve(opts.out);
      if (!existsSync(dirname(out))) throw new UsageError(`cannot write ${opts.out}: directory ${dirname(opts.out)} does not exist`);
      try {
        writeFileSync(out, text);
      } catch (err) {
        throw new UsageError(`cannot write ${opts.out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      process.stderr.write(`${opts.spec}: ${model.operations.length} operations -> ${opts.out}\n`);
    } else {
      process.stdout.write(text);
    }
    if (opts.verbose) for (const n of notes) process.stderr.write(`apiref: note: ${n}\n`);
    else if (notes.length > 0) process.stderr.write(`apiref: ${notes.length} change(s) made to fit OpenAPI; --verbose lists them\n`);
    setCode(0);
  });
}

function chooseFormat(format: string | undefined, out: string | undefined): OpenApiFormat {
  if (format === undefined) return out && /^\.ya?ml$/i.test(extname(out)) ? 'yaml' : 'json';
  const f = format.toLowerCase();
  if (f === 'json' || f === 'yaml') return f;
  if (f === 'yml') return 'yaml';
  throw new UsageError(`--format must be json or yaml, not "${format}"`);
}
