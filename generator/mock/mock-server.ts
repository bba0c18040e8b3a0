/**
 * `apiref mock`'s server: the same router as a generated server (the runtime
 * in templates/server/runtime), with the spec's samples (or an in-memory
 * store) in place of hand-written handlers. Works from the model at run time,
 * so any api-ref becomes a runnable fake without generating code.
 */
import type { ApiModel } from '../model/ir.ts';
import { buildApiSpec } from '../emitters/server/route-spec.ts';
import { createRouter, type Router, type RouterOptions } from '../../templates/server/runtime/router.ts';
import { listen, type RunningServer } from '../../templates/server/runtime/node.ts';
import type { ApiSpec } from '../../templates/server/runtime/spec.ts';
import { sampleHandlers, statefulHandlers } from './handlers.ts';

export interface MockOptions extends Pick<RouterOptions, 'minVersion' | 'maxVersion' | 'basePath' | 'maxBodyBytes' | 'log'> {
  /** Keep collections in memory instead of answering from samples. */
  stateful?: boolean;
  serviceType?: string;
  /** The microversion header; negotiation is off without one (and without versions in the spec). */
  microversionHeader?: string;
}

/**
 * The route table the mock serves. Handlers return whole wire bodies (samples
 * carry their envelope already), so response envelopes are taken out of it.
 */
export function mockApiSpec(model: ApiModel, options: Pick<MockOptions, 'serviceType' | 'microversionHeader'> = {}): ApiSpec {
  const spec = buildApiSpec(model, { serviceType: options.serviceType, microversionHeader: options.microversionHeader });
  for (const op of spec.operations) {
    if (op.response) op.response = { schema: {} };
  }
  return spec;
}

export function createMockRouter(model: ApiModel, options: MockOptions = {}): Router {
  const spec = mockApiSpec(model, options);
  const handlers = options.stateful ? statefulHandlers(model) : sampleHandlers(model);
  const routerOptions: RouterOptions = { validateResponses: false };
  for (const k of ['minVersion', 'maxVersion', 'basePath', 'maxBodyBytes', 'log'] as const) {
    if (options[k] !== undefined) Object.assign(routerOptions, { [k]: options[k] });
  }
  return createRouter(spec, handlers, routerOptions);
}

/** Starts the mock on `host:port` (default 127.0.0.1 and a free port). */
export function startMock(model: ApiModel, options: MockOptions & { port?: number; host?: string } = {}): Promise<RunningServer> {
  const listenOptions: { port?: number; host?: string } = {};
  if (options.port !== undefined) listenOptions.port = options.port;
  if (options.host !== undefined) listenOptions.host = options.host;
  return listen(createMockRouter(model, options), listenOptions);
}
