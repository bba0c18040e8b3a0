import type { Emitter } from './emitter.ts';
import { irJsonEmitter } from './ir-json.ts';
import { openapiEmitter } from './openapi/openapi-emitter.ts';
import { typesEmitter } from './types/types-emitter.ts';
import { clientEmitter } from './client/client-emitter.ts';
import { serverEmitter } from './server/server-emitter.ts';
import { conformanceEmitter } from './conformance/conformance-emitter.ts';

/** Every emitter `apiref generate` runs, in order. */
export const emitters: Emitter[] = [
  irJsonEmitter,
  openapiEmitter,
  typesEmitter,
  clientEmitter,
  serverEmitter,
  conformanceEmitter,
];
