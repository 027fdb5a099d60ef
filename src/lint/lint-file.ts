// One file through the pipeline: pick the front end by extension, parse (a syntax error is one
// parse-error finding), build the Model IR, propagate shapes, run the rules, apply severities and
// inline suppressions. Never throws: anything unexpected becomes a file-error finding.
import { LineMap, type Diagnostic, type Span } from '../report/diagnostic.js';
import { lintRules } from '../../rules/lint/registry.js';
import type { RuleSetting } from './config.js';
import { readModelJson } from './frontend/model-json.js';
import { parsePython } from './frontend/python.js';
import { parseTypeScript } from './frontend/typescript.js';
import type { ImportResolver } from './imports.js';
import type { FileResult } from './index.js';
import { Interpreter } from './interpret/interpreter.js';
import type { ModelFile } from './ir.js';
import { propagate } from './propagate.js';
import type { Finding, RuleContext } from './rule.js';
import { applySuppressions, findSuppressions } from './suppressions.js';

/** Files larger than this are skipped with a warning: model definitions are small. */
export const MAX_FILE_CHARS = 4 * 1024 * 1024;

export interface FileOptions {
  rules: Record<string, RuleSetting>;
  imports: ImportResolver;
  /** Parse only the code that can matter (see frontend/focus.ts); default true. */
  focus?: boolean;
}

export type { FileResult };

type Language = 'typescript' | 'python' | 'json';

export function languageOf(filePath: string): Language | undefined {
  if (/\.py$/i.test(filePath)) return 'python';
  if (/\.json$/i.test(filePath)) return 'json';
  if (/\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i.test(filePath)) return 'typescript';
  return undefined;
}

function fileSpan(file: string, lines?: LineMap): Span {
  return lines ? lines.span(0, 0) : { file, start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** A finding about the file itself (unreadable, binary, too large), subject to severity overrides. */
export function fileError(filePath: string, message: string, severity: 'error' | 'warning', rules: Record<string, RuleSetting>): Diagnostic[] {
  const setting = rules['file-error'];
  if (setting === 'off') return [];
  const sev = setting === 'warn' ? 'warning' : setting === 'error' ? 'error' : severity;
  return [{ severity: sev, message, ruleId: 'file-error', span: fileSpan(filePath) }];
}

function setting(rules: Record<string, RuleSetting>, id: string, fallback: 'error' | 'warning'): 'error' | 'warning' | undefined {
  const s = rules[id];
  if (s === 'off') return undefined;
  return s === 'warn' ? 'warning' : s === 'error' ? 'error' : fallback;
}

/**
 * Lint one file's text. `filePath` is what findings show (relative to cwd); `absPath` locates
 * imported constants.
 */
export function lintText(filePath: string, absPath: string, text: string, opts: FileOptions): FileResult {
  const result: FileResult = { filePath, source: text, diagnostics: [] };
  const language = languageOf(filePath);
  if (!language || text.length === 0) return result;
  if (text.length > MAX_FILE_CHARS) {
    return { filePath, diagnostics: fileError(filePath, `skipped: the file is larger than ${MAX_FILE_CHARS / 1024 / 1024} MB`, 'warning', opts.rules) };
  }
  if (looksBinary(text)) return { filePath, diagnostics: fileError(filePath, 'skipped: the file looks binary', 'warning', opts.rules) };
  const lines = new LineMap(text, filePath);
  try {
    const built = buildModelFile(filePath, absPath, text, language, lines, opts);
    if ('parseError' in built) {
      const sev = setting(opts.rules, 'parse-error', 'error');
      if (sev) result.diagnostics.push({ severity: sev, ruleId: 'parse-error', message: built.parseError.message, span: lines.span(built.parseError.a, built.parseError.b) });
      return result;
    }
    if (!built.file) return result;
    result.diagnostics = runRules(built.file, text, lines, opts.rules, language === 'python', built.commentStartsAt ?? (() => false));
  } catch (e) {
    // Pathologically deep nesting (generated code) overflows the recursive walks: skip the file.
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      result.diagnostics = fileError(filePath, 'skipped: the code is nested too deeply to analyse', 'warning', opts.rules);
    } else {
      // A bug in shapegrad must not stop the run; say so and go on with the next file.
      result.diagnostics = fileError(filePath, `internal error while linting this file: ${(e as Error).message}`, 'error', opts.rules);
    }
  }
  return result;
}

function looksBinary(text: string): boolean {
  const head = text.slice(0, 8000);
  return head.includes('\u0000') || (head.match(/\uFFFD/g)?.length ?? 0) > 8;
}

function buildModelFile(filePath: string, absPath: string, text: string, language: Language, lines: LineMap, opts: FileOptions):
  { file?: ModelFile; commentStartsAt?: (offset: number) => boolean } | { parseError: { a: number; b: number; message: string } } {
  if (language === 'json') {
    const r = readModelJson(filePath, text, lines);
    if (r.kind === 'error') return { parseError: { a: r.offset, b: r.offset, message: `invalid JSON: ${r.message}` } };
    return r.kind === 'model' ? { file: r.file } : {};
  }
  const program = language === 'python' ? parsePython(text) : parseTypeScript(filePath, text, { focus: opts.focus ?? true });
  if (program.errors.length > 0) {
    const first = program.errors[0]!;
    // An error at the very end (an unclosed bracket) reads better on the last line of code.
    const end = text.trimEnd().length;
    if (first.a >= end) return { parseError: { a: end, b: end, message: `syntax error: unexpected end of file (an unclosed bracket or block?)` } };
    return { parseError: { ...first, message: `syntax error: ${first.message}` } };
  }
  const file: ModelFile = { filePath, language, nodes: [], models: [], events: [] };
  const interp = new Interpreter({ text, lines, file, importConstants: (spec) => opts.imports.constantsOf(absPath, spec) }, language);
  interp.run(program);
  return { file, commentStartsAt: program.commentStartsAt };
}

function runRules(file: ModelFile, text: string, lines: LineMap, rules: Record<string, RuleSetting>, python: boolean, commentStartsAt: (offset: number) => boolean): Diagnostic[] {
  const shapes = propagate(file);
  const diags: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const rule of lintRules) {
    const severity = setting(rules, rule.id, rule.severity);
    if (!severity) continue;
    const ctx: RuleContext = {
      file,
      shapes,
      model: (id) => file.models[id]!,
      report(f: Finding) {
        // Builder functions may be read more than once: one finding per place and message.
        const key = `${rule.id}:${f.span.start}:${f.message}`;
        if (seen.has(key)) return;
        seen.add(key);
        const d: Diagnostic = { severity, ruleId: rule.id, message: f.message, span: f.span };
        if (f.notes?.length) d.notes = f.notes;
        if (f.fixes?.length) d.fixes = f.fixes;
        if (f.related?.length) d.related = f.related;
        diags.push(d);
      },
    };
    rule.check(ctx);
  }
  const sups = findSuppressions(text, lines, python, commentStartsAt);
  const kept = applySuppressions(diags, sups);
  const unusedSeverity = setting(rules, 'unused-suppression', 'warning');
  if (unusedSeverity) {
    for (const s of sups) {
      if (s.used) continue;
      // Naming only rules that are switched off is not stale, just dormant.
      if (s.rules.length > 0 && s.rules.every((r) => rules[r] === 'off')) continue;
      const what = s.rules.length > 0 ? s.rules.join(', ') : 'any rule';
      kept.push({ severity: unusedSeverity, ruleId: 'unused-suppression', message: `unused suppression: no ${what} finding on line ${s.line}`, span: s.span });
    }
  }
  return kept.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
}
