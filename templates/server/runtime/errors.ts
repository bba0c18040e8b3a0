/**
 * OpenStack's error envelope: `{"itemNotFound": {"code": 404, "message": "…"}}`.
 * Every refusal the router makes, and every error a handler returns or throws,
 * goes out in this shape.
 */
import { ERROR_NAMES } from './spec.js';

/** Throw from a handler to answer with an error envelope: `throw new HttpError(409, 'Volume is in use')`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The envelope's key; by default the operation's documented name for `status`, else OpenStack's conventional one. */
    readonly envelopeName?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The envelope key for a status: `documented` (from the spec) first, then OpenStack's convention. */
export function errorName(status: number, documented?: Record<string, string>): string {
  return documented?.[String(status)] ?? ERROR_NAMES[status] ?? (status >= 500 ? 'computeFault' : 'badRequest');
}

/**
 * The text of the JSON responses built here, so the node adapter can write it
 * straight out instead of reading the Response's body stream back (which costs
 * more than the rest of the request on Node).
 */
const jsonText = new WeakMap<Response, string>();

export function jsonResponse(status: number, body: unknown, headers: Headers): Response {
  headers.set('content-type', 'application/json');
  const text = JSON.stringify(body);
  const response = new Response(text, { status, headers });
  jsonText.set(response, text);
  return response;
}

/** The body text of a response made by `jsonResponse`, if it is one and its body was not read. */
export function knownBodyText(response: Response): string | undefined {
  return response.bodyUsed ? undefined : jsonText.get(response);
}

export function errorResponse(status: number, message: string, headers: Headers, name: string): Response {
  return jsonResponse(status, { [name]: { code: status, message } }, headers);
}
