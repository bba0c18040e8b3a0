import { Command, CommanderError } from 'commander';
import { registerModelCommand } from './model-command.ts';
import { registerGenerateCommand } from './generate-command.ts';
import { registerMockCommand } from './mock-command.ts';
import { registerOpenApiCommand } from './openapi-command.ts';
import { registerLintCommand } from './lint-command.ts';
import { registerDiffCommand } from './diff-command.ts';

/** Exit code for a defect of apiref itself (sysexits' EX_SOFTWARE), never for a problem in a spec. */
export const INTERNAL_ERROR_EXIT = 70;

/**
 * Exit codes: 0 success, 1 findings (errors, stale output, breaking changes), 2 bad usage or
 * unreadable input, 70 an internal error.
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('apiref')
    .description('Turn OpenStack os-api-ref API references into TypeScript types, clients, servers and conformance tests.')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let code = 0;
  const setCode = (c: number): void => {
    code = c;
  };
  registerModelCommand(program, setCode);
  registerGenerateCommand(program, setCode);
  registerMockCommand(program, setCode);
  registerOpenApiCommand(program, setCode);
  registerLintCommand(program, setCode);
  registerDiffCommand(program, setCode);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`apiref: ${err.message}\n`);
      return 2;
    }
    return reportInternalError(err);
  }
  return code;
}

/**
 * Anything else thrown is apiref's own fault: one line, not a stack trace, so that
 * tools reading stderr see `file:line` diagnostics and this alone. APIREF_DEBUG=1 adds the stack.
 */
function reportInternalError(err: unknown): number {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`apiref: internal error: ${message.split('\n')[0]}\n`);
  if (process.env['APIREF_DEBUG'] === '1' && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return INTERNAL_ERROR_EXIT;
}

/** Bad arguments or an unreadable input: reported in one line, exit 2, no stack trace. */
export class UsageError extends Error {}
