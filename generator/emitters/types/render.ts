import type { JsonSchema } from '../../model/ir.ts';
import { isStructured, propertyNames, propertySchema, shapeKey, typesOf } from './shape.ts';
import { jsdoc, propertyKey, proseLines, stringLiteral, versionTags } from './ts-text.ts';

/**
 * JSON Schema -> TypeScript type expressions. Objects print one property a
 * line with their JSDoc; shapes the plan named print as that name.
 *
 * Open shapes: an object with no documented properties (free-form
 * `extra_specs`, `metadata`), one with `additionalProperties`, or one whose
 * properties were all inferred from a sample (the spec only shows an example
 * of what the object may hold) gets an index signature of `unknown`.
 */
export interface RenderContext {
  /** Shape key -> declared name. */
  names: Map<string, string>;
  /** Resource bodies by identity (see TypePlan.resources): looked up first. */
  resources?: Map<JsonSchema, string>;
}

const INDENT = '  ';

export function renderType(schema: JsonSchema, ctx: RenderContext, depth: number, isDeclaration = false): string {
  if (!isDeclaration) {
    const named = ctx.resources?.get(schema) ?? ctx.names.get(shapeKey(schema));
    if (named !== undefined && isStructured(schema)) return named;
  }
  if (schema.anyOf && schema.anyOf.length > 0) return union(schema.anyOf.map((s) => renderType(s, ctx, depth)));
  if (schema.enum && schema.enum.length > 0) return union(schema.enum.map(literal));
  // A sample's `null` shows that the member may be empty, not what it holds when it is not
  // (Cinder's `qos_specs` is null in the sample, an object elsewhere): the type stays open,
  // as the generated server's validator treats it.
  if (schema['x-inferred'] === true && schema.type === 'null') return 'unknown';
  const types = typesOf(schema);
  if (types.length === 0) {
    if (schema.properties || schema.additionalProperties !== undefined) return renderObject(schema, ctx, depth);
    if (schema.items) return arrayOf(renderType(schema.items, ctx, depth));
    return 'unknown';
  }
  return union(
    types.map((t) => {
      switch (t) {
        case 'string':
          return 'string';
        case 'integer':
        case 'number':
          return 'number';
        case 'boolean':
          return 'boolean';
        case 'null':
          return 'null';
        case 'array':
          return schema.items ? arrayOf(renderType(schema.items, ctx, depth)) : 'unknown[]';
        case 'object':
          return renderObject(schema, ctx, depth);
        default:
          return 'unknown';
      }
    }),
  );
}

/**
 * What a description says of a map: "Metadata key and value pairs", "A dictionary of
 * extra specs", "free-form properties".
 */
const MAP_PROSE = /key[-/ ]?(?:and[- ])?value|\bpairs?\b|dictionar|\bmetadata\b|free[- ]?form|arbitrary/i;

/**
 * An object the spec documents as a map, with only a sample's keys as members: those
 * keys are examples (`"My Server Name"`, `foo`), not the API, so the type is the map.
 */
function isExampleKeyedMap(schema: JsonSchema, names: string[]): boolean {
  return (
    names.length > 0 &&
    schema.additionalProperties === undefined &&
    MAP_PROSE.test(schema.description ?? '') &&
    names.every((n) => propertySchema(schema, n)?.['x-inferred'] === true)
  );
}

/**
 * The value type of an example-keyed map: `string` where every sample value is text
 * (metadata, extra specs), else `unknown`: a few sample values cannot say what else a
 * driver-defined dictionary holds.
 */
function mapValueType(schema: JsonSchema, names: string[]): string {
  return names.every((n) => typesOf(propertySchema(schema, n)!).join() === 'string') ? 'string' : 'unknown';
}

/** The members of an object type, one per line at `depth + 1`, without the braces. */
export function renderMembers(schema: JsonSchema, ctx: RenderContext, depth: number): string[] {
  const pad = INDENT.repeat(depth + 1);
  const names = propertyNames(schema);
  if (isExampleKeyedMap(schema, names)) return [`${pad}[key: string]: ${mapValueType(schema, names)};`];
  const required = new Set(schema.required ?? []);
  const lines: string[] = [];
  for (const name of propertyNames(schema)) {
    const prop = propertySchema(schema, name);
    if (!prop) continue;
    const doc = jsdoc([...proseLines(prop.description), ...versionTags(prop['x-min-version'], prop['x-max-version'])], pad);
    // A member bounded by microversions is absent outside its range (a server at 2.1 sends
    // no `description` that exists from 2.19): required only within it, so optional here.
    const versioned = prop['x-min-version'] !== undefined || prop['x-max-version'] !== undefined;
    const optional = required.has(name) && !versioned ? '' : '?';
    lines.push(`${doc}${pad}${propertyKey(name)}${optional}: ${renderType(prop, ctx, depth + 1)};`);
  }
  const index = indexSignature(schema, ctx, depth);
  if (index) lines.push(`${pad}[key: string]: ${index};`);
  return lines;
}

/** The value type of the object's index signature, or undefined for a closed object. */
function indexSignature(schema: JsonSchema, ctx: RenderContext, depth: number): string | undefined {
  const names = propertyNames(schema);
  const extra = schema.additionalProperties;
  if (names.length === 0) {
    if (extra === false) return 'never';
    return typeof extra === 'object' ? renderType(extra, ctx, depth + 1) : 'unknown';
  }
  if (extra === false) return undefined;
  if (extra !== undefined) return 'unknown';
  const allInferred = names.every((n) => propertySchema(schema, n)?.['x-inferred'] === true);
  return allInferred ? 'unknown' : undefined;
}

function renderObject(schema: JsonSchema, ctx: RenderContext, depth: number): string {
  const members = renderMembers(schema, ctx, depth);
  if (members.length === 1 && members[0]!.trimStart().startsWith('[key: string]')) return `{ ${members[0]!.trim().replace(/;$/, '')} }`;
  return `{\n${members.join('\n')}\n${INDENT.repeat(depth)}}`;
}

function literal(value: unknown): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean' || value === null) return String(value);
  return 'unknown';
}

function union(parts: string[]): string {
  const unique = [...new Set(parts)];
  if (unique.includes('unknown')) return 'unknown';
  return unique.join(' | ');
}

function arrayOf(item: string): string {
  return /^[A-Za-z0-9_$.]+(\[\])*$/.test(item) ? `${item}[]` : `Array<${item}>`;
}
