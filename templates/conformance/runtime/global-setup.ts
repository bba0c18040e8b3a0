/**
 * Vitest global set-up of a conformance run: forgets the drift report parts of
 * an earlier run, so the merged report describes this run alone.
 */
import { resetDriftParts } from './drift.js';

export default function setup(): void {
  const dir = process.env['APIREF_DRIFT_REPORT'];
  if (dir !== undefined && dir.trim() !== '') resetDriftParts(dir.trim());
}
