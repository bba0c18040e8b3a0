/**
 * What the mock answers with: the spec's own response sample where there is
 * one, otherwise a value made up from the documented schema.
 */
import type { Body, JsonSchema, Operation } from '../model/ir.ts';

/** The first JSON response sample of an operation (already wrapped in its envelope). */
export function responseSample(op: Operation): { value: unknown } | undefined {
  for (const s of op.response?.samples ?? []) {
    if (s.value !== undefined) return { value: s.value };
  }
  return undefined;
}

/** The status the mock answers a successful call with: the first documented success, else 200. */
export function successStatus(op: Operation): number {
  return op.responses.find((r) => r.kind === 'success')?.status ?? 200;
}

/**
 * A value that fits a schema: every documented property, a placeholder of the
 * right type for each leaf. For bodies the spec documents without a sample.
 */
export function exampleFromSchema(schema: JsonSchema, depth = 0): unknown {
  if (depth > 8) return null;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') ?? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array':
      return schema.items ? [exampleFromSchema(schema.items, depth + 1)] : [];
    case 'object':
    case undefined: {
      if (!schema.properties) return type === 'object' ? {} : schema.anyOf?.[0] ? exampleFromSchema(schema.anyOf[0], depth + 1) : null;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(schema.properties)) {
        Object.defineProperty(out, k, { value: exampleFromSchema(v, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    default:
      return null;
  }
}

/** The whole wire body of a response: its sample, or an example wrapped in the envelope. */
export function responseBody(op: Operation): unknown {
  const sample = responseSample(op);
  if (sample) return sample.value;
  if (!op.response) return undefined;
  return wrapInEnvelope(op.response, exampleFromSchema(op.response.schema));
}

export function wrapInEnvelope(body: Pick<Body, 'envelope'>, content: unknown): unknown {
  if (body.envelope === undefined) return content;
  const out: Record<string, unknown> = {};
  Object.defineProperty(out, body.envelope, { value: content, enumerable: true, writable: true, configurable: true });
  return out;
}

/** The content inside a wire body's envelope (the body itself when there is no envelope or it is missing). */
export function unwrapEnvelope(body: Pick<Body, 'envelope'> | undefined, wire: unknown): unknown {
  const env = body?.envelope;
  if (env === undefined || typeof wire !== 'object' || wire === null || Array.isArray(wire)) return wire;
  return Object.prototype.hasOwnProperty.call(wire, env) ? (wire as Record<string, unknown>)[env] : wire;
}
