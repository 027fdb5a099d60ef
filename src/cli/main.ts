#!/usr/bin/env node
// The command line: yargs wiring, exit codes, nothing else (the work is in the library).
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { CommandModule } from 'yargs';
import { EXIT_USAGE, UsageError } from './io.js';

/** Each command's module, loaded on demand: `lint` has no use for the symbolic core, nor `derive` for the lint engine. */
const COMMANDS: Record<string, () => Promise<CommandModule<object, never>>> = {
  shapes: async () => (await import('./commands/shapes.js')).shapesCommand as CommandModule<object, never>,
  derive: async () => (await import('./commands/derive.js')).deriveCommand as CommandModule<object, never>,
  check: async () => (await import('./commands/check.js')).checkCommand as CommandModule<object, never>,
  lint: async () => (await import('./commands/lint.js')).lintCommand as CommandModule<object, never>,
};

/** The commands to register: only the one named, when it is named (the first word that is no flag); else all, for help. */
async function commandsFor(argv: readonly string[]): Promise<CommandModule<object, never>[]> {
  const named = argv.find((a) => !a.startsWith('-'));
  const names = named !== undefined && named in COMMANDS ? [named] : Object.keys(COMMANDS);
  return Promise.all(names.map((n) => COMMANDS[n]!()));
}

/**
 * `shapegrad derive "-sum(t .* log(p))"`: an expression may start with a minus, which yargs would
 * read as a cluster of short flags. Anything that starts with '-' but is not shaped like a flag
 * gets a leading space (which the expression language ignores); `expressionArg` takes it off.
 */
export function protectExpressions(argv: readonly string[]): string[] {
  // Every option of shapegrad is long (--shape, --wrt): a single dash followed by anything is
  // an expression (`-x`, `-sum(…)`), except a lone `-` (stdin). After `--`, everything is.
  const flag = /^(--[A-Za-z][A-Za-z0-9-]*(=.*)?|-)$/s;
  const out: string[] = [];
  let rest = false;
  for (const a of argv) {
    if (!rest && a === '--') {
      rest = true;
      continue;
    }
    out.push(a.startsWith('-') && (rest || !flag.test(a)) && a !== '-' ? ` ${a}` : a);
  }
  return out;
}

export async function main(argv: string[]): Promise<void> {
  const commands = await commandsFor(argv);
  let cli = yargs(protectExpressions(argv))
    .scriptName('shapegrad')
    // `--wrt W "W*x"`: an array option takes one value per flag, not the positional after it.
    .parserConfiguration({ 'greedy-arrays': false })
    .usage('$0 <command> [options]')
    .option('color', { type: 'boolean', describe: 'colour the output (default: on a TTY unless NO_COLOR is set)' })
    .option('unicode', { type: 'boolean', default: false, describe: 'print σ · ᵀ ⊙ instead of ASCII' })
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
  for (const command of commands) cli = cli.command(command);
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
