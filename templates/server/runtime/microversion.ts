/**
 * Microversion negotiation the way Cinder and Nova do it: the client names a
 * version in a header (`OpenStack-API-Version: volume 3.44`, or `latest`), the
 * server answers 400 for a malformed value, 406 outside its supported range,
 * and echoes the version it used on every response.
 */

/** A `MAJOR.MINOR` microversion; compared numerically per part (3.10 > 3.9). */
export class Microversion {
  constructor(
    readonly major: number,
    readonly minor: number,
  ) {}

  /** Parses `3.44` (or `v3.44`); undefined for anything else. */
  static parse(text: string): Microversion | undefined {
    const m = /^v?(\d{1,6})\.(\d{1,6})$/.exec(text.trim());
    return m ? new Microversion(Number(m[1]), Number(m[2])) : undefined;
  }

  /**
   * Parses a version as a client sends it: `3.44` or `3.0`, no leading zeros
   * and no `v` (Cinder's, Nova's and Manila's `^([1-9]\d*)\.([1-9]\d*|0)$`, so
   * `volume 3.044` is a 400, not 3.44); undefined for anything else.
   */
  static parseRequested(text: string): Microversion | undefined {
    const m = /^([1-9]\d{0,5})\.([1-9]\d{0,5}|0)$/.exec(text);
    return m ? new Microversion(Number(m[1]), Number(m[2])) : undefined;
  }

  /** Like `parse`, but throws for a malformed version (for versions written in code or options). */
  static of(v: string | Microversion): Microversion {
    if (v instanceof Microversion) return v;
    const parsed = Microversion.parse(v);
    if (!parsed) throw new Error(`not a microversion: ${JSON.stringify(v)} (expected MAJOR.MINOR)`);
    return parsed;
  }

  /** Negative, zero or positive as this version is lower than, equal to or higher than `other`. */
  compare(other: string | Microversion): number {
    const o = Microversion.of(other);
    return this.major - o.major || this.minor - o.minor;
  }

  /** True when this version is `v` or newer: `if (input.microversion.atLeast('3.54')) …`. */
  atLeast(v: string | Microversion): boolean {
    return this.compare(v) >= 0;
  }

  /** True when this version is `v` or older. */
  atMost(v: string | Microversion): boolean {
    return this.compare(v) <= 0;
  }

  toString(): string {
    return `${this.major}.${this.minor}`;
  }
}

export interface NegotiationConfig {
  /** The request and response header (`OpenStack-API-Version`). */
  header: string;
  /**
   * The service type that prefixes the value (`volume`); entries for other
   * services are ignored. Undefined (a spec served without one): the first
   * `TYPE X.Y` entry is taken, whatever its type.
   */
  serviceType: string | undefined;
  min: Microversion;
  max: Microversion;
}

export type Negotiated =
  /** `service`: the type the client named, where the config has none (echoed back). */
  | { ok: true; version: Microversion; service?: string }
  | { ok: false; status: 400 | 406; message: string };

/**
 * Reads the requested version. No header (or none for this service) means the
 * minimum, as in Cinder; `latest` means the maximum.
 */
export function negotiate(headerValue: string | null, config: NegotiationConfig): Negotiated {
  if (headerValue === null || headerValue.trim() === '') return { ok: true, version: config.min };
  let requested: string | undefined;
  let service: string | undefined;
  // The generic header may list several services: `compute 2.1, volume 3.44`.
  for (const entry of headerValue.split(',')) {
    const words = entry.trim().split(/\s+/);
    if (words.length === 1) requested = words[0];
    else if (words.length === 2 && config.serviceType !== undefined && words[0]!.toLowerCase() === config.serviceType.toLowerCase()) requested = words[1];
    else if (words.length === 2 && config.serviceType === undefined && service === undefined) [service, requested] = [words[0]!, words[1]!];
    else if (words.length !== 2) return { ok: false, status: 400, message: `Invalid ${config.header} header value ${JSON.stringify(entry.trim())}: expected "${config.serviceType ?? 'SERVICE'} MAJOR.MINOR" or "latest".` };
  }
  const named = service !== undefined ? { service } : {};
  if (requested === undefined) return { ok: true, version: config.min };
  if (requested.toLowerCase() === 'latest') return { ok: true, version: config.max, ...named };
  const version = Microversion.parseRequested(requested);
  if (!version) {
    return { ok: false, status: 400, message: `API Version String ${JSON.stringify(requested)} is of invalid format. Must be of format MajorNum.MinorNum.` };
  }
  if (version.compare(config.min) < 0 || version.compare(config.max) > 0) {
    return { ok: false, status: 406, message: `Version ${version.toString()} is not supported by the API. Minimum is ${config.min.toString()} and maximum is ${config.max.toString()}.` };
  }
  return { ok: true, version, ...named };
}

/**
 * The value echoed on responses: `volume 3.44` for the generic
 * `OpenStack-API-Version` header, the bare `2.15` for service-specific ones
 * (`X-OpenStack-Manila-API-Version`), which is how those services answer.
 */
export function echoValue(config: NegotiationConfig, version: Microversion, service?: string): string {
  const generic = config.header.toLowerCase() === 'openstack-api-version';
  const type = config.serviceType ?? service;
  return generic && type ? `${type} ${version.toString()}` : version.toString();
}

/** Whether `version` lies within an operation's (or a field's) documented bounds. */
export function withinBounds(version: Microversion, min: string | undefined, max: string | undefined): boolean {
  if (min !== undefined && Microversion.parse(min) && version.compare(min) < 0) return false;
  if (max !== undefined && Microversion.parse(max) && version.compare(max) > 0) return false;
  return true;
}
