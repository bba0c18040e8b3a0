import { resolve } from 'node:path';
import { buildSpec } from './model/build.ts';
import type { ApiModel } from './model/ir.ts';
import { emitters } from './emitters/index.ts';
import type { GeneratedFile } from './emitters/emitter.ts';
import type { ApiConfig } from './config.ts';

export interface GenerateResult {
  model: ApiModel;
  files: GeneratedFile[];
  /** Absolute paths of every file the model was read from (or looked for): what a cache or a watcher follows. */
  inputs: string[];
}

/**
 * The whole pipeline in memory: spec -> model -> every emitter's files.
 * Paths inside the model are relative to `pathBase`, so output does not depend
 * on the directory apiref was started from.
 */
export function generateInMemory(api: Pick<ApiConfig, 'spec' | 'serviceType' | 'microversionHeader'>, pathBase: string): GenerateResult {
  const { model, trace } = buildSpec(resolve(api.spec), {
    pathBase,
    serviceType: api.serviceType,
    microversionHeader: api.microversionHeader,
  });
  const inputs = trace.files;
  if (model.diagnostics.some((d) => d.severity === 'error')) return { model, files: [], inputs };
  const files = emitters.flatMap((e) => e.emit(model, { serviceType: api.serviceType, microversionHeader: api.microversionHeader }));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { model, files, inputs };
}
