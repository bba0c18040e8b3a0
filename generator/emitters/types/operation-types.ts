import type { Operation, Parameter } from '../../model/ir.ts';
import { operationTypeNames } from '../naming.ts';

/**
 * Which per-operation types `types.ts` exports, by the rule other emitters rely
 * on: PathParams always; Query when the operation takes query parameters;
 * Request / Response when it has that body. Names come from naming.ts.
 */
export interface OperationTypes {
  pathParams: string;
  query?: string;
  request?: string;
  response?: string;
}

export function operationTypes(op: Operation): OperationTypes {
  const names = operationTypeNames(op);
  const out: OperationTypes = { pathParams: names.pathParams };
  if (uniqueParameters(op.parameters.query).length > 0) out.query = names.query;
  if (op.request) out.request = names.request;
  if (op.response) out.response = names.response;
  return out;
}

/** Parameters by wire name, first definition wins (a stanza may list a name twice). */
export function uniqueParameters(params: Parameter[]): Parameter[] {
  const seen = new Set<string>();
  return params.filter((p) => (seen.has(p.name) ? false : (seen.add(p.name), true)));
}
