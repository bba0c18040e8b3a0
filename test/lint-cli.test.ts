import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { runCliInProcess } from './helpers/run-cli.ts';
import { LINT_CODES } from '../generator/lint/codes.ts';
import { fixtureTree, rst } from './helpers/fixture-tree.ts';

const run = runCliInProcess;

const CLEAN = 'test/fixtures/lint/clean';
const WARNS = 'test/fixtures/lint/order'; // 6 warnings, no error
const ERRS = 'test/fixtures/lint/osapiref'; // 1 error (a missing parameters file), 6 warnings

describe('apiref lint: exit codes', () => {
  it('exits 0 on a clean spec, with a summary line', async () => {
    const r = await run(['lint', '--spec', CLEAN]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${CLEAN}/index.rst: 0 errors, 0 warnings, 0 infos in 2 operations\n`);
  });

  it('exits 0 on warnings alone, and 1 once they exceed --max-warnings', async () => {
    expect((await run(['lint', '--spec', WARNS])).code).toBe(0);
    expect((await run(['lint', '--spec', WARNS, '--max-warnings', '6'])).code).toBe(0);
    const over = await run(['lint', '--spec', WARNS, '--max-warnings', '5']);
    expect(over.code).toBe(1);
    expect(over.err).toContain('6 warnings, more than --max-warnings 5');
  });

  it('exits 1 on an error, whatever --max-warnings says', async () => {
    expect((await run(['lint', '--spec', ERRS, '--max-warnings', '100'])).code).toBe(1);
  });

  it('exits 2 on bad usage, without a stack trace', async () => {
    for (const args of [
      ['lint'],
      ['lint', '--spec', CLEAN, '--format', 'xml'],
      ['lint', '--spec', CLEAN, '--max-warnings', 'many'],
      ['lint', '--spec', CLEAN, '--max-warnings', '-1'],
      ['lint', '--spec', 'test/fixtures/lint/no-such-dir'],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).not.toMatch(/\n\s+at /);
    }
    expect((await run(['lint', '--spec', 'test/fixtures/lint/no-such-dir'])).err).toContain('spec entry not found');
  });

  it('has --help that lists the formats, exit 0', async () => {
    const r = await run(['lint', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--format <format>[\s\S]*"sarif"[\s\S]*--max-warnings/);
  });

  it('sets the exit code of the real process too', () => {
    const status = (args: string[]): number => {
      try {
        execFileSync(process.execPath, ['bin/apiref.js', ...args], { stdio: 'pipe' });
        return 0;
      } catch (err) {
        return (err as { status: number }).status;
      }
    };
    expect(status(['lint', '--spec', WARNS, '--max-warnings', '0', '--format', 'json'])).toBe(1);
  });
});

describe('apiref lint: formats', () => {
  it('text: file:line: severity CODE: message', async () => {
    const lines = (await run(['lint', '--spec', WARNS])).out.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[2]).toBe(`${WARNS}/parameters.yaml:28: warning APIREF-PARAM-INVALID-IN: z_bad_in: invalid "in: bogus" (expected header, path, query or body)`);
    expect(lines[6]).toBe(`${WARNS}/index.rst: 0 errors, 6 warnings, 0 infos in 2 operations`);
  });

  it('json: summary and findings', async () => {
    const doc = JSON.parse((await run(['lint', '--spec', ERRS, '--format', 'json'])).out) as {
      summary: { errors: number; warnings: number; byCode: Record<string, number> };
      findings: { severity: string; code: string; file: string; line: number; message: string }[];
    };
    expect(doc.summary.errors).toBe(1);
    expect(doc.summary.warnings).toBe(6);
    expect(doc.summary.byCode['APIREF-PARAM-UNDEFINED']).toBe(2);
    expect(doc.findings).toHaveLength(7);
    expect(doc.findings[5]).toEqual({
      severity: 'error',
      code: 'APIREF-PARAMS-FILE-MISSING',
      file: `${ERRS}/index.rst`,
      line: 39,
      message: `parameters file (no_parameters.yaml) not found: ${ERRS}/no_parameters.yaml`,
    });
  });

  it('github: workflow commands, with the runner\'s escaping', async () => {
    const out = (await run(['lint', '--spec', 'test/fixtures/lint/samples', '--format', 'github'])).out;
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(12);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=[^,:]+,line=\d+,title=APIREF-[A-Z-]+::\S/);
    expect(lines).toContain(
      '::error file=test/fixtures/lint/samples/index.rst,line=108,title=APIREF-SAMPLE-FILE-MISSING::literalinclude target (samples/gadget-missing-response.json) not found: test/fixtures/lint/samples/samples/gadget-missing-response.json',
    );
    expect(lines.filter((l) => l.startsWith('::notice '))).toHaveLength(2);
    // A message with a newline or a percent sign must stay on one line.
    expect(out).not.toMatch(/[^\n]\n(?!::|$)/);
  });

  it('github: escapes %, and the , and : that delimit properties, in spec-supplied text', async () => {
    const dir = fixtureTree({
      'a,b:c/index.rst': rst`
        Things
        ======

        .. rest_method:: GET /things

        Normal response codes: 200

        .. rest_parameters:: parameters.yaml

           - 100%-bad
      `,
      'a,b:c/parameters.yaml': 'x:\n  in: body\n  required: false\n  type: string\n  description: x\n',
    });
    const out = (await run(['lint', '--spec', join(dir, 'a,b:c'), '--format', 'github'])).out;
    expect(out).toContain('a%2Cb%3Ac/index.rst,line=10,title=APIREF-PARAM-LINE-INVALID::cannot read parameter line "- 100%25-bad"');
  });

  it('sarif: a valid SARIF 2.1.0 log whose results name their rules', async () => {
    const log = JSON.parse((await run(['lint', '--spec', 'test/fixtures/lint/samples', '--format', 'sarif'])).out) as SarifLog;
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run0 = log.runs[0]!;
    const rules = run0.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(LINT_CODES.map((c) => c.code));
    expect(run0.results).toHaveLength(12);
    for (const r of run0.results) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const missing = run0.results.find((r) => r.ruleId === 'APIREF-SAMPLE-FILE-MISSING')!;
    expect(missing.level).toBe('error');
    expect(missing.locations[0]!.physicalLocation.artifactLocation.uri).toBe('test/fixtures/lint/samples/index.rst');
    expect(missing.locations[0]!.physicalLocation.region.startLine).toBe(108);
    expect(run0.results.filter((r) => r.level === 'note')).toHaveLength(2);
  });

  it('sarif: the subset schema rejects what SARIF rejects', () => {
    const validate = sarifValidator();
    const ok = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'note' }] }] };
    expect(validate(ok)).toBe(true);
    expect(validate({ ...ok, version: '2.0.0' })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'info' }] }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });
});

function sarifValidator() {
  // strictRequired is off: SARIF's `message` and `physicalLocation` say "one of these is required" with anyOf.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  addFormats.default(ajv);
  return ajv.compile(SARIF_SUBSET);
}

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
  }[];
}

/**
 * The part of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) that
 * apiref's output uses, with its required members, enums and closed objects
 * (the official schema forbids unknown properties outside property bags).
 */
const level = { enum: ['none', 'note', 'warning', 'error'] };
const text = { type: 'object', required: ['text'], additionalProperties: false, properties: { text: { type: 'string' }, markdown: { type: 'string' } } };
const SARIF_SUBSET = {
  type: 'object',
  required: ['version', 'runs'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', format: 'uri' },
    version: { const: '2.1.0' },
    runs: { type: 'array', items: { $ref: '#/definitions/run' } },
  },
  definitions: {
    run: {
      type: 'object',
      required: ['tool'],
      additionalProperties: false,
      properties: { tool: { $ref: '#/definitions/tool' }, results: { type: 'array', items: { $ref: '#/definitions/result' } } },
    },
    tool: { type: 'object', required: ['driver'], additionalProperties: false, properties: { driver: { $ref: '#/definitions/toolComponent' } } },
    toolComponent: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string' },
        version: { type: 'string' },
        informationUri: { type: 'string', format: 'uri' },
        rules: { type: 'array', uniqueItems: true, items: { $ref: '#/definitions/reportingDescriptor' } },
      },
    },
    reportingDescriptor: {
      type: 'object',
      required: ['id'],
      additionalProperties: false,
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        shortDescription: text,
        fullDescription: text,
        helpUri: { type: 'string', format: 'uri' },
        defaultConfiguration: { type: 'object', additionalProperties: false, properties: { level, enabled: { type: 'boolean' } } },
        properties: { type: 'object' },
      },
    },
    result: {
      type: 'object',
      required: ['message'],
      additionalProperties: false,
      properties: {
        ruleId: { type: 'string' },
        ruleIndex: { type: 'integer', minimum: -1 },
        level,
        message: { type: 'object', anyOf: [{ required: ['text'] }, { required: ['id'] }], additionalProperties: false, properties: { text: { type: 'string' }, id: { type: 'string' } } },
        locations: { type: 'array', items: { $ref: '#/definitions/location' } },
      },
    },
    location: { type: 'object', additionalProperties: false, properties: { physicalLocation: { $ref: '#/definitions/physicalLocation' } } },
    physicalLocation: {
      type: 'object',
      anyOf: [{ required: ['address'] }, { required: ['artifactLocation'] }],
      additionalProperties: false,
      properties: {
        address: { type: 'object' },
        artifactLocation: { type: 'object', additionalProperties: false, properties: { uri: { type: 'string', format: 'uri-reference' }, uriBaseId: { type: 'string' } } },
        region: { type: 'object', additionalProperties: false, properties: { startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 } } },
      },
    },
  },
};
