import type { Operation } from '../model/ir.ts';

/**
 * The names generated code uses for each operation's types, shared by every
 * emitter so that `client.ts`, `server.ts` and the conformance tests agree with
 * `types.ts` without reading each other's output.
 */
export interface OperationTypeNames {
  /** PascalCase of the operation id: `CreateAttachment`. */
  base: string;
  /** The unwrapped request body (`CreateAttachmentRequest`). */
  request: string;
  /** The unwrapped response body (`CreateAttachmentResponse`). */
  response: string;
  /** The query parameters object (`ListAttachmentsQuery`). */
  query: string;
  /** The path parameters object (`ShowAttachmentDetailsPathParams`). */
  pathParams: string;
}

export function pascalCase(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''));
  const pascal = cleaned.charAt(0).toUpperCase() + cleaned.slice(1);
  return /^[A-Za-z_]/.test(pascal) ? pascal : `Op${pascal}`;
}

export function operationTypeNames(op: Pick<Operation, 'id'>): OperationTypeNames {
  const base = pascalCase(op.id);
  return {
    base,
    request: `${base}Request`,
    response: `${base}Response`,
    query: `${base}Query`,
    pathParams: `${base}PathParams`,
  };
}

/** The client class name from the service type: `volume` -> `VolumeClient`, `shared-file-system` -> `SharedFileSystemClient`. */
export function clientClassName(serviceType: string): string {
  return `${pascalCase(serviceType)}Client`;
}
