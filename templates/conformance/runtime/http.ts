/**
 * One HTTP exchange with the server under test, on the global `fetch` (no
 * generated client: the suite must be able to send what a client never would,
 * such as malformed JSON). The answer is read whole and parsed as JSON when it
 * is JSON, and a short transcript goes into failure messages.
 */

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The exact body text sent, if any. */
  body?: string;
}

export interface Exchange {
  request: SentRequest;
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, when the text is JSON. */
  json?: unknown;
  /** Set when the body is non-empty and not JSON. */
  notJson?: boolean;
}

/** Waits at most this long for one answer. */
export const REQUEST_TIMEOUT_MS = 30_000;

export async function exchange(request: SentRequest): Promise<Exchange> {
  const init: RequestInit = { method: request.method, headers: request.headers, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) };
  if (request.body !== undefined) init.body = request.body;
  let res: Response;
  try {
    res = await fetch(request.url, init);
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    throw new Error(`${request.method} ${request.url} failed: ${err instanceof Error ? err.message : String(err)}${cause}`);
  }
  const text = await res.text();
  const out: Exchange = { request, status: res.status, headers: res.headers, text };
  if (text.trim() !== '') {
    try {
      out.json = JSON.parse(text) as unknown;
    } catch {
      out.notJson = true;
    }
  }
  return out;
}

/** `POST http://…/attachments -> 400 {"badRequest": …}`, shortened, for failure messages. */
export function transcript(x: Exchange): string {
  const body = x.text.length > 300 ? `${x.text.slice(0, 297)}...` : x.text;
  const sent = x.request.body === undefined ? '' : ` ${x.request.body.length > 200 ? `${x.request.body.slice(0, 197)}...` : x.request.body}`;
  return `${x.request.method} ${x.request.url}${sent}\n  -> ${x.status} ${body.replace(/\s+/g, ' ')}`;
}
