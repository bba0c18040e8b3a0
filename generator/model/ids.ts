/** Words of a title, ASCII letters and digits only (other characters separate words). */
function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\([^)]*\)/g, ' ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** Articles carry nothing in a name: "Show a volume's details" names `showVolumeDetails`. */
const ARTICLES = new Set(['a', 'an', 'the']);

/** The words of a title for an id: without possessive `'s` and articles (unless nothing else is left). */
function meaningfulWords(title: string): string[] {
  const all = words(title.replace(/['\u2019]s\b/gi, ''));
  const kept = all.filter((w) => !ARTICLES.has(w.toLowerCase()));
  return kept.length > 0 ? kept : all;
}

/**
 * A camelCase operation id from its title: "Show attachment details" ->
 * `showAttachmentDetails`, "Delete a volume's metadata" -> `deleteVolumeMetadata`. Falls back to method and path for untitled ones.
 */
export function camelId(title: string, method: string, path: string): string {
  let parts = meaningfulWords(title);
  if (parts.length === 0) parts = [method.toLowerCase(), ...words(path.replace(/\{[^}]*\}/g, ' '))];
  const id = parts
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
  return /^[0-9]/.test(id) ? `op${id}` : id;
}

/** A kebab-case id for sections: "Attachments (attachments)" -> `attachments`. */
export function slugId(title: string): string {
  return words(title).join('-').toLowerCase() || 'section';
}

/** `base`, or `base2`, `base3`… whichever is free; records the one returned. */
export function uniqueIn(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}${/[0-9]$/.test(base) ? '_' : ''}${n}`;
  used.add(id);
  return id;
}
