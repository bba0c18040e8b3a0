/**
 * Map sub-collections: `/volumes/{volume_id}/metadata/{key}`,
 * `/servers/{server_id}/metadata/{key}`, `/types/{type_id}/extra_specs/{key}`.
 * Their members are the keys of one free-form JSON object, not resources with
 * an `id` field:
 *
 *   POST /things/{id}/metadata       {"metadata": {"name": "x"}}  adds the key `name`
 *   GET  /things/{id}/metadata       {"metadata": {"name": "x"}}  the whole map, not an array
 *   PUT  /things/{id}/metadata/name  {"meta": {"name": "y"}}      the body's key mirrors the path
 *
 * So the suite reads a created member's id from the keys the create sent,
 * writes a member's key into the bodies of operations on `{key}`, and does not
 * expect 404 from a PUT on an unknown key (a PUT on a map key creates it).
 *
 * A resource is a map when it is nested under a member of another resource
 * (`{volume_id}` above), members are addressed by a path parameter, no listing
 * of it answers an array, and its create request (or, without a create, a
 * listing) carries, in an envelope, an object the spec documents as `object`
 * without documenting any of its keys (every property came from a sample) or
 * with `additionalProperties`. A create with documented fields adds a member
 * object, not keys, even where the listing is keyed by name (glance's
 * `/metadefs/namespaces/{namespace_name}/properties`): not a map.
 */
import type { Body, JsonSchema, Operation } from '../../model/ir.ts';
import type { ResourceNode } from './lifecycle.ts';

const typesOf = (schema: JsonSchema): string[] => (schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type]);

/** An object whose keys are data: documented as `object`, none of its keys documented. */
export function isFreeFormObject(schema: JsonSchema): boolean {
  if (!typesOf(schema).includes('object')) return false;
  if (schema.additionalProperties === false) return false;
  return Object.values(schema.properties ?? {}).every((p) => p['x-inferred'] === true);
}

/** A body whose content, inside an envelope, is a free-form object. */
function isEnvelopedMap(body: Body | undefined): boolean {
  return body !== undefined && body.envelope !== undefined && isFreeFormObject(body.schema);
}

export function isMapResource(node: ResourceNode): boolean {
  if (node.idParam === undefined || node.parent === undefined) return false;
  if (node.lists.some((l) => l.response !== undefined && typesOf(l.response.schema).includes('array'))) return false;
  if (node.create) return isEnvelopedMap(node.create.request);
  return node.lists.some((l) => isEnvelopedMap(l.response));
}

/**
 * The path parameter an operation's request body must repeat as its only key
 * (`PUT …/metadata/{key}` with `{"meta": {"<key>": …}}`), or undefined: the
 * operation addresses one member of a map resource and its request content is
 * a free-form object.
 */
export function mapKeyParam(op: Operation, node: ResourceNode): string | undefined {
  if (!node.map || node.idParam === undefined || !op.request || !isFreeFormObject(op.request.schema)) return undefined;
  return op.path.endsWith(`/{${node.idParam}}`) ? node.idParam : undefined;
}
