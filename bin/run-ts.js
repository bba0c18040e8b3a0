#!/usr/bin/env node
// Runs a TypeScript entry point from source (tsx's ESM loader), so that the
// project needs no build step: `node bin/run-ts.js scripts/bench.ts args...`.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
const [, , script, ...rest] = process.argv;
if (!script) {
  console.error('usage: run-ts.js SCRIPT.ts [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(script), ...rest];
await import(pathToFileURL(resolve(script)).href);
