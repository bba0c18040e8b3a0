/**
 * OpenStack's error envelopes: `{"itemNotFound": {"code": 404, "message": "…"}}`
 * (nova, cinder, manila, glance), or the service's fixed one where the spec
 * names it (keystone's `{"error": {"code", "title", "message"}}`, neutron's
 * `{"NeutronError": {"type", "message", "detail"}}`). Every refusal the router
 * makes, and every error a handler returns or throws, goes out in that shape.
 */
import { ERROR_NAMES, type ErrorEnvelope } from './spec.js';

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

/** HTTP reason phrases as webob words them (keystone's `title`; neutron's `type` is `HTTP` and the words run together). */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function reason(status: number): string {
  return REASONS[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request');
}

/**
 * The error body. `name` is the fault's name (`itemNotFound`): the key by
 * default; under a fixed envelope, a name a handler chose (`HttpError`'s
 * third argument, such as `NetworkNotFound`) becomes neutron's `type`.
 */
export function errorBody(status: number, message: string, name: string, envelope?: ErrorEnvelope, chosenName?: string): Record<string, unknown> {
  if (envelope === undefined) return { [name]: { code: status, message } };
  const fault: Record<string, unknown> = {};
  for (const field of envelope.fields) {
    if (field === 'code') fault[field] = status;
    else if (field === 'title') fault[field] = reason(status);
    else if (field === 'message') fault[field] = message;
    else if (field === 'type') fault[field] = chosenName ?? `HTTP${reason(status).replace(/[^A-Za-z]/g, '')}`;
    else if (field === 'detail') fault[field] = '';
  }
  return { [envelope.key]: fault };
}

export function errorResponse(status: number, message: string, headers: Headers, name: string, envelope?: ErrorEnvelope, chosenName?: string): Response {
  return jsonResponse(status, errorBody(status, message, name, envelope, chosenName), headers);
}
