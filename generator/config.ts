import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';

/** One API that a project generates code for. */
export interface ApiConfig {
  name: string;
  /** The entry document (`.rst`, `.inc`, or a directory holding `index.rst`). */
  spec: string;
  /** The output directory. */
  out: string;
  serviceType: string;
  microversionHeader: string;
}

export const DEFAULT_CONFIG_FILE = 'apiref.config.yaml';
export const DEFAULT_MICROVERSION_HEADER = 'OpenStack-API-Version';

/**
 * Reads `apiref.config.yaml`: `apis: [{name, spec, out, serviceType, microversionHeader}]`.
 * Paths in it are relative to the file.
 */
export function loadConfig(file: string): { apis: ApiConfig[]; dir: string } {
  const abs = resolve(file);
  if (!existsSync(abs)) throw new ConfigError(`${file}: config file not found`);
  let doc: { apis?: Partial<ApiConfig>[] } | null;
  try {
    doc = parse(readFileSync(abs, 'utf8')) as { apis?: Partial<ApiConfig>[] } | null;
  } catch (err) {
    const line = (err as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new ConfigError(`${file}${line ? `:${line}` : ''}: invalid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (doc !== null && (typeof doc !== 'object' || Array.isArray(doc) || (doc.apis !== undefined && !Array.isArray(doc.apis)))) {
    throw new ConfigError(`${file}: expected a mapping with "apis:", a list of {name, spec, out, serviceType, microversionHeader}`);
  }
  const dir = dirname(abs);
  const apis = (doc?.apis ?? []).map((a, i) => {
    if (!a.spec || !a.out) throw new ConfigError(`${file}: apis[${i}] needs "spec" and "out"`);
    return {
      name: a.name ?? `api${i + 1}`,
      spec: resolve(dir, a.spec),
      out: resolve(dir, a.out),
      serviceType: a.serviceType ?? 'service',
      microversionHeader: a.microversionHeader ?? DEFAULT_MICROVERSION_HEADER,
    };
  });
  if (apis.length === 0) throw new ConfigError(`${file}: no apis listed`);
  return { apis, dir };
}

export class ConfigError extends Error {}
