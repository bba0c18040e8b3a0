import { resolve } from 'node:path';
import { buildModel } from './model/build.ts';
import type { ApiModel } from './model/ir.ts';
import { emitters } from './emitters/index.ts';
import type { GeneratedFile } from './emitters/emitter.ts';
import type { ApiConfig } from './config.ts';

export interface GenerateResult {
  model: ApiModel;
  files: GeneratedFile[];
}

/**
 * The whole pipeline in memory: spec -> model -> every emitter's files.
 * Paths inside the model are relative to `pathBase`, so output does not depend
 * on the directory apiref was started from.
 */
export function generateInMemory(api: Pick<ApiConfig, 'spec' | 'serviceType' | 'microversionHeader'>, pathBase: string): GenerateResult {
  const model = buildModel(resolve(api.spec), {
    pathBase,
    serviceType: api.serviceType,
    microversionHeader: api.microversionHeader,
  });
  if (model.diagnostics.some((d) => d.severity === 'error')) return { model, files: [] };
  const files = emitters.flatMap((e) => e.emit(model, { serviceType: api.serviceType, microversionHeader: api.microversionHeader }));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { model, files };
}
