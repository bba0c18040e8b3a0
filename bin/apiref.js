#!/usr/bin/env node
// The `apiref` command. The generator is written in TypeScript and run from
// source through tsx's loader, so `npx apiref` works straight after `npm ci`.
import { register } from 'tsx/esm/api';

// `apiref model … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
register();
const { main } = await import('../generator/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
