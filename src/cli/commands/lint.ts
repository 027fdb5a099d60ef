// `shapegrad lint PATHS…`: static shape checking of model definitions.
import type { CommandModule } from 'yargs';
import type { LintOptions, RuleMeta } from '../../lint/index.js';
import { formatResults, reporterNames, type ReporterName } from '../../report/index.js';
import { countBySeverity } from '../../report/diagnostic.js';
import { chalkFor, EXIT_OK, EXIT_PROBLEMS, UsageError } from '../io.js';
import { finish } from '../command-kit.js';
import { toolVersion } from '../version.js';

function parseRuleFlags(values: readonly string[] | undefined, ruleMetas: readonly RuleMeta[]): Record<string, 'off' | 'warn' | 'error'> {
  const out: Record<string, 'off' | 'warn' | 'error'> = {};
  const known = new Set(ruleMetas.map((r) => r.id));
  for (const v of values ?? []) {
    const m = /^([\w-]+)=(off|warn|error)$/.exec(v.trim());
    if (!m) throw new UsageError(`--rule expects ID=off|warn|error, got '${v}'`);
    if (!known.has(m[1]!)) throw new UsageError(`--rule ${m[1]}: no such rule (rules: ${[...known].join(', ')})`);
    out[m[1]!] = m[2] as 'off' | 'warn' | 'error';
  }
  return out;
}

export const lintCommand: CommandModule<{ color?: boolean; unicode: boolean }, any> = {
  command: 'lint [paths..]',
  describe: 'check TensorFlow.js / Keras model definitions and model.json files for shape mistakes',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, describe: 'files, directories or globs (default: .)' })
      .option('format', { choices: reporterNames as unknown as string[], default: 'stylish' })
      .option('rule', { type: 'string', array: true, requiresArg: true, describe: 'ID=off|warn|error' })
      .option('config', { type: 'string', requiresArg: true, describe: 'a shapegrad.config.json (default: found upward from the current directory)' })
      .option('max-warnings', { type: 'number', requiresArg: true, describe: 'exit 1 when there are more warnings than this' })
      .option('full-parse', { type: 'boolean', default: false, describe: 'parse every function, even helpers that cannot touch a model (slower; syntax-checks them too)' }),
  handler: async (args) => {
    // Loaded here, not at start-up: the TypeScript parser takes a third of a second to load, and
    // the other commands never need it.
    const { lint, ruleMetas } = await import('../../lint/index.js');
    const cwd = process.cwd();
    const options: LintOptions = { cwd, rules: parseRuleFlags((args.rule as string[] | undefined)?.map(String), ruleMetas) };
    if (args.config) options.configFile = String(args.config);
    if (args.fullParse) options.focus = false;
    const format = String(args.format) as ReporterName;
    // Progress only for people: a TTY, not CI, stylish output.
    if (format === 'stylish' && process.stderr.isTTY && !process.env.CI) {
      options.onProgress = (done, total) => {
        if (total >= 50 && (done % 25 === 0 || done === total)) process.stderr.write(`\rlinting ${done}/${total}${done === total ? '\n' : ''}`);
      };
    }
    let results;
    try {
      results = await lint((args.paths as string[] | undefined)?.length ? (args.paths as string[]).map(String) : ['.'], options);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const output = formatResults(format, results, { color: chalkFor(args), cwd, rules: ruleMetas, toolVersion, unicode: true });
    const counts = countBySeverity(results.flatMap((r) => r.diagnostics));
    const maxWarnings = typeof args.maxWarnings === 'number' ? args.maxWarnings : undefined;
    const failed = counts.errors > 0 || (maxWarnings !== undefined && counts.warnings > maxWarnings);
    finish(output, failed ? EXIT_PROBLEMS : EXIT_OK);
  },
};
