import { resolve } from 'node:path';
import { buildModel } from '../model/build.ts';
import type { ApiModel } from '../model/ir.ts';
import { DEFAULT_MICROVERSION_HEADER } from '../config.ts';
import type { EmitOptions, GeneratedFile } from './emitter.ts';
import { typesEmitter } from './types/types-emitter.ts';
import { clientEmitter } from './client/client-emitter.ts';
import { typecheckGenerated, type TypecheckResult } from './typecheck.ts';

/** An API to check: where its spec is and the names the config would give it (MANIFEST entries fit). */
export interface ApiToCheck {
  name: string;
  entry: string;
  serviceType?: string;
  microversionHeader?: string;
}

/** `types.ts`, `client.ts` and `runtime.ts` for one model: what a user compiles. */
export function clientFiles(model: ApiModel, options: EmitOptions): GeneratedFile[] {
  return [...typesEmitter.emit(model, options), ...clientEmitter.emit(model, options)];
}

/**
 * Builds each API's model, emits its types and client in memory and
 * type-checks them all in one program (strict, exactOptionalPropertyTypes,
 * noUncheckedIndexedAccess). Returns the error count (and first messages) per
 * API; `npm run corpus` reports it.
 */
export function typecheckApis(apis: ApiToCheck[], pathBase = process.cwd()): TypecheckResult[] {
  const inputs = apis.map((api) => {
    const options: EmitOptions = {
      serviceType: api.serviceType ?? 'service',
      microversionHeader: api.microversionHeader ?? DEFAULT_MICROVERSION_HEADER,
    };
    const model = buildModel(resolve(api.entry), { pathBase, ...options });
    return { name: api.name, files: clientFiles(model, options) };
  });
  return typecheckGenerated(inputs);
}
