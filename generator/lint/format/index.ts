import type { LintResult } from '../lint.ts';
import { formatText } from './text.ts';
import { formatJson } from './json.ts';
import { formatSarif } from './sarif.ts';
import { formatGithub } from './github.ts';

export const FORMATS = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
} as const satisfies Record<string, (r: LintResult) => string>;

export type FormatName = keyof typeof FORMATS;
