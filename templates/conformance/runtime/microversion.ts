/**
 * Microversions are `MAJOR.MINOR` compared numerically per part (3.10 > 3.9),
 * never as floats.
 */

export function parseMicroversion(text: string): [number, number] | undefined {
  const m = /^v?(\d{1,6})\.(\d{1,6})$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Negative, zero or positive as `a` is lower than, equal to or higher than `b`; unparseable versions compare equal. */
export function compareMicroversions(a: string, b: string): number {
  const pa = parseMicroversion(a);
  const pb = parseMicroversion(b);
  if (!pa || !pb) return 0;
  return pa[0] - pb[0] || pa[1] - pb[1];
}

/** Whether `version` lies within `[min, max]` (either bound may be absent). */
export function inRange(version: string | undefined, min: string | undefined, max: string | undefined): boolean {
  if (version === undefined) return true;
  if (min !== undefined && compareMicroversions(version, min) < 0) return false;
  if (max !== undefined && compareMicroversions(version, max) > 0) return false;
  return true;
}

/** The version just below `v` (`3.27` -> `3.26`), or undefined for `X.0`. */
export function versionBelow(v: string): string | undefined {
  const p = parseMicroversion(v);
  if (!p || p[1] === 0) return undefined;
  return `${p[0]}.${p[1] - 1}`;
}

/** A version of the same major that no server supports (`3.99999`). */
export function unsupportedVersion(v: string): string | undefined {
  const p = parseMicroversion(v);
  return p ? `${p[0]}.99999` : undefined;
}

/**
 * The header value: `volume 3.44` for the generic `OpenStack-API-Version`
 * header, the bare version for service-specific ones
 * (`X-OpenStack-Manila-API-Version: 2.15`).
 */
export function microversionHeaderValue(header: string, serviceType: string | undefined, version: string): string {
  return header.toLowerCase() === 'openstack-api-version' && serviceType ? `${serviceType} ${version}` : version;
}
