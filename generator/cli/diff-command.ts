import { Option, type Command } from 'commander';
import { formatDiagnostic } from '../diagnostics.ts';
import { diffModels, failingChanges, type Audience, type FailOn } from '../diff/diff.ts';
import { formatDiff, type DiffFormat } from '../diff/format.ts';
import { DiffInputError, loadDiffInput } from '../diff/load.ts';
import { UsageError } from './main.ts';

interface DiffOptions {
  format: DiffFormat;
  failOn: FailOn;
  for: Audience;
}

const HELP = `
Each of OLD and NEW is a spec entry (an .rst or .inc file, or a directory
holding index.rst), or git:REV:PATH for the spec as it was at a revision of
the repository you are in (e.g. git:origin/main:spec, git:HEAD~1:spec).

Operations are matched by method, path shape (path parameters by position)
and action name. Every change is classified for clients (written against OLD,
talking to a NEW server) and for servers (written against OLD, judged against
NEW); generator/diff/README.md lists the rules. A change that comes only with
a microversion OLD did not know breaks neither side.

Exit codes:
  0  no failing change
  1  failing changes (see --fail-on and --for)
  2  bad usage, or an input that cannot be read`;

export function registerDiffCommand(program: Command, setCode: (c: number) => void): void {
  program
    .command('diff')
    .description('compare two versions of a spec and classify every change as breaking or not, for clients and for servers')
    .argument('<old>', 'the old spec: an entry path or git:REV:PATH')
    .argument('<new>', 'the new spec: an entry path or git:REV:PATH')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .addOption(new Option('--fail-on <level>', 'which changes make the exit code 1').choices(['breaking', 'any']).default('breaking'))
    .addOption(new Option('--for <side>', 'whose breaking changes fail: clients of the API, servers implementing it, or both').choices(['clients', 'servers', 'both']).default('clients'))
    .addHelpText('after', HELP)
    .action((oldInput: string, newInput: string, opts: DiffOptions) => {
      const load = (input: string) => {
        try {
          return loadDiffInput(input);
        } catch (err) {
          if (err instanceof DiffInputError) {
            for (const d of err.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
            throw new UsageError(err.message);
          }
          throw err;
        }
      };
      const result = diffModels(load(oldInput), load(newInput), { old: oldInput, new: newInput });
      const failing = failingChanges(result, opts.failOn, opts.for);
      process.stdout.write(formatDiff(result, opts.format, { failOn: opts.failOn, audience: opts.for, failing }));
      setCode(failing.length > 0 ? 1 : 0);
    });
}
