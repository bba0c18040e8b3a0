import type { ResponseCode } from '../../model/ir.ts';
import { ComponentSet, ref } from './components.ts';
import type { JsonObject } from './json.ts';
import { SERVICE_ERROR_ENVELOPES } from '../service-errors.ts';

/**
 * Error bodies as each OpenStack service writes them. Nova, Cinder, Manila and
 * Glance wrap the fault in a key named after it (`{"itemNotFound": {"code":
 * 404, "message": "..."}}`); Keystone always uses `error`, Neutron
 * `NeutronError`.
 */
interface ErrorShape {
  /** The fixed key the fault sits under, or undefined when it is the fault's name. */
  fixedKey?: string;
  /** The fault object inside the key. */
  body: JsonObject;
}

const FAULT_BODY: JsonObject = {
  type: 'object',
  description: 'The fault: the HTTP status code and a human-readable message.',
  properties: {
    code: { type: 'integer', description: 'The HTTP status code.' },
    message: { type: 'string', description: 'What went wrong.' },
    details: { type: 'string', description: 'More about the fault, where the service gives it.' },
  },
  required: ['code', 'message'],
};

const SHAPES: Record<string, ErrorShape> = {
  identity: {
    fixedKey: SERVICE_ERROR_ENVELOPES['identity']!.key,
    body: {
      type: 'object',
      description: 'The fault: the HTTP status code, its title and a human-readable message.',
      properties: {
        code: { type: 'integer', description: 'The HTTP status code.' },
        title: { type: 'string', description: 'The HTTP reason phrase.' },
        message: { type: 'string', description: 'What went wrong.' },
      },
      required: ['code', 'message'],
    },
  },
  network: {
    fixedKey: SERVICE_ERROR_ENVELOPES['network']!.key,
    body: {
      type: 'object',
      description: 'The fault: its type (the exception name), a message and details.',
      properties: {
        type: { type: 'string', description: 'The kind of fault, e.g. `NetworkNotFound`.' },
        message: { type: 'string', description: 'What went wrong.' },
        detail: { type: 'string', description: 'More about the fault.' },
      },
      required: ['type', 'message'],
    },
  },
};

/** Fault names that can be a JSON key the way services write them. */
const FAULT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Builds the error responses of one document: one shared `ErrorBody` schema,
 * and one response component per fault name and description.
 */
export class ErrorResponses {
  private readonly shape: ErrorShape;
  private bodyName: string | undefined;

  constructor(
    serviceType: string | undefined,
    private readonly schemas: ComponentSet,
    private readonly responses: ComponentSet,
  ) {
    this.shape = (serviceType !== undefined ? SHAPES[serviceType] : undefined) ?? { body: FAULT_BODY };
  }

  /** `{ $ref }` to the response component for one documented error code. */
  response(code: ResponseCode, description: string): JsonObject {
    const body = ref('schemas', (this.bodyName ??= this.schemas.add('ErrorBody', this.shape.body)));
    const name = code.name !== undefined && FAULT_NAME.test(code.name) ? code.name : undefined;
    const key = this.shape.fixedKey ?? name;
    const schema: JsonObject = key !== undefined
      ? { type: 'object', properties: { [key]: body }, required: [key] }
      // The fault's name is not documented: any single key holding a fault.
      : { type: 'object', additionalProperties: body, minProperties: 1, maxProperties: 1 };
    const wrapperName = this.shape.fixedKey !== undefined ? 'Error' : name !== undefined ? `${upperFirst(name)}Error` : 'Error';
    const value: JsonObject = {
      description,
      content: { 'application/json': { schema: this.schemas.ref(wrapperName, schema) } },
    };
    return ref('responses', this.responses.add(name ?? `Error${code.status}`, value));
  }
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
