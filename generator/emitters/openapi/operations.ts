import type { Operation } from '../../model/ir.ts';
import { maxVersion, minVersion } from '../../model/version.ts';
import { buildRequestBody } from './bodies.ts';
import type { ComponentSet } from './components.ts';
import type { ErrorResponses } from './errors.ts';
import type { JsonObject } from './json.ts';
import type { ExportNotes } from './notes.ts';
import { mergeParameters } from './parameters.ts';
import { buildResponses } from './responses.ts';
import { versionExtension } from './schema.ts';

/** What building an operation needs besides the api-ref operations: where shared parts go, and notes. */
export interface OperationContext {
  schemas: ComponentSet;
  errors: ErrorResponses;
  notes: ExportNotes;
  /** The section id -> tag name. */
  tags: Map<string, string>;
  /** The microversion header parameter, for microversioned APIs. */
  microversion?: { name: string; ref: JsonObject };
}

/**
 * One OpenAPI operation from the api-ref operations that share a method and a
 * path: usually one; the `/action` family and other collisions are several,
 * and then the summary, description, parameters, bodies and microversion
 * bounds cover all of them.
 */
export function buildOperation(ops: Operation[], operationId: string, ctx: OperationContext): JsonObject {
  const merged = ops.length > 1;
  const actions = ops.every((o) => o.action !== undefined);
  const out: JsonObject = {};

  const tags = [...new Set(ops.map((o) => ctx.tags.get(o.section)).filter((t): t is string => t !== undefined))];
  if (tags.length > 0) out['tags'] = tags;
  out['summary'] = merged ? mergedSummary(ops) : ops[0]!.title || operationId;
  const description = merged ? mergedDescription(ops) : ops[0]!.description;
  if (description) out['description'] = description;
  out['operationId'] = operationId;

  const parameters = mergeParameters(ops, ctx);
  if (parameters.length > 0) out['parameters'] = parameters;

  const requestBody = buildRequestBody(ops, merged, actions, ctx);
  if (requestBody) out['requestBody'] = requestBody;
  out['responses'] = buildResponses(ops, merged, ctx);

  if (ops.every((o) => o.deprecated)) out['deprecated'] = true;
  const mins = ops.map((o) => o.minVersion);
  const maxs = ops.map((o) => o.maxVersion);
  const ext = versionExtension(
    mins.every((v) => v !== undefined) ? minVersion(mins as string[]) : undefined,
    maxs.every((v) => v !== undefined) ? maxVersion(maxs as string[]) : undefined,
    !merged && ops[0]!.action !== undefined ? { 'action-name': ops[0]!.action } : {},
  );
  if (ext) out['x-openstack'] = ext;
  return out;
}

function mergedSummary(ops: Operation[]): string {
  const titles = ops.map((o) => o.title || o.id);
  const joined = titles.join('; ');
  return joined.length <= 120 ? joined : `${titles[0]}; and ${titles.length - 1} more operations`;
}

function mergedDescription(ops: Operation[]): string {
  const first = ops[0]!;
  const bodies = ops.some((o) => o.request || o.action) ? ' The request body is one of theirs.' : '';
  const intro = `The api-ref documents ${ops.length} operations as \`${first.method} ${first.path}\`; OpenAPI allows one per method and path, so they share this one.${bodies}`;
  const parts = ops.map((o) => {
    const facts: string[] = [`operation \`${o.id}\``];
    if (o.action) facts.push(`action \`${o.action}\``);
    if (o.minVersion) facts.push(`since microversion ${o.minVersion}`);
    if (o.maxVersion) facts.push(`up to microversion ${o.maxVersion}`);
    return `## ${o.title || o.id}\n\n${facts.join(', ')}.${o.description ? `\n\n${o.description}` : ''}`;
  });
  return [intro, ...parts].join('\n\n');
}
