import type { Emitter } from './emitter.ts';
import { irJsonEmitter } from './ir-json.ts';

/** Every emitter `apiref generate` runs, in order. */
export const emitters: Emitter[] = [
  irJsonEmitter,
];
