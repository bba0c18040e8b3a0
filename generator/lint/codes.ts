import type { Severity } from '../model/ir.ts';

/**
 * Every code `apiref lint` can report, with a one-line description: the
 * single source for the SARIF rule list and for generator/lint/README.md
 * (a test keeps the two, and the front end's own codes, in step).
 *
 * `origin` says who else would tell you: `os-api-ref` for the warnings the
 * Sphinx extension itself gives (so a clean lint means a clean Sphinx build
 * for those), `apiref` for checks only apiref makes.
 */
export interface CodeInfo {
  code: string;
  severity: Severity;
  origin: 'os-api-ref' | 'apiref';
  summary: string;
}

export const LINT_CODES: readonly CodeInfo[] = [
  // The checks os-api-ref makes, in the order of its source.
  { code: 'APIREF-PARAMS-ORDER', severity: 'warning', origin: 'os-api-ref', summary: 'parameters.yaml: lookup keys of one section are not in case-insensitive alphabetical order' },
  { code: 'APIREF-PARAMS-SECTION-ORDER', severity: 'warning', origin: 'os-api-ref', summary: 'parameters.yaml: sections are not in the order header, path, query, body' },
  { code: 'APIREF-PARAM-INVALID-IN', severity: 'warning', origin: 'os-api-ref', summary: 'parameters.yaml: `in` is not one of header, path, query, body' },
  { code: 'APIREF-PARAM-UNDEFINED', severity: 'warning', origin: 'os-api-ref', summary: 'rest_parameters: no field definition for a lookup key in the parameters file' },
  { code: 'APIREF-PARAM-LINE-INVALID', severity: 'warning', origin: 'os-api-ref', summary: 'rest_parameters: a line is not of the form `- name: lookup_key`' },
  { code: 'APIREF-PARAMS-EMPTY', severity: 'warning', origin: 'os-api-ref', summary: 'the parameters file is empty' },
  { code: 'APIREF-PARAMS-FILE-MISSING', severity: 'error', origin: 'os-api-ref', summary: 'the parameters file a rest_parameters names does not exist' },
  { code: 'APIREF-PARAMS-NONE', severity: 'warning', origin: 'os-api-ref', summary: 'rest_parameters lists no parameters' },
  { code: 'APIREF-PARAM-NO-TYPE', severity: 'warning', origin: 'os-api-ref', summary: 'parameters.yaml: a definition has no `type`' },
  { code: 'APIREF-PATH-PARAM-MISSING', severity: 'warning', origin: 'os-api-ref', summary: 'a `{name}` of the rest_method path is not listed in its rest_parameters' },
  // What os-api-ref does not see.
  { code: 'APIREF-PATH-PARAM-NOT-PATH', severity: 'warning', origin: 'apiref', summary: 'a path parameter is listed, but its definition is not `in: path`' },
  { code: 'APIREF-PATH-PARAM-EXTRA', severity: 'warning', origin: 'apiref', summary: 'an `in: path` parameter is listed that the rest_method path does not have' },
  { code: 'APIREF-STANZA-ORDER', severity: 'warning', origin: 'apiref', summary: 'rest_parameters lists sections out of the order header, path, query, body' },
  { code: 'APIREF-SAMPLE-KEY-UNDOCUMENTED', severity: 'warning', origin: 'apiref', summary: 'a key of a JSON sample is not documented in the operation’s rest_parameters' },
  { code: 'APIREF-SAMPLE-KEY-OPEN', severity: 'info', origin: 'apiref', summary: 'a JSON sample shows members of a field documented only as `object`/`array`, without its members (one finding per field and sample)' },
  { code: 'APIREF-SAMPLE-BODY-UNDOCUMENTED', severity: 'warning', origin: 'apiref', summary: 'a JSON sample shows a body, but the operation documents no body parameters for it' },
  { code: 'APIREF-SAMPLE-REQUIRED-MISSING', severity: 'warning', origin: 'apiref', summary: 'a key documented as required is absent from a JSON sample' },
  { code: 'APIREF-SAMPLE-TYPE-MISMATCH', severity: 'warning', origin: 'apiref', summary: 'a JSON sample value does not have the documented type (an integer passes for a number)' },
  { code: 'APIREF-SAMPLE-NULL', severity: 'warning', origin: 'apiref', summary: 'a JSON sample value is null where the documented type does not allow null' },
  { code: 'APIREF-SAMPLE-INVALID-JSON', severity: 'warning', origin: 'apiref', summary: 'a JSON sample does not parse' },
  { code: 'APIREF-SAMPLE-TOO-DEEP', severity: 'warning', origin: 'apiref', summary: 'a JSON sample nests deeper than 64 levels; kept as text, not parsed' },
  { code: 'APIREF-SAMPLE-FILE-MISSING', severity: 'error', origin: 'apiref', summary: 'a literalinclude target does not exist' },
  { code: 'APIREF-SAMPLE-NO-FILE', severity: 'error', origin: 'apiref', summary: 'a literalinclude names no file' },
  { code: 'APIREF-OPERATION-ID-DUPLICATE', severity: 'warning', origin: 'apiref', summary: 'two operations have titles that give the same operation id (the later one is renamed)' },
  // The rest of what the front end reports while it reads a spec.
  { code: 'APIREF-STATUS-FILE-MISSING', severity: 'error', origin: 'apiref', summary: 'the status file a rest_status_code names does not exist' },
  { code: 'APIREF-FILE-MISSING', severity: 'error', origin: 'apiref', summary: 'an included document does not exist' },
  { code: 'APIREF-TOCTREE-MISSING', severity: 'warning', origin: 'apiref', summary: 'a toctree entry names a document that does not exist' },
  { code: 'APIREF-INCLUDE-CYCLE', severity: 'error', origin: 'apiref', summary: 'documents include each other in a cycle' },
  { code: 'APIREF-INCLUDE-NO-FILE', severity: 'error', origin: 'apiref', summary: 'an include directive names no file' },
  { code: 'APIREF-NOT-TEXT', severity: 'error', origin: 'apiref', summary: 'a file the spec reads is not UTF-8 text (NUL bytes or invalid UTF-8)' },
  { code: 'APIREF-NO-OPERATIONS', severity: 'warning', origin: 'apiref', summary: 'the entry and every document it reads have no rest_method' },
  { code: 'APIREF-DUPLICATE-INCLUDE', severity: 'info', origin: 'apiref', summary: 'a rest_method is reached twice through includes; kept once' },
  { code: 'APIREF-HEADING-LEVEL', severity: 'info', origin: 'apiref', summary: 'an operation sub-heading (Request, Response…) sits at the level of its operation' },
  { code: 'APIREF-YAML-SYNTAX', severity: 'error', origin: 'apiref', summary: 'a YAML file does not parse' },
  { code: 'APIREF-PARAMS-INVALID', severity: 'error', origin: 'apiref', summary: 'the parameters file is not a mapping of lookup keys' },
  { code: 'APIREF-PARAMS-NO-FILE', severity: 'error', origin: 'apiref', summary: 'rest_parameters names no parameters file' },
  { code: 'APIREF-PARAM-INVALID', severity: 'error', origin: 'apiref', summary: 'parameters.yaml: a definition is not a mapping' },
  { code: 'APIREF-PARAM-DUPLICATE', severity: 'warning', origin: 'apiref', summary: 'parameters.yaml: a lookup key is defined twice' },
  { code: 'APIREF-PARAM-MISSPELT', severity: 'warning', origin: 'apiref', summary: 'parameters.yaml: a field name looks like a misspelling (`requried`)' },
  { code: 'APIREF-PARAM-UNKNOWN-FIELD', severity: 'info', origin: 'apiref', summary: 'parameters.yaml: a field that os-api-ref does not read' },
  { code: 'APIREF-PARAM-NO-IN', severity: 'warning', origin: 'apiref', summary: 'parameters.yaml: a definition has no `in` (os-api-ref fails on it)' },
  { code: 'APIREF-PARAM-INVALID-REQUIRED', severity: 'warning', origin: 'apiref', summary: 'parameters.yaml: `required` is not true or false' },
  { code: 'APIREF-TYPE-UNMAPPED', severity: 'warning', origin: 'apiref', summary: 'parameters.yaml: a `type` apiref cannot map to JSON Schema' },
  { code: 'APIREF-REST-METHOD-INVALID', severity: 'error', origin: 'apiref', summary: 'rest_method is not `METHOD /path`' },
  { code: 'APIREF-REST-METHOD-PLACEHOLDER', severity: 'warning', origin: 'apiref', summary: 'rest_method has no real HTTP method' },
  { code: 'APIREF-ACTION-UNKNOWN', severity: 'warning', origin: 'apiref', summary: 'a POST …/action operation has nothing that names its action' },
  { code: 'APIREF-NO-STATUS', severity: 'warning', origin: 'apiref', summary: 'an operation documents no response codes' },
  { code: 'APIREF-STATUS-KIND', severity: 'warning', origin: 'apiref', summary: 'rest_status_code is neither `success` nor `error`' },
  { code: 'APIREF-STATUS-UNPARSED', severity: 'warning', origin: 'apiref', summary: 'a response code item cannot be read' },
  { code: 'APIREF-STATUS-UNKNOWN-CODE', severity: 'warning', origin: 'apiref', summary: 'a response code is not in the status file' },
  { code: 'APIREF-STATUS-UNKNOWN-KEY', severity: 'warning', origin: 'apiref', summary: 'a response code names a text the status file does not have' },
];

const BY_CODE = new Map(LINT_CODES.map((c) => [c.code, c]));

/** The description of a code; codes a newer front end adds still get one. */
export function describeCode(code: string): CodeInfo {
  return BY_CODE.get(code) ?? { code, severity: 'warning', origin: 'apiref', summary: 'reported by the apiref front end' };
}
