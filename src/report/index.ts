// The reporters by name, for the CLI's `--format` and the library API. Each returns the whole
// report as text without a trailing newline ('' when there is nothing to say: a clean run in
// stylish, compact or github form); the caller writes it, adding the newline when non-empty.

import type { FileResult, ReportOptions, Reporter } from './types.js';
import { compact } from './compact.js';
import { github } from './github.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

export const reporterNames = ['stylish', 'compact', 'json', 'sarif', 'github'] as const;
export type ReporterName = (typeof reporterNames)[number];

const reporters: Readonly<Record<ReporterName, Reporter>> = { stylish, compact, json, sarif, github };

export function isReporterName(name: string): name is ReporterName {
  return (reporterNames as readonly string[]).includes(name);
}

export function formatResults(name: ReporterName, results: readonly FileResult[], options: ReportOptions): string {
  const reporter = reporters[name];
  if (!reporter) throw new Error(`unknown format '${name}': expected one of ${reporterNames.join(', ')}`);
  return reporter(results, options);
}

export type { FileResult, ReportOptions, Reporter, RuleMeta } from './types.js';
export type { JsonFileResult, JsonMessage } from './json.js';
export type { SarifLog } from './sarif.js';
export { compact, github, json, sarif, stylish };
export { toJsonResults } from './json.js';
export { toSarif, SARIF_SCHEMA, SHAPEGRAD_HOME } from './sarif.js';
export { escapeData, escapeProperty, GITHUB_ANNOTATION_LIMITS } from './github.js';
export { colorLevel, makeChalk, type ColorChoice, type ColorLevel } from './color.js';
export { codeFrame, type FrameOptions } from './frame.js';
export { renderExprDiagnostics } from './expression.js';
export * from './diagnostic.js';
