import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Which generated conformance files to run: those holding an operation of a
 * section in scope. The generator groups operations into files by resource
 * path, not by api-ref section, and may regroup them; so the files are found
 * from the generated data (`conformance/data/<file>.ts` exports the file's
 * `spec.operations`) rather than named here.
 */

export interface ScopedFile {
  /** The file name without `.test.ts`. */
  name: string;
  testFile: string;
  /** Its operations that belong to a section in scope. */
  inScope: string[];
}

interface ModelOperation {
  id: string;
  section: string;
}

export async function conformanceFilesFor(genDir: string, sections: Set<string>): Promise<ScopedFile[]> {
  const model = JSON.parse(readFileSync(join(genDir, 'model.json'), 'utf8')) as { operations: ModelOperation[] };
  const sectionOf = new Map(model.operations.map((o) => [o.id, o.section]));
  const dataDir = join(genDir, 'conformance', 'data');
  if (!existsSync(dataDir)) return [];
  const files: ScopedFile[] = [];
  for (const f of readdirSync(dataDir).filter((n) => n.endsWith('.ts')).sort()) {
    const { spec } = (await import(pathToFileURL(join(dataDir, f)).href)) as { spec: { file: string; operations: { id: string }[] | Record<string, unknown> } };
    // A list of operations, or (in earlier versions of the emitter) a record by id.
    const ids = Array.isArray(spec.operations) ? spec.operations.map((o) => o.id) : Object.keys(spec.operations);
    const inScope = ids.filter((id) => sections.has(sectionOf.get(id) ?? ''));
    if (inScope.length > 0) files.push({ name: spec.file, testFile: join(genDir, 'conformance', `${spec.file}.test.ts`), inScope });
  }
  return files;
}

const SCOPE_FILE = 'scope.json';

/** Remembers the files run, so the drift check can tell a missing report part. */
export function writeScope(reportDir: string, files: ScopedFile[]): void {
  writeFileSync(join(reportDir, SCOPE_FILE), `${JSON.stringify(files.map((f) => ({ name: f.name, inScope: f.inScope })), null, 2)}\n`);
}

export function readScope(reportDir: string): { name: string; inScope: string[] }[] | undefined {
  const f = join(reportDir, SCOPE_FILE);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as { name: string; inScope: string[] }[]) : undefined;
}
