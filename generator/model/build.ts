import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Diagnostics } from '../diagnostics.ts';
import { scanBlocks, newScanState, type Block, type DirectiveBlock, type HeadingBlock } from '../frontend/rst/blocks.ts';
import { blocksToMarkdown } from '../frontend/rst/prose.ts';
import { SourceLoader, type SourceDocument, type Line } from '../frontend/rst/source.ts';
import { loadParameterFile, type ParameterFile, type ParameterDefinition } from '../frontend/yaml/parameters.ts';
import { loadStatusFile, type StatusFile } from '../frontend/yaml/status.ts';
import { STATUS_LINE, ERROR_NAMES, parseStatusItems, continuesStatusList, bulletItems, parseStatusBullet, isBulletLine } from '../frontend/status-codes.ts';
import { paragraphVersions } from '../frontend/microversions.ts';
import { parseRestMethod, pathParameterNames } from '../frontend/rest-method.ts';
import { buildBody, type ListedField } from './body.ts';
import { camelId, slugId, uniqueIn } from './ids.ts';
import type { ApiModel, Operation, Parameter, ResponseCode, Sample, Section, SourceLocation, VersionNote } from './ir.ts';
import { compareVersions, maxVersion, minVersion } from './version.ts';

export interface BuildOptions {
  /** Paths in the model and diagnostics are relative to this directory (default: cwd). */
  pathBase?: string;
  serviceType?: string;
  microversionHeader?: string;
  /** Follow `toctree` entries as pages of the same API (default true). */
  followToctree?: boolean;
}

/** `ENTRY` may be an `.rst`/`.inc` file or a directory holding `index.rst`. */
export function resolveEntry(entry: string): string {
  const abs = resolve(entry);
  if (existsSync(abs) && statSync(abs).isDirectory()) return join(abs, 'index.rst');
  return abs;
}

/** One item of a document, in reading order; `nested` items sit inside a container directive. */
interface Item {
  block: Block;
  nested: boolean;
}

function flatten(blocks: Block[], nested = false, out: Item[] = []): Item[] {
  for (const block of blocks) {
    out.push({ block, nested });
    if (block.kind === 'directive' && block.children) flatten(block.children, true, out);
  }
  return out;
}

const at = (line: Line): SourceLocation => ({ file: line.file, line: line.line });

/** Headings os-api-ref authors put inside an operation; tolerated at a wrong level. */
const SUBSECTION_TITLE = /^(request|response|responses|errors?|response codes?|status codes?|(.*\s)?examples?|(.*\s)?parameters|(.*\s)?headers)(\s.*)?$/i;
const RESPONSE_CONTEXT = /response|responses|reply/i;
const REQUEST_CONTEXT = /request/i;

/**
 * What the front end saw on the way to the model, for checks that the model
 * alone cannot make (the order of parameter files and stanzas).
 */
export interface BuildTrace {
  parameterFiles: ParameterFile[];
  stanzas: Stanza[];
  /** Absolute paths of every file the build read or tried to read (documents, includes, YAML, samples). */
  files: string[];
}

/** One `rest_parameters` directive as written. */
export interface Stanza {
  operationId: string;
  role: 'request' | 'response';
  source: SourceLocation;
  parameterFile?: string;
  entries: { name: string; key: string; source: SourceLocation; in?: string }[];
}

export function buildModel(entry: string, options: BuildOptions = {}): ApiModel {
  return buildSpec(entry, options).model;
}

export function buildSpec(entry: string, options: BuildOptions = {}): { model: ApiModel; trace: BuildTrace } {
  const diags = new Diagnostics();
  const pathBase = options.pathBase ?? process.cwd();
  const entryAbs = resolveEntry(entry);
  const loader = new SourceLoader(diags, { pathBase });
  const docs = loader.loadDocuments(entryAbs, options.followToctree ?? true);
  const builder = new ModelBuilder(diags, loader, dirname(entryAbs));
  for (const doc of docs) builder.addDocument(doc);
  if (builder.restMethodCount === 0) {
    // An empty entry, or one that includes nothing with operations, would otherwise pass in silence.
    diags.warn('APIREF-NO-OPERATIONS', `${loader.display(entryAbs)} and the documents it reads have no rest_method: the API has no operations`, { file: loader.display(entryAbs), line: 1 });
  }
  const operations = builder.operations;
  const versions = operations.flatMap(operationVersions);
  const model: ApiModel = {
    irVersion: 1,
    api: {
      title: builder.title ?? entry,
      entry: loader.display(entryAbs),
      root: loader.display(dirname(entryAbs)),
    },
    sections: builder.sections,
    operations,
    diagnostics: diags.items,
  };
  if (options.serviceType) model.api.serviceType = options.serviceType;
  if (options.microversionHeader) model.api.microversionHeader = options.microversionHeader;
  const lo = minVersion(versions);
  const hi = maxVersion(versions);
  if (lo) model.api.minVersion = lo;
  if (hi) model.api.maxVersion = hi;
  return { model, trace: { parameterFiles: builder.parameterFiles, stanzas: builder.stanzas, files: loader.filesRead } };
}

class ModelBuilder {
  readonly operations: Operation[] = [];
  readonly sections: Section[] = [];
  readonly stanzas: Stanza[] = [];
  title: string | undefined;
  /** rest_method directives seen, valid or not. */
  restMethodCount = 0;
  private readonly usedIds = new Set<string>();
  private readonly seenMethods = new Set<string>();
  private readonly pendingStanzas: Stanza[] = [];
  /** Set when the last status line read had no codes after its colon (a list follows). */
  private lastStatusListOpen: 'success' | 'error' | undefined;
  private readonly usedSectionIds = new Set<string>();
  private readonly paramFiles = new Map<string, ParameterFile | undefined>();
  private readonly statusFiles = new Map<string, StatusFile | undefined>();
  /** The bounds each section's own prose states for its operations, by section id. */
  private readonly sectionBounds = new Map<string, VersionNote[]>();
  private readonly sampleCache = new Map<string, Omit<Sample, 'role' | 'source'> & { ok: boolean }>();

  constructor(
    private readonly diags: Diagnostics,
    private readonly loader: SourceLoader,
    private readonly rootDir: string,
  ) {}

  addDocument(doc: SourceDocument): void {
    const items = flatten(scanBlocks(doc.lines, newScanState()));
    const headingIdx: number[] = [];
    const methodIdx: number[] = [];
    items.forEach((item, k) => {
      if (item.block.kind === 'heading') headingIdx.push(k);
      if (item.block.kind === 'directive' && item.block.name === 'rest_method') methodIdx.push(k);
    });
    this.restMethodCount += methodIdx.length;
    const firstHeading = items[headingIdx[0] ?? -1]?.block as HeadingBlock | undefined;
    this.title ??= firstHeading?.title;

    // The section of an operation is the parent of its heading; remember each once.
    const sectionOf = new Map<number, string>();
    // The heading each item sits under, and each heading's rank among headings (one pass).
    const ownerAt = new Int32Array(items.length);
    const rankOf = new Map<number, number>();
    for (let k = 0, h = -1; k < items.length; k++) {
      ownerAt[k] = h;
      if (items[k]!.block.kind === 'heading') {
        rankOf.set(k, rankOf.size);
        h = k;
      }
    }
    const owner = (k: number): number => (k < items.length ? ownerAt[k]! : items.length);
    // Headings that own a rest_method are operations, never sections (a mis-levelled
    // operation title must not become the section of the next operation).
    const operationHeadings = new Set(methodIdx.map(owner));
    const parentHeading = (h: number): number => {
      const level = (items[h]!.block as HeadingBlock).level;
      for (let i = rankOf.get(h)! - 1; i >= 0; i--) {
        const cand = items[headingIdx[i]!]!.block as HeadingBlock;
        if (cand.level < level && !operationHeadings.has(headingIdx[i]!)) return headingIdx[i]!;
      }
      return -1;
    };
    const sectionId = (h: number): string => {
      if (h < 0) return this.ensureSection(-1, undefined, items, doc);
      const cached = sectionOf.get(h);
      if (cached) return cached;
      const id = this.ensureSection(h, items[h]!.block as HeadingBlock, items, doc);
      sectionOf.set(h, id);
      return id;
    };

    let prevEnd = 0;
    methodIdx.forEach((m, n) => {
      const h = owner(m);
      const heading = h >= 0 ? (items[h]!.block as HeadingBlock) : undefined;
      const nextMethod = methodIdx[n + 1] ?? items.length;
      const nextOwner = n + 1 < methodIdx.length ? owner(nextMethod) : items.length;
      let end = nextOwner > m ? Math.min(nextOwner, nextMethod) : nextMethod;
      // ... or at the next heading at the same or a higher level, unless it is one of
      // the operation's own sub-headings written at the wrong level.
      for (let r = (rankOf.get(h) ?? -1) + 1; r < headingIdx.length; r++) {
        const i = headingIdx[r]!;
        if (i <= m) continue;
        if (i >= end) break;
        const hb = items[i]!.block as HeadingBlock;
        if (!heading || hb.level > heading.level) continue;
        if (SUBSECTION_TITLE.test(hb.title)) {
          this.diags.info('APIREF-HEADING-LEVEL', `heading "${hb.title}" is at the level of its operation "${heading.title}"; read as part of it`, at(hb.at));
          continue;
        }
        end = i;
        break;
      }
      const start = Math.max(h + 1, prevEnd);
      prevEnd = end;
      const parent = heading ? parentHeading(h) : -1;
      const section = heading ? sectionId(parent >= 0 ? parent : h) : sectionId(-1);
      const op = this.addOperation(items, start, m, end, heading, section, doc);
      if (op && parent >= 0) this.inheritSectionBounds(op, section);
    });
    // Sections with no operation still describe the API.
    for (const h of headingIdx) {
      const hb = items[h]!.block as HeadingBlock;
      if (hb.level <= 2 && !sectionOf.has(h) && h !== headingIdx[0]) sectionId(h);
    }
  }

  private ensureSection(h: number, heading: HeadingBlock | undefined, items: Item[], doc: SourceDocument): string {
    const title = heading?.title ?? this.title ?? 'API';
    const existing = this.sections.find((s) => s.title === title && s.source.file === (heading ? heading.at.file : doc.file) && s.source.line === (heading?.at.line ?? 1));
    if (existing) return existing.id;
    const id = uniqueIn(slugId(title), this.usedSectionIds);
    // The section's own prose: from its heading to the next heading.
    const prose: Block[] = [];
    for (let k = h + 1; k < items.length && h >= 0; k++) {
      const b = items[k]!;
      if (b.block.kind === 'heading') break;
      if (!b.nested && isProse(b.block)) prose.push(b.block);
    }
    this.sectionBounds.set(id, proseBounds(prose));
    this.sections.push({
      id,
      title,
      description: blocksToMarkdown(prose),
      source: heading ? at(heading.at) : { file: doc.file, line: 1 },
    });
    return id;
  }

  /**
   * A section's own statement about its operations ("Available since API microversion
   * 3.38." under the section title) bounds each of them, after what each says itself.
   */
  private inheritSectionBounds(op: Operation, section: string): void {
    const bounds = this.sectionBounds.get(section) ?? [];
    if (bounds.length === 0) return;
    op.versionNotes.push(...bounds.map((n) => ({ ...n, source: { ...n.source } })));
    this.settleVersions(op);
  }

  private addOperation(items: Item[], start: number, m: number, end: number, heading: HeadingBlock | undefined, section: string, doc: SourceDocument): Operation | undefined {
    const directive = items[m]!.block as DirectiveBlock;
    const where = at(directive.at);
    // A file included twice (nova's index.rst does this) would repeat its operations.
    const seenKey = `${where.file}:${where.line}`;
    if (this.seenMethods.has(seenKey)) {
      this.diags.info('APIREF-DUPLICATE-INCLUDE', `rest_method reached a second time through another include; kept once`, where);
      return undefined;
    }
    this.seenMethods.add(seenKey);
    const parsed = parseRestMethod(directive.argument);
    if (!parsed) {
      this.diags.error('APIREF-REST-METHOD-INVALID', `rest_method needs "METHOD /path", got "${directive.argument}"`, where);
      return undefined;
    }
    let method = parsed.method;
    if (!method) {
      this.diags.warn('APIREF-REST-METHOD-PLACEHOLDER', `rest_method has no HTTP method ("${parsed.methodText}"); read as GET`, where);
      method = 'GET';
    }
    const title = heading?.title ?? `${method} ${parsed.path}`;
    const op: Operation = {
      id: '',
      method,
      path: parsed.path,
      rawPath: parsed.rawPath,
      title,
      section,
      description: '',
      versionNotes: [],
      parameters: { path: [], query: [], header: [] },
      responseHeaders: [],
      responses: [],
      source: where,
    };
    if (parsed.fixedQuery) op.fixedQuery = parsed.fixedQuery;
    // Some api-refs put `max_version: 2.87` on a line under the rest_method itself.
    for (const v of directive.argument.matchAll(/\b(min|max)_version\s*:\s*v?(\d+\.\d+)/g)) {
      op.versionNotes.push({ kind: v[1] === 'min' ? 'min' : 'max', version: v[2]!, via: 'rest_method', source: where });
    }

    const prose: Block[] = [];
    let context: 'request' | 'response' | undefined;
    let sawSubheading = false;
    // After a bare "Error codes:" line, codes may follow as a bullet list.
    let pendingList: 'success' | 'error' | undefined;
    const listed: { request: ListedField[]; response: ListedField[] } = { request: [], response: [] };
    const samples: { request: Sample[]; response: Sample[] } = { request: [], response: [] };
    for (let k = start; k < end; k++) {
      if (k === m) continue;
      const { block, nested } = items[k]!;
      if (block.kind === 'heading') {
        sawSubheading = true;
        context = RESPONSE_CONTEXT.test(block.title) ? 'response' : REQUEST_CONTEXT.test(block.title) ? 'request' : context;
        continue;
      }
      if (block.kind === 'paragraph' && pendingList) {
        if (this.readStatusBullets(block.lines, pendingList, op)) continue;
        pendingList = undefined;
      }
      if (block.kind === 'paragraph') {
        const label = roleLabel(block.lines.map((l) => l.text).join(' '));
        if (label) {
          context = label;
          continue;
        }
        const rest = this.readStatusLines(block.lines, op);
        pendingList = this.lastStatusListOpen;
        if (rest.length > 0 && !sawSubheading) {
          if (!nested) prose.push({ ...block, lines: rest });
          // A note inside the operation's prose may bound it too ("Microversion 2.23 or
          // greater is required for this API."); its text stays in the note's Markdown.
          op.versionNotes.push(...paragraphVersions(rest));
        }
        continue;
      }
      if (block.kind !== 'directive') {
        if (!sawSubheading && !nested) prose.push(block);
        continue;
      }
      switch (block.name) {
        case 'rest_parameters':
          this.readParameters(block, doc, op, context ?? 'request', listed);
          break;
        case 'rest_status_code':
          this.readStatusDirective(block, doc, op);
          break;
        case 'literalinclude':
        case 'code-block':
        case 'code':
        case 'sourcecode': {
          const sample = this.readSample(block, doc, context);
          if (sample) samples[sample.role].push(sample);
          else if (!sawSubheading && !nested) prose.push(block);
          break;
        }
        case 'versionadded':
        case 'versionchanged':
        case 'versionremoved':
        case 'deprecated': {
          const version = /v?(\d+\.\d+)/.exec(block.argument)?.[1];
          if (version) {
            const kind = block.name === 'versionadded' ? 'min' : block.name === 'versionchanged' ? 'changed' : 'max';
            op.versionNotes.push({ kind, version, via: block.name, source: at(block.at) });
          }
          if (!sawSubheading && !nested) prose.push(block);
          break;
        }
        case 'rest_method':
          break;
        default:
          if (!sawSubheading && !nested) prose.push(block);
      }
    }
    op.description = blocksToMarkdown(prose);
    this.settleVersions(op);
    this.settleParameters(op, where);
    const request = buildBody(listed.request, samples.request);
    const response = buildBody(listed.response, samples.response);
    if (request) op.request = request;
    if (response) op.response = response;
    if (op.method === 'POST' && /\/action$/.test(op.path)) {
      const action = request?.envelope ?? listed.request[0]?.name;
      if (action) op.action = action;
      else this.diags.warn('APIREF-ACTION-UNKNOWN', `${op.title}: POST …/action with no request sample or body parameter to name the action`, where);
    }
    if (op.responses.length === 0) {
      this.diags.warn('APIREF-NO-STATUS', `${op.title}: no response codes documented`, where);
    }
    op.responses.sort((a, b) => a.status - b.status || compareVersions(a.minVersion ?? '0.0', b.minVersion ?? '0.0'));
    op.id = uniqueIn(camelId(title, op.method, op.path), this.usedIds);
    for (const st of this.pendingStanzas.splice(0)) st.operationId = op.id;
    this.operations.push(op);
    return op;
  }

  /**
   * Reads a paragraph of bullets after a bare "Error codes:" line, one code per bullet
   * (a tight list is a single paragraph). False when the paragraph is not such a list.
   */
  private readStatusBullets(lines: Line[], kind: 'success' | 'error', op: Operation): boolean {
    const items = bulletItems(lines.map((l) => l.text));
    if (!parseStatusBullet(items[0]!.text, kind, at(lines[0]!))) return false;
    for (const item of items) {
      const where = at(lines[item.first]!);
      const code = parseStatusBullet(item.text, kind, where);
      if (code) this.addResponse(op, code);
      else this.diags.warn('APIREF-STATUS-UNPARSED', `cannot read response code item "${item.text}"`, where);
    }
    return true;
  }

  /** Takes status-code lines out of a paragraph (into the operation); returns the other lines. */
  private readStatusLines(lines: Line[], op: Operation): Line[] {
    const rest: Line[] = [];
    this.lastStatusListOpen = undefined;
    let current: { kind: 'success' | 'error'; text: string; at: SourceLocation } | undefined;
    const flush = (): void => {
      if (!current) return;
      const { codes, unparsed } = parseStatusItems(current);
      for (const c of codes) this.addResponse(op, c);
      for (const u of unparsed) this.diags.warn('APIREF-STATUS-UNPARSED', `cannot read response code "${u}"`, current.at);
      current = undefined;
    };
    for (const l of lines) {
      const m = STATUS_LINE.exec(l.text);
      if (m) {
        flush();
        const kind = /^(error|failure)/i.test(m[1]!) ? 'error' : 'success';
        current = { kind, text: m[2]!, at: at(l) };
        this.lastStatusListOpen = m[2]!.trim() === '' ? kind : undefined;
        continue;
      }
      // Bullets right under "Error codes:", with no blank line between (not RST, but written).
      const bullet = current && this.lastStatusListOpen && isBulletLine(l.text) ? parseStatusBullet(l.text, current.kind, at(l)) : undefined;
      if (bullet) {
        this.addResponse(op, bullet);
        continue;
      }
      // A wrapped list goes on while lines still look like codes.
      if (current && continuesStatusList(current.text, l.text)) {
        current.text += current.text.trim().endsWith(',') || current.text.trim() === '' ? ` ${l.text.trim()}` : `, ${l.text.trim()}`;
        continue;
      }
      flush();
      this.lastStatusListOpen = undefined;
      rest.push(l);
    }
    flush();
    return rest;
  }

  /**
   * Adds a response code, merging it into one already listed for the same status, kind
   * and microversion range. The kind tells them apart: keystone lists 401 both as a
   * success (`auth_receipt`) and as an error (`auth_failed`). A second text for the
   * same code (`- 409: in_use`, then `- 409`) is kept, after the first.
   */
  private addResponse(op: Operation, code: ResponseCode): void {
    const dup = op.responses.find((r) => r.status === code.status && r.kind === code.kind && r.minVersion === code.minVersion && r.maxVersion === code.maxVersion);
    if (!dup) {
      op.responses.push(code);
      return;
    }
    if (!dup.name && code.name) dup.name = code.name;
    if (code.description) dup.description = mergeTexts(dup.description, code.description);
  }

  private readStatusDirective(block: DirectiveBlock, doc: SourceDocument, op: Operation): void {
    const where = at(block.at);
    const [kindText, fileArg] = block.argument.split(/\s+/);
    const kind = kindText?.toLowerCase() === 'error' ? 'error' : 'success';
    if (kindText?.toLowerCase() !== 'success' && kindText?.toLowerCase() !== 'error') {
      this.diags.warn('APIREF-STATUS-KIND', `rest_status_code expects "success" or "error", got "${kindText ?? ''}"`, where);
    }
    const status = fileArg ? this.statusFile(fileArg, doc, where) : undefined;
    for (const line of block.content) {
      const t = line.text.trim();
      if (t === '') continue;
      const m = /^-\s*(\d{3})\s*(?::\s*(\S.*))?$/.exec(t);
      if (!m) {
        this.diags.warn('APIREF-STATUS-UNPARSED', `cannot read status code item "${t}"`, at(line));
        continue;
      }
      const code = Number(m[1]);
      const textKey = m[2]?.trim();
      const texts = status?.get(code);
      // The key picks the status file's text; the envelope keeps the status's conventional name.
      const response: ResponseCode = { status: code, kind, source: at(line) };
      if (kind === 'error' && ERROR_NAMES[code]) response.name = ERROR_NAMES[code];
      if (status && !texts) this.diags.warn('APIREF-STATUS-UNKNOWN-CODE', `status code ${code} is not in ${fileArg}`, at(line));
      const description = texts?.get(textKey ?? 'default') ?? texts?.get('default');
      if (textKey && texts && !texts.has(textKey)) this.diags.warn('APIREF-STATUS-UNKNOWN-KEY', `status code ${code} has no text "${textKey}" in ${fileArg}`, at(line));
      if (description) response.description = description;
      this.addResponse(op, response);
    }
  }

  /** Directive paths resolve against the Sphinx document's directory; `/x` against the source root. */
  private directivePath(arg: string, doc: SourceDocument): string {
    return arg.startsWith('/') ? join(this.rootDir, arg) : resolve(doc.dir, arg);
  }

  /** A hint for a file Sphinx cannot find where it looks: a file of that name beside the `.inc` (not a directory). */
  private explainMissing(arg: string, doc: SourceDocument, where: SourceLocation): string {
    if (arg === '' || arg.startsWith('/')) return '';
    const besideInclude = resolve(dirname(this.loader.absolute(where.file)), arg);
    if (!existsSync(besideInclude) || !statSync(besideInclude).isFile()) return '';
    return ` (it exists relative to ${where.file}, but Sphinx resolves against ${this.loader.display(doc.dir)})`;
  }

  private statusFile(arg: string, doc: SourceDocument, where: SourceLocation): StatusFile | undefined {
    return this.directiveFile(this.statusFiles, 'status file', loadStatusFile, arg, doc, where);
  }

  private parameterFile(arg: string, doc: SourceDocument, where: SourceLocation): ParameterFile | undefined {
    return this.directiveFile(this.paramFiles, 'parameters file', loadParameterFile, arg, doc, where);
  }

  /** A file a directive names, read and parsed once per build (many operations share each one). */
  private directiveFile<T>(
    cache: Map<string, T | undefined>,
    what: string,
    parse: (text: string, file: string, diags: Diagnostics) => T,
    arg: string,
    doc: SourceDocument,
    where: SourceLocation,
  ): T | undefined {
    const abs = this.directivePath(arg, doc);
    if (!cache.has(abs)) {
      const lines = this.loader.readLines(abs, where, () => `${what} (${arg}${this.explainMissing(arg, doc, where)})`);
      cache.set(abs, lines ? parse(lines.join('\n'), this.loader.display(abs), this.diags) : undefined);
    }
    return cache.get(abs);
  }

  /** Parameter files read so far, by display path (for lint's ordering checks). */
  get parameterFiles(): ParameterFile[] {
    return [...this.paramFiles.values()].filter((f): f is ParameterFile => f !== undefined);
  }

  private readParameters(
    block: DirectiveBlock,
    doc: SourceDocument,
    op: Operation,
    role: 'request' | 'response',
    listed: { request: ListedField[]; response: ListedField[] },
  ): void {
    const where = at(block.at);
    const fileArg = block.argument.trim();
    if (!fileArg) {
      this.diags.error('APIREF-PARAMS-NO-FILE', 'rest_parameters names no parameters file', where);
      return;
    }
    const file = this.parameterFile(fileArg, doc, where);
    const stanza: Stanza = { operationId: '', role, source: where, entries: [] };
    if (file) stanza.parameterFile = file.file;
    this.stanzas.push(stanza);
    this.pendingStanzas.push(stanza);
    let count = 0;
    for (const line of block.content) {
      const t = line.text.trim();
      if (t === '' || t.startsWith('#')) continue;
      const m = parseStanzaLine(t);
      if (!m) {
        this.diags.warn('APIREF-PARAM-LINE-INVALID', `cannot read parameter line "${t}" (expected "- name: lookup_key")`, at(line));
        continue;
      }
      count++;
      const { name, key } = m;
      if (!file) continue;
      const def = file.defs.get(key);
      stanza.entries.push({ name, key, source: at(line), ...(def?.in ? { in: def.in } : {}) });
      if (!def) {
        this.diags.warn('APIREF-PARAM-UNDEFINED', `no field definition for lookup key "${key}" in ${file.file}`, at(line));
        continue;
      }
      this.placeParameter(name, def, at(line), op, role, listed);
    }
    if (count === 0) this.diags.warn('APIREF-PARAMS-NONE', 'rest_parameters lists no parameters', where);
  }

  private placeParameter(
    name: string,
    def: ParameterDefinition,
    where: SourceLocation,
    op: Operation,
    role: 'request' | 'response',
    listed: { request: ListedField[]; response: ListedField[] },
  ): void {
    const base = {
      name,
      key: def.key,
      description: def.description,
      required: def.required,
      schema: def.schema,
      source: where,
      ...(def.minVersion ? { minVersion: def.minVersion } : {}),
      ...(def.maxVersion ? { maxVersion: def.maxVersion } : {}),
      ...(def.deprecated ? { deprecated: true } : {}),
    };
    switch (def.in) {
      case 'path':
        if (role === 'request') op.parameters.path.push({ ...base, in: 'path' });
        return;
      case 'query':
        op.parameters.query.push({ ...base, in: 'query' });
        return;
      case 'header':
        if (role === 'response') op.responseHeaders.push({ ...base, in: 'header' });
        else op.parameters.header.push({ ...base, in: 'header' });
        return;
      default:
        // Body, and definitions with a missing or invalid `in` (reported with the file).
        listed[role].push(base);
    }
  }

  private readSample(block: DirectiveBlock, doc: SourceDocument, context: 'request' | 'response' | undefined): Sample | undefined {
    const where = at(block.at);
    const language = block.options['language'] ?? (block.name === 'literalinclude' ? undefined : block.argument.split(/\s+/)[0]);
    let file: string | undefined;
    let loaded: { value?: unknown; text?: string; ok: boolean };
    if (block.name === 'literalinclude') {
      const arg = block.argument.trim();
      if (arg === '') {
        this.diags.error('APIREF-SAMPLE-NO-FILE', 'literalinclude names no file', where);
        return undefined;
      }
      const abs = this.directivePath(arg, doc);
      file = this.loader.display(abs);
      const cached = this.sampleCache.get(abs);
      if (cached) loaded = cached;
      else {
        const lines = this.loader.readLines(abs, where, () => `literalinclude target (${arg}${this.explainMissing(arg, doc, where)})`);
        const shown = file;
        const expectJson = /\.json$/i.test(abs) || /json|javascript/i.test(language ?? '');
        loaded = lines ? parseSampleText(lines.join('\n'), expectJson, this.diags, (k) => ({ file: shown, line: k + 1 })) : { ok: false };
        this.sampleCache.set(abs, { ...loaded, ...(file ? { file } : {}) });
      }
      if (!loaded.ok && loaded.text === undefined) return undefined;
    } else {
      if (!/json|javascript/i.test(language ?? '')) return undefined;
      // Each content line knows where it was written: blank lines and options before it count.
      const content = block.content;
      loaded = parseSampleText(content.map((l) => l.text).join('\n'), true, this.diags, (k) => (content[k] ? at(content[k]) : where));
    }
    const role = sampleRole(file, context);
    const sample: Sample = { role, source: where };
    if (file) sample.file = file;
    if (loaded.value !== undefined) sample.value = loaded.value;
    if (loaded.text !== undefined) sample.text = loaded.text;
    if (language) sample.language = language;
    return sample;
  }

  private settleVersions(op: Operation): void {
    const mins = op.versionNotes.filter((n) => n.kind === 'min');
    const maxs = op.versionNotes.filter((n) => n.kind === 'max');
    // A directive outranks prose; among equals, the first statement wins.
    const pick = (notes: VersionNote[]): VersionNote | undefined => notes.find((n) => n.via !== 'prose') ?? notes[0];
    const min = pick(mins);
    const max = pick(maxs);
    if (min) op.minVersion = min.version;
    if (max) {
      op.maxVersion = max.version;
      if (max.via === 'deprecated') op.deprecated = true;
    }
  }

  private settleParameters(op: Operation, where: SourceLocation): void {
    const names = pathParameterNames(op.path);
    for (const p of op.parameters.path) {
      if (!names.includes(p.name)) {
        this.diags.warn('APIREF-PATH-PARAM-EXTRA', `path parameter "${p.name}" is not in the path ${op.path}`, p.source);
      }
    }
    for (const name of names) {
      if (op.parameters.path.some((p) => p.name === name)) continue;
      this.diags.warn('APIREF-PATH-PARAM-MISSING', `path parameter "${name}" of ${op.path} is not in the stanza`, where);
      const synthesized: Parameter = { name, key: '', in: 'path', description: '', required: true, schema: { type: 'string' }, source: where };
      op.parameters.path.push(synthesized);
    }
    // Path parameters are always required, whatever parameters.yaml says.
    for (const p of op.parameters.path) p.required = true;
    op.parameters.path.sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name));
  }
}

/** The min/max statements of a section's top-level paragraphs (its list items say nothing of its operations). */
function proseBounds(prose: Block[]): VersionNote[] {
  return prose.flatMap((b) => (b.kind === 'paragraph' ? paragraphVersions(b.lines) : [])).filter((n) => n.kind !== 'changed');
}

/** Two texts for one response code, each said once: a text that holds the other replaces it. */
function mergeTexts(first: string | undefined, second: string): string {
  if (!first || second.includes(first)) return second;
  if (first.includes(second)) return first;
  return `${first}\n\n${second}`;
}

/**
 * One `- name: lookup_key` line. Names and keys may hold colons (`OS-EXT-STS:vm_state:
 * OS-EXT-STS:vm_state`): as in the YAML os-api-ref reads the stanza as, the pair splits at
 * the first colon followed by a space, and a line without one (`- name:key`) at its last
 * colon. YAML quotes (`- "{key}": k`) are quoting, not part of the name.
 */
function parseStanzaLine(t: string): { name: string; key: string } | undefined {
  const quoted = /^-\s*(["'])(.*?)\1\s*:\s*(\S+)\s*$/.exec(t);
  const m = quoted ? [t, quoted[2], quoted[3]] : (/^-\s*(.+?)\s*:\s+(\S+)\s*$/.exec(t) ?? /^-\s*(.*?)\s*:\s*([^\s:]+)\s*$/.exec(t));
  if (!m || !m[1]) return undefined;
  return { name: m[1], key: unquote(m[2]!) };
}

function unquote(s: string): string {
  return /^(["']).*\1$/.test(s) && s.length >= 2 ? s.slice(1, -1) : s;
}

function isProse(block: Block): boolean {
  return block.kind !== 'heading' && !(block.kind === 'directive' && block.name.startsWith('rest_'));
}

/** A paragraph that only labels what follows: `**Response**`, `Request:`. */
function roleLabel(text: string): 'request' | 'response' | undefined {
  // A label is a few words (40 characters at most, plus `**…**:`); most paragraphs are
  // sentences, not worth the regexes below.
  if (text.length > 45 && text.trim().length > 45) return undefined;
  const t = text.trim().replace(/^\*\*(.*)\*\*$/, '$1').replace(/:$/, '').trim();
  if (t.length > 40) return undefined;
  if (/^(example\s+)?(response|responses)(\s+(parameters|example|body|headers))?$/i.test(t)) return 'response';
  if (/^(example\s+)?request(\s+(parameters|example|body|headers))?$/i.test(t)) return 'request';
  return undefined;
}

/** Sample file names say which side they show more reliably than headings do. */
function sampleRole(file: string | undefined, context: 'request' | 'response' | undefined): 'request' | 'response' {
  const base = (file ?? '').split('/').pop() ?? '';
  if (/(^|[-_.])(resp|response|responses|reply)([-_.]|$)/i.test(base)) return 'response';
  if (/(^|[-_.])(req|request|requests)([-_.]|$)/i.test(base)) return 'request';
  return context ?? 'response';
}

/**
 * How deep a JSON sample may nest (the corpus's deepest nests 9 levels): every walk over
 * the model (serializing it, emitters, lint) recurses, and 5000 levels overflow the stack.
 */
export const MAX_SAMPLE_DEPTH = 64;

/** Parses a sample; `locate` maps a line index of the text to where it was written. */
function parseSampleText(text: string, expectJson: boolean, diags: Diagnostics, locate: (lineIndex: number) => SourceLocation): { value?: unknown; text?: string; ok: boolean } {
  if (!expectJson && !/^\s*[[{]/.test(text)) return { text, ok: true };
  const tooDeep = jsonNestingBeyond(text, MAX_SAMPLE_DEPTH);
  if (tooDeep !== undefined) {
    diags.warn('APIREF-SAMPLE-TOO-DEEP', `sample nests deeper than ${MAX_SAMPLE_DEPTH} levels; kept as text`, locate(lineIndexAt(text, tooDeep)));
    return { text, ok: true };
  }
  try {
    return { value: JSON.parse(text), ok: true };
  } catch {
    const offset = jsonErrorOffset(text);
    const near = JSON.stringify(text.slice(offset, offset + 12));
    diags.warn('APIREF-SAMPLE-INVALID-JSON', `sample is not valid JSON: unexpected ${offset >= text.length ? 'end of input' : `text at ${near}`}`, locate(lineIndexAt(text, offset)));
    return { text, ok: true };
  }
}

/** The index of the line that holds `offset`. */
function lineIndexAt(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The offset of the first bracket that opens level `limit + 1` (strings skipped), or undefined. */
export function jsonNestingBeyond(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash: the next character is escaped
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > limit) return i;
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return undefined;
}

/**
 * Where JSON text stops being valid. Node's parser does not always say, so
 * find the longest prefix that is still the start of a valid document: a
 * prefix is, exactly when parsing it fails only for running out of input.
 */
export function jsonErrorOffset(text: string): number {
  const isValidStart = (k: number): boolean => {
    try {
      JSON.parse(text.slice(0, k));
      return true;
    } catch (e) {
      const message = e instanceof Error ? e.message : '';
      const position = /at position (\d+)/.exec(message);
      return position ? Number(position[1]) >= k : /end of JSON input/.test(message);
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (isValidStart(mid)) lo = mid;
    else hi = mid - 1;
  }
  // Skip the whitespace a valid prefix may end with, to point at the offending text.
  while (lo < text.length && /\s/.test(text[lo]!)) lo++;
  return lo;
}

/** Every microversion an operation mentions: its own bounds, its parameters', body fields' and response codes'. */
function operationVersions(op: Operation): string[] {
  const out: string[] = [];
  const add = (v: string | undefined): void => {
    if (v !== undefined) out.push(v);
  };
  add(op.minVersion);
  add(op.maxVersion);
  const params = [...op.parameters.path, ...op.parameters.query, ...op.parameters.header, ...op.responseHeaders, ...(op.request?.fields ?? []), ...(op.response?.fields ?? [])];
  for (const p of params) {
    add(p.minVersion);
    add(p.maxVersion);
  }
  for (const r of op.responses) {
    add(r.minVersion);
    add(r.maxVersion);
  }
  return out;
}
