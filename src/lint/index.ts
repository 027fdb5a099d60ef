// The model-definition lint engine: public API. The CLI (`shapegrad lint`) and the reporters are
// built on exactly these functions and types.
import { dirname, resolve } from 'node:path';
import type { Diagnostic } from '../report/diagnostic.js';
import { lintRules } from '../../rules/lint/registry.js';
import { findConfigFile, loadConfig, validateRules, type LintConfig } from './config.js';
import { collectFiles, toRelative } from './files.js';
import { ImportResolver } from './imports.js';
import { lintEntry } from './lint-entry.js';
import { lintText } from './lint-file.js';
import { FileQueue, startWorkers, workerCount } from './pool.js';

export interface LintOptions {
  /** Severity overrides by rule id (on top of the config file). */
  rules?: Record<string, 'off' | 'warn' | 'error'>;
  /** Glob patterns (relative to cwd) to skip. */
  ignore?: string[];
  /** For relative paths and config lookup; defaults to process.cwd(). */
  cwd?: string;
  /** Explicit config file; otherwise shapegrad.config.json is looked up from cwd upward. */
  configFile?: string;
  onProgress?: (done: number, total: number) => void;
  /**
   * `false` parses (and so syntax-checks) every function; by default, in files over 8 KB, the
   * top-level functions and classes that cannot touch a model are skipped (frontend/focus.ts).
   */
  focus?: boolean;
}

export type { FileResult, RuleMeta } from '../report/diagnostic.js';
import type { FileResult, RuleMeta } from '../report/diagnostic.js';

/** The lint rules, plus the ids the engine itself reports (they take severity overrides too). */
export const ruleMetas: RuleMeta[] = [
  ...lintRules.map(({ id, description, severity, docs }) => ({ id, description, severity, docs })),
  { id: 'parse-error', description: 'The file has a syntax error and was not linted further', severity: 'error', docs: 'docs/rules/parse-error.md' },
  { id: 'unused-suppression', description: 'An inline shapegrad-disable comment that suppresses nothing', severity: 'warning', docs: 'docs/rules/unused-suppression.md' },
  { id: 'file-error', description: 'A file could not be read, or was skipped (binary, too large)', severity: 'error', docs: 'docs/rules/file-error.md' },
];

const knownIds = ruleMetas.map((r) => r.id);

function resolveConfig(options: LintOptions): { cwd: string; config: LintConfig; rules: Record<string, 'off' | 'warn' | 'error'> } {
  const cwd = resolve(options.cwd ?? process.cwd());
  const path = options.configFile ? resolve(cwd, options.configFile) : findConfigFile(cwd);
  const config: LintConfig = path ? loadConfig(path, knownIds) : { rules: {}, ignore: [] };
  const overrides = options.rules ? validateRules(options.rules, knownIds, 'lint options') : {};
  return { cwd, config, rules: { ...config.rules, ...overrides } };
}

/** Lint files, directories (walked) and globs. Throws only for a broken config. */
export async function lint(paths: string[], options: LintOptions = {}): Promise<FileResult[]> {
  const { cwd, config, rules } = resolveConfig(options);
  const files = collectFiles(paths, cwd, [
    { base: config.path ? dirname(config.path) : cwd, globs: config.ignore },
    { base: cwd, globs: options.ignore ?? [] },
  ]);
  const results: FileResult[] = new Array(files.length);
  let done = 0;
  const record = (i: number, r: FileResult) => {
    results[i] = r;
    done++;
    options.onProgress?.(done, files.length);
  };
  // The main thread lints from the same queue as the workers, yielding now and then so that
  // their results (and progress callbacks) are handled while it works.
  const queue = new FileQueue(files);
  const workers = workerCount(files.length);
  const focus = options.focus ?? true;
  const pooled = workers > 0 ? startWorkers(queue, { rules, focus }, workers, record) : Promise.resolve([]);
  const opts = { rules, focus, imports: new ImportResolver({ focus }) };
  let n = 0;
  for (let i = queue.take(); i !== undefined; i = queue.take()) {
    record(i, lintEntry(files[i]!, opts));
    if (++n % (workers > 0 ? 4 : 32) === 0) await new Promise((r) => setImmediate(r));
  }
  for (const i of await pooled) record(i, lintEntry(files[i]!, opts));
  return results;
}

/** Lint one in-memory file (tests, editors). `filePath`'s extension picks the language. */
export function lintSource(filePath: string, text: string, options: LintOptions = {}): FileResult {
  const { cwd, rules } = resolveConfig(options);
  const abs = resolve(cwd, filePath);
  const focus = options.focus ?? true;
  return lintText(toRelative(cwd, abs), abs, text, { rules, imports: new ImportResolver({ focus }), focus });
}
