/**
 * Runs one bench measurement in a fresh Node process, so that "cold" means
 * cold and peak memory (max RSS) belongs to that measurement alone. The child
 * prints one JSON line; the parent reads it.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface Measurement {
  ms: number;
  maxRssMb: number;
  [extra: string]: unknown;
}

const ROOT = join(import.meta.dirname, '..', '..');

export function measureInChild(script: string, args: string[] = []): Measurement {
  const out = execFileSync(process.execPath, [join(ROOT, 'bin/run-ts.js'), join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const last = out.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as Measurement;
}

/** For child scripts: report a result with the process' peak memory. */
export function report(result: Record<string, unknown> & { ms: number }): void {
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ...result, maxRssMb: Math.round(maxRssMb) })}\n`);
}

/** The median of several runs, the usual guard against one noisy sample. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
