/**
 * The TypeScript text of each operation's handler input and result types:
 * the parts of `server.ts` that depend on the operation.
 */
import type { Operation } from '../../model/ir.ts';
import { operationTypeNames } from '../naming.ts';
import { operationTypes } from '../types/operation-types.ts';
import { jsdoc, propertyKey, proseLines, stringLiteral, versionTags } from '../types/ts-text.ts';
import type { RouteSpec } from '../../../templates/server/runtime/spec.ts';

export interface OperationView {
  comment: string;
  inputName: string;
  resultName: string;
  inputDoc: string;
  resultDoc: string;
  pathType: string;
  queryType: string;
  headersType: string;
  bodyType: string;
  resultType: string;
  methodKey: string;
  methodDoc: string;
}

const NO_BODY = new Set([204, 205, 304]);

/** `POST /v3/{project_id}/attachments`, safe inside a comment. */
function where(op: Operation): string {
  return `\`${op.method} ${op.path}\``;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ').replace(/\*\//g, '*\\/');
}

export function operationView(op: Operation, route: RouteSpec): OperationView {
  const names = operationTypeNames(op);
  const exported = operationTypes(op);
  const inputName = `${names.base}Input`;
  const resultName = `${names.base}Result`;

  const headerMembers = route.params.header.map((h) => `${propertyKey(h.name)}${h.required ? '' : '?'}: string`);
  const bodyType = route.request
    ? [`T.${exported.request!}`, ...(route.request.schema.anyOf?.some((s) => s.type === 'null') ? ['null'] : []), ...(route.request.required ? [] : ['undefined'])].join(' | ')
    : 'undefined';

  return {
    comment: oneLine(`${op.id}: ${op.method} ${op.path}`),
    inputName,
    resultName,
    inputDoc: jsdoc([`What {@link Handlers.${safeLinkName(op.id)}} receives: ${where(op)}.`]),
    resultDoc: jsdoc([`What {@link Handlers.${safeLinkName(op.id)}} may answer: the status codes the spec documents for ${where(op)}.`]),
    pathType: `T.${exported.pathParams}`,
    queryType: exported.query ? `T.${exported.query}` : 'Record<string, string | string[]>',
    headersType: headerMembers.length > 0 ? `{ ${headerMembers.join('; ')} }` : 'Record<string, never>',
    bodyType,
    resultType: resultType(op, route, exported.response),
    methodKey: propertyKey(op.id),
    methodDoc: jsdoc(
      [
        oneLine(op.title || op.id),
        '',
        `${where(op)}${op.action !== undefined ? ` with action ${oneLine(stringLiteral(op.action))}` : ''}${versionRange(op)}`,
        ...(op.description ? ['', ...proseLines(op.description)] : []),
        ...versionTags(op.minVersion, op.maxVersion, op.deprecated),
      ],
      '  ',
    ),
  };
}

/** `{@link Handlers.x}` only works for identifiers; others are named in plain text. */
function safeLinkName(id: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(id) ? id : 'operation';
}

function versionRange(op: Operation): string {
  if (op.minVersion && op.maxVersion) return ` (microversions ${oneLine(op.minVersion)} to ${oneLine(op.maxVersion)})`;
  if (op.minVersion) return ` (microversion ${oneLine(op.minVersion)} and later)`;
  if (op.maxVersion) return ` (up to microversion ${oneLine(op.maxVersion)})`;
  return '';
}

/**
 * The result union: success statuses with the response body (or none, for 204
 * and undocumented bodies), then the documented error statuses with a message.
 */
function resultType(op: Operation, route: RouteSpec, responseType: string | undefined): string {
  const variants: string[] = [];
  const withBody: number[] = [];
  const withoutBody: number[] = [];
  for (const s of route.success) (responseType && !NO_BODY.has(s) ? withBody : withoutBody).push(s);
  const optionalBody = op.method === 'HEAD';
  const links = route.response?.linkKeys?.length ? `; links?: { ${route.response.linkKeys.map((k) => `${propertyKey(k)}?: unknown`).join('; ')} }` : '';
  if (route.success.length === 0) {
    // The spec lists no success code: any 2xx, with the documented body if there is one.
    variants.push(responseType ? `{ status: number; body${optionalBody ? '?' : ''}: T.${responseType}${links}; headers?: ResponseHeaders }` : '{ status: number; body?: undefined; headers?: ResponseHeaders }');
  }
  if (withBody.length > 0) variants.push(`{ status: ${withBody.join(' | ')}; body${optionalBody ? '?' : ''}: T.${responseType!}${links}; headers?: ResponseHeaders }`);
  if (withoutBody.length > 0) variants.push(`{ status: ${withoutBody.join(' | ')}; body?: undefined; headers?: ResponseHeaders }`);
  const errors = Object.keys(route.errors).map(Number);
  if (errors.length > 0) variants.push(`{ status: ${errors.join(' | ')}; message: string; headers?: ResponseHeaders }`);
  return variants.map((v) => `\n  | ${v}`).join('');
}
