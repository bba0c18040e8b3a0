import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, ConfigError, DEFAULT_CONFIG_FILE, type ApiConfig } from '../config.ts';
import { generateInMemory } from '../pipeline.ts';
import { writeTree, readTree } from '../writer/write-tree.ts';
import { formatDiagnostic } from '../diagnostics.ts';
import { shortDiff } from '../writer/short-diff.ts';
import { addSpecOptions, checkEntry, type SpecOptions } from './spec-options.ts';
import { UsageError } from './main.ts';

interface GenerateOptions extends Partial<SpecOptions> {
  out?: string;
  config?: string;
  check?: boolean;
}

export function registerGenerateCommand(program: Command, setCode: (c: number) => void): void {
  const cmd = program
    .command('generate')
    .description(`generate types, client, server, conformance tests and the model for a spec (default: the APIs in ${DEFAULT_CONFIG_FILE})`)
    .option('--out <dir>', 'output directory (with --spec)')
    .option('--config <file>', `config file listing the APIs to generate`, undefined)
    .option('--check', 'regenerate in memory and exit 1 if the files on disk differ; writes nothing');
  addSpecOptions(cmd, false).action((opts: GenerateOptions) => {
    const apis = selectApis(opts);
    let failed = false;
    for (const { api, pathBase } of apis) {
      const { model, files } = generateInMemory(api, pathBase);
      const errors = model.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        for (const d of errors) process.stderr.write(`${formatDiagnostic(d)}\n`);
        process.stderr.write(`apiref: ${api.name}: ${errors.length} error(s); nothing written\n`);
        failed = true;
        continue;
      }
      if (opts.check) {
        const stale = compareWithDisk(api.out, files);
        if (stale.length > 0) {
          for (const s of stale) process.stderr.write(`${s}\n`);
          process.stderr.write(`apiref: ${api.name}: ${stale.length} generated file(s) out of date in ${api.out}; run apiref generate\n`);
          failed = true;
        } else {
          process.stdout.write(`${api.name}: ${files.length} files up to date\n`);
        }
        continue;
      }
      writeTree(api.out, files);
      process.stdout.write(`${api.name}: ${model.operations.length} operations -> ${files.length} files in ${api.out}\n`);
    }
    setCode(failed ? 1 : 0);
  });
}

function selectApis(opts: GenerateOptions): { api: ApiConfig; pathBase: string }[] {
  if (opts.spec) {
    if (!opts.out) throw new UsageError('--spec needs --out (the directory to write into)');
    checkEntry(opts.spec);
    const api: ApiConfig = {
      name: opts.spec,
      spec: resolve(opts.spec),
      out: resolve(opts.out),
      serviceType: opts.serviceType ?? 'service',
      microversionHeader: opts.microversionHeader ?? 'OpenStack-API-Version',
    };
    return [{ api, pathBase: process.cwd() }];
  }
  try {
    const config = loadConfig(opts.config ?? DEFAULT_CONFIG_FILE);
    return config.apis.map((api) => ({ api, pathBase: config.dir }));
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(`${err.message} (or pass --spec and --out)`);
    throw err;
  }
}

/** Names each file whose content on disk differs from what generation makes, with a short diff. */
function compareWithDisk(outDir: string, files: { path: string; content: string }[]): string[] {
  const disk = readTree(outDir);
  const problems: string[] = [];
  for (const f of files) {
    const current = disk.get(f.path);
    if (current === undefined) problems.push(`missing: ${f.path}`);
    else if (current !== f.content) problems.push(`stale: ${f.path}\n${shortDiff(current, f.content)}`);
    disk.delete(f.path);
  }
  for (const extra of disk.keys()) problems.push(`extra: ${extra} (not produced by generation)`);
  return problems;
}
