import { parseDocument, LineCounter, isMap, isScalar, type Node } from 'yaml';
import type { Diagnostics } from '../../diagnostics.ts';

/** A status.yaml: per code, named descriptions (`default`, and keys such as `conflict`). */
export type StatusFile = Map<number, Map<string, string>>;

export function loadStatusFile(text: string, file: string, diags: Diagnostics): StatusFile {
  const out: StatusFile = new Map();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  for (const err of doc.errors) {
    diags.error('APIREF-YAML-SYNTAX', `invalid YAML: ${err.message.split('\n')[0]}`, { file, line: lineCounter.linePos(err.pos[0]).line });
  }
  if (!isMap(doc.contents)) return out;
  for (const pair of doc.contents.items) {
    const keyNode = pair.key as Node | null;
    const code = Number(isScalar(keyNode) ? keyNode.value : NaN);
    if (!Number.isInteger(code)) continue;
    const texts = new Map<string, string>();
    const value = pair.value as Node | null;
    if (isMap(value)) {
      for (const entry of value.items) {
        const k = isScalar(entry.key) ? String(entry.key.value) : '';
        const v = isScalar(entry.value) ? String(entry.value.value ?? '') : '';
        if (k) texts.set(k, v.trim());
      }
    } else if (isScalar(value)) {
      texts.set('default', String(value.value ?? '').trim());
    }
    out.set(code, texts);
  }
  return out;
}
