import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { resolveEntry } from '../model/build.ts';
import { DEFAULT_MICROVERSION_HEADER } from '../config.ts';
import { UsageError } from './main.ts';

export interface SpecOptions {
  spec: string;
  serviceType?: string;
  microversionHeader?: string;
}

/** The options every command that reads a spec shares. */
export function addSpecOptions(cmd: Command, required = true): Command {
  const spec = '--spec <entry>';
  const specHelp = 'the api-ref entry: an .rst or .inc file, or a directory holding index.rst';
  (required ? cmd.requiredOption(spec, specHelp) : cmd.option(spec, specHelp))
    .option('--service-type <type>', 'the service type, e.g. volume (names the client, fills the microversion header)')
    .option('--microversion-header <name>', `the microversion header`, DEFAULT_MICROVERSION_HEADER);
  return cmd;
}

/** Checks that the entry exists before anything is read; a missing one is a usage error. */
export function checkEntry(spec: string): string {
  const entry = resolveEntry(spec);
  if (!existsSync(entry)) throw new UsageError(`spec entry not found: ${spec}${entry !== spec ? ` (looked for ${entry})` : ''}`);
  return entry;
}
