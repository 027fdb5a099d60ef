#!/usr/bin/env node
// The command line: yargs wiring, exit codes, nothing else (the work is in the library).
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT_USAGE, UsageError } from './io.js';
import { shapesCommand } from './commands/shapes.js';
import { deriveCommand } from './commands/derive.js';
import { checkCommand } from './commands/check.js';

export async function main(argv: string[]): Promise<void> {
  const cli = yargs(argv)
    .scriptName('shapegrad')
    .usage('$0 <command> [options]')
    .option('color', { type: 'boolean', describe: 'colour the output (default: on a TTY unless NO_COLOR is set)' })
    .option('unicode', { type: 'boolean', default: false, describe: 'print σ · ᵀ ⊙ instead of ASCII' })
    .command(shapesCommand)
    .command(deriveCommand)
    .command(checkCommand)
    .demandCommand(1, 'name a command: shapes, derive, check or lint')
    .strict()
    .help()
    .version()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((msg, err, y) => {
      // Usage errors exit 2 (ESLint's convention), with the message and a pointer to --help.
      if (err && !(err instanceof UsageError)) throw err;
      process.stderr.write(`shapegrad: ${msg ?? err?.message}\nRun shapegrad --help for usage.\n`);
      void y;
      process.exit(EXIT_USAGE);
    });
  await cli.parseAsync();
}

main(hideBin(process.argv)).catch((err: unknown) => {
  if (err instanceof UsageError) {
    process.stderr.write(`shapegrad: ${err.message}\n`);
    process.exit(EXIT_USAGE);
  }
  const detail = process.env.SHAPEGRAD_DEBUG ? (err as Error)?.stack : (err as Error)?.message;
  process.stderr.write(`shapegrad: internal error: ${detail}\n(set SHAPEGRAD_DEBUG=1 for a stack trace; please report it)\n`);
  process.exit(EXIT_USAGE);
});
