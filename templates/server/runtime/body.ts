/**
 * Reading a request body within a size limit, and parsing it as JSON without
 * letting `__proto__` keys through (a body that carries one is refused rather
 * than risk prototype pollution in handler code that merges objects).
 */

export type BodyRead = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' };

/** Reads at most `limit` bytes; stops (and cancels the stream) as soon as the body is larger. */
export async function readBody(request: Request, limit: number): Promise<BodyRead> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) return { ok: false, reason: 'too-large' };
  if (request.body === null) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: 'too-large' };
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return { ok: true, bytes: chunks[0]! };
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string };

const FORBIDDEN_KEYS = new Set(['__proto__']);

/** Parses UTF-8 JSON; the message of a failure says what was wrong (never echoing the body). */
export function parseJson(bytes: Uint8Array): JsonParse {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'Malformed request body: it is not valid UTF-8.' };
  }
  let forbidden: string | undefined;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) forbidden ??= key;
      return v;
    });
  } catch {
    return { ok: false, message: 'Malformed request body: it is not valid JSON.' };
  }
  if (forbidden !== undefined) return { ok: false, message: `Invalid key ${JSON.stringify(forbidden)} in request body.` };
  return { ok: true, value };
}
