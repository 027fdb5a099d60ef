#!/usr/bin/env node
// The command line: yargs wiring, exit codes, nothing else (the work is in the library).
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { chalkFor, EXIT_USAGE, readStdin, UsageError } from './io.js';
import { parseAssumeFlags, parseShapeFlags } from './declarations.js';
import { runShapes } from './commands/shapes.js';

function finish(output: string, code: number): void {
  if (output) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  process.exitCode = code;
}

function shapeOptions<T>(y: Argv<T>) {
  return y
    .option('shape', { type: 'string', array: true, describe: 'declare a shape: NAME=m,n (matrix), NAME=n (column vector), NAME=scalar', requiresArg: true })
    .option('assume', { type: 'string', array: true, describe: 'NAME=symmetric: test values for NAME are symmetric', requiresArg: true });
}

export async function main(argv: string[]): Promise<void> {
  const cli = yargs(argv)
    .scriptName('shapegrad')
    .usage('$0 <command> [options]')
    .option('color', { type: 'boolean', describe: 'colour the output (default: on a TTY unless NO_COLOR is set)' })
    .option('unicode', { type: 'boolean', default: false, describe: 'print σ · ᵀ ⊙ instead of ASCII' })
    .command(
      'shapes <expr>',
      'print the shape of every sub-expression and every variable',
      (y) => shapeOptions(y.positional('expr', { type: 'string', demandOption: true, describe: 'the expression (- reads it from stdin)' }))
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const }),
      async (args) => {
        const decl = { shapes: parseShapeFlags(args.shape), symmetric: parseAssumeFlags(args.assume) };
        // `-` reads the expression from stdin: an argument is capped at 128 KB by the OS.
        // yargs hands a lone `-` over as '', so the raw argv tells it apart from `shapes ""`.
        const text = args.expr === '' && argv.includes('-') ? await readStdin() : String(args.expr);
        const r = runShapes(text, decl, args.format, chalkFor(args));
        finish(r.output, r.code);
      },
    )
    .demandCommand(1, 'name a command: shapes, derive, check or lint')
    .strict()
    .help()
    .version()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((msg, err, y) => {
      // Usage errors exit 2 (ESLint's convention), with the message and a pointer to --help.
      // yargs reports its own validation failures (e.g. `--shape` without a value) as a YError:
      // those are usage errors too, not internal ones.
      if (err && !(err instanceof UsageError) && err.name !== 'YError') throw err;
      process.stderr.write(`shapegrad: ${msg ?? err?.message}\nRun shapegrad --help for usage.\n`);
      void y;
      process.exit(EXIT_USAGE);
    });
  await cli.parseAsync();
}

// `shapegrad … | head`: the reader went away. Nothing is wrong with the input; stop quietly
// instead of dying on an unhandled 'error' event with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(hideBin(process.argv)).catch((err: unknown) => {
  if (err instanceof UsageError) {
    process.stderr.write(`shapegrad: ${err.message}\n`);
    process.exit(EXIT_USAGE);
  }
  const detail = process.env.SHAPEGRAD_DEBUG ? (err as Error)?.stack : (err as Error)?.message;
  process.stderr.write(`shapegrad: internal error: ${detail}\n(set SHAPEGRAD_DEBUG=1 for a stack trace; please report it)\n`);
  process.exit(EXIT_USAGE);
});
