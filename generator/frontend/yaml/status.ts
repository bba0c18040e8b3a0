import jsyaml from 'js-yaml';
import type { Diagnostics } from '../../diagnostics.ts';

/** A status.yaml: per code, named descriptions (`default`, and keys such as `conflict`). */
export type StatusFile = Map<number, Map<string, string>>;

/**
 * Read with js-yaml's failsafe schema, like parameters.yaml: every scalar is
 * the text written (codes come back as "409"), and it parses these small
 * files several times faster than the `yaml` package, which matters because
 * every API of the corpus reads one.
 */
export function loadStatusFile(text: string, file: string, diags: Diagnostics): StatusFile {
  const out: StatusFile = new Map();
  let doc: unknown;
  try {
    doc = jsyaml.load(text, { schema: jsyaml.FAILSAFE_SCHEMA, json: true, filename: file });
  } catch (err) {
    const mark = (err as { mark?: { line?: number } }).mark;
    const reason = (err as { reason?: string }).reason ?? String(err);
    diags.error('APIREF-YAML-SYNTAX', `invalid YAML: ${reason}`, { file, line: (mark?.line ?? 0) + 1 });
    return out;
  }
  if (!isMapping(doc)) return out;
  for (const [key, value] of Object.entries(doc)) {
    const code = Number(key);
    if (!Number.isInteger(code)) continue;
    const texts = new Map<string, string>();
    if (isMapping(value)) {
      for (const [k, v] of Object.entries(value)) if (k) texts.set(k, (typeof v === 'string' ? v : '').trim());
    } else if (typeof value === 'string') {
      texts.set('default', value.trim());
    }
    out.set(code, texts);
  }
  return out;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
