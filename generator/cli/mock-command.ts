import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { buildModel, resolveEntry } from '../model/build.ts';
import { DEFAULT_CONFIG_FILE, loadConfig, type ApiConfig } from '../config.ts';
import { formatDiagnostic } from '../diagnostics.ts';
import { startMock, type MockOptions } from '../mock/mock-server.ts';
import { defaultVersionRange } from '../emitters/server/route-spec.ts';
import type { ApiModel, Operation } from '../model/ir.ts';
import { addSpecOptions, checkEntry, type SpecOptions } from './spec-options.ts';
import { UsageError } from './main.ts';

interface MockCommandOptions extends SpecOptions {
  port: string;
  host: string;
  stateful?: boolean;
  basePath?: string;
  minVersion?: string;
  maxVersion?: string;
  microversions: boolean;
}

const VERSION = /^\d+\.\d+$/;

/** The apiref.config.yaml entry (in the working directory) for this spec, if there is one. */
function configuredApi(entry: string): ApiConfig | undefined {
  if (!existsSync(DEFAULT_CONFIG_FILE)) return undefined;
  try {
    return loadConfig(DEFAULT_CONFIG_FILE).apis.find((a) => resolveEntry(a.spec) === entry);
  } catch {
    return undefined; // a broken config is `generate`'s to report; the mock runs without it
  }
}

/**
 * Whether the document negotiates microversions rather than just versioning its API.
 * Nova, Cinder and Manila write "microversion" all over their references; Keystone
 * and Glance write "new in version 3.14" for API versions they always serve, and
 * negotiating would hide those operations from every client that sends no header.
 */
function speaksOfMicroversions(model: ApiModel): boolean {
  const word = /micro-?version/i;
  const params = (op: Operation) => [...op.parameters.path, ...op.parameters.query, ...op.parameters.header, ...(op.request?.fields ?? []), ...(op.response?.fields ?? [])];
  return (
    model.sections.some((s) => word.test(s.description)) ||
    model.operations.some((op) => word.test(op.description) || op.versionNotes.some((n) => word.test(n.text ?? '')) || params(op).some((p) => word.test(p.description)))
  );
}

/** The default header, when the document speaks of microversions and mentions some (or a range is given). */
function defaultHeader(model: ApiModel, opts: MockCommandOptions): string | undefined {
  if (opts.minVersion || opts.maxVersion) return opts.microversionHeader;
  return defaultVersionRange(model) !== undefined && speaksOfMicroversions(model) ? opts.microversionHeader : undefined;
}

export function registerMockCommand(program: Command, setCode: (c: number) => void): void {
  const cmd = program
    .command('mock')
    .description(
      'serve a fake of the API from its own response samples (or, with --stateful, from in-memory collections); ' +
        'microversions are negotiated when the spec mentions some, in --microversion-header (or the header this spec\'s entry in apiref.config.yaml names), ' +
        'when the document speaks of microversions at all (Keystone and Glance version their APIs without negotiating; name a header to negotiate anyway)',
    )
    .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--stateful', 'keep collections in memory: create, list, show, update and delete see each other; unknown ids answer 404')
    .option('--base-path <prefix>', 'serve the api-ref paths under this prefix (e.g. /v2.1 for nova, whose paths omit it)')
    .option('--min-version <v>', 'lowest microversion accepted (default: MAJOR.0 of the lowest the spec mentions)')
    .option('--max-version <v>', 'highest microversion accepted (default: the highest the spec mentions)')
    .option('--no-microversions', 'ignore the microversion header even if the spec has microversions');
  addSpecOptions(cmd);
  // The shared option's default is real here: it is the header the mock negotiates in.
  const headerOption = cmd.options.find((o) => o.long === '--microversion-header');
  if (headerOption) headerOption.description = 'the microversion header, used when the spec mentions microversions; values "TYPE X.Y" (TYPE: --service-type, any when not given) or "latest"';
  cmd.action(async (opts: MockCommandOptions) => {
    const port = Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, not ${JSON.stringify(opts.port)}`);
    for (const [flag, v] of [['--min-version', opts.minVersion], ['--max-version', opts.maxVersion]] as const) {
      if (v !== undefined && !VERSION.test(v)) throw new UsageError(`${flag} must look like 3.44, not ${JSON.stringify(v)}`);
    }
    const entry = checkEntry(opts.spec);
    // A header named on the command line or in apiref.config.yaml (for this spec) is
    // used as given; otherwise the default one, where the spec has microversions at all.
    const configured = configuredApi(entry);
    const explicitHeader = cmd.getOptionValueSource('microversionHeader') === 'cli' ? opts.microversionHeader : configured?.microversionHeader;
    const serviceType = opts.serviceType ?? configured?.serviceType;
    const model = buildModel(entry, {
      ...(serviceType ? { serviceType } : {}),
      ...(explicitHeader ? { microversionHeader: explicitHeader } : {}),
    });
    const errors = model.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      for (const d of errors) process.stderr.write(`${formatDiagnostic(d)}\n`);
      process.stderr.write(`apiref: ${errors.length} error(s) in the spec; not serving it\n`);
      setCode(1);
      return;
    }
    const header = opts.microversions ? (explicitHeader ?? model.api.microversionHeader ?? defaultHeader(model, opts)) : undefined;
    const options: MockOptions & { port: number; host: string } = { port, host: opts.host };
    if (opts.stateful) options.stateful = true;
    if (opts.basePath) options.basePath = opts.basePath;
    if (serviceType) options.serviceType = serviceType;
    if (header) options.microversionHeader = header;
    if (opts.minVersion) options.minVersion = opts.minVersion;
    if (opts.maxVersion) options.maxVersion = opts.maxVersion;
    let running;
    try {
      running = await startMock(model, options);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot listen on ${opts.host}:${port}: ${code === 'EADDRINUSE' ? 'address already in use' : code === 'EADDRNOTAVAIL' ? 'address not available' : String((err as Error).message)}`);
    }
    const versions = running.router.microversions;
    process.stdout.write(
      `apiref mock: ${model.api.title}: ${model.operations.length} operations${opts.stateful ? ' (stateful)' : ''} at ${running.url}${opts.basePath ?? ''}\n` +
        (versions
          ? `  microversions ${versions.min} to ${versions.max} via ${versions.header}${serviceType ? '' : ' (any service type; --service-type to name one)'}\n`
          : '  no microversion negotiation\n') +
        '  stop with Ctrl-C\n',
    );
    await new Promise<void>((resolve) => {
      const stop = (signal: string): void => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        process.stdout.write(`apiref mock: ${signal}, stopping\n`);
        void running.close().then(resolve, resolve);
      };
      const onInt = (): void => stop('SIGINT');
      const onTerm = (): void => stop('SIGTERM');
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
    });
    setCode(0);
  });
}
