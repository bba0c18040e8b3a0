import { stringify } from 'yaml';
import type { JsonObject } from './json.ts';

export type OpenApiFormat = 'json' | 'yaml';

/** The document as text: 2-space JSON, or YAML without anchors and line folding; a final newline either way. */
export function serializeOpenApi(document: JsonObject, format: OpenApiFormat): string {
  if (format === 'json') return `${JSON.stringify(document, null, 2)}\n`;
  return stringify(document, { lineWidth: 0, aliasDuplicateObjects: false, indent: 2 });
}
