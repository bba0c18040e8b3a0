/**
 * What the exporter changed to fit OpenAPI (a parameter dropped, a path
 * renamed, an enum that contradicted its type). Not errors: the document is
 * valid either way, but a reader comparing it with the api-ref should know.
 */
export class ExportNotes {
  readonly items: string[] = [];
  private readonly seen = new Set<string>();

  add(message: string): void {
    if (this.seen.has(message)) return;
    this.seen.add(message);
    this.items.push(message);
  }
}
