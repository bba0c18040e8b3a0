import type { Emitter } from '../emitter.ts';
import { assembleOpenApi } from './export.ts';
import { serializeOpenApi } from './serialize.ts';

/** `openapi.json`: the model as an OpenAPI 3.1 document (see export.ts). */
export const openapiEmitter: Emitter = {
  name: 'openapi',
  emit(model, options) {
    // Serialized straight away: no need for buildOpenApi's plain copy.
    const { document } = assembleOpenApi(model, { serviceType: options.serviceType, microversionHeader: options.microversionHeader });
    return [{ path: 'openapi.json', content: serializeOpenApi(document, 'json') }];
  },
};
