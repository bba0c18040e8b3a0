import type { Emitter } from './emitter.ts';

/** `model.json`: the IR itself, for tools that read the model rather than the code. */
export const irJsonEmitter: Emitter = {
  name: 'model',
  emit(model) {
    return [{ path: 'model.json', content: `${JSON.stringify(model, null, 2)}\n` }];
  },
};
