/**
 * Microversions are `MAJOR.MINOR` strings compared numerically per part:
 * 2.10 is newer than 2.9 (which is why they are never read as floats).
 */
export function parseVersion(v: string): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)$/.exec(v.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2])];
}

export function isVersion(v: string): boolean {
  return parseVersion(v) !== undefined;
}

/** Negative when a < b, zero when equal, positive when a > b. Unparseable versions sort first. */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (!pa || !pb) return (pa ? 1 : 0) - (pb ? 1 : 0);
  return pa[0] - pb[0] || pa[1] - pb[1];
}

export function maxVersion(versions: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const v of versions) if (best === undefined || compareVersions(v, best) > 0) best = v;
  return best;
}

export function minVersion(versions: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const v of versions) if (best === undefined || compareVersions(v, best) < 0) best = v;
  return best;
}
