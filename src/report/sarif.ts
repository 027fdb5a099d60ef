// SARIF 2.1.0, the log format GitHub code scanning ingests (github/codeql-action/upload-sarif).
// One run, one driver; the driver lists every known lint rule plus any other id that occurs
// in the results (check codes such as `shape-mismatch`, `parse-error`), because each result
// points at its rule by index. Locations are repository-relative URIs against %SRCROOT%, so
// the file is portable and code scanning maps it onto the checkout.

import { pathToFileURL } from 'node:url';
import type { Diagnostic, Severity, Span } from './diagnostic.js';
import type { FileResult, ReportOptions, RuleMeta } from './types.js';
import { fixText } from './lines.js';
import { displayPath, pathToUriReference } from './paths.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The project's home, used when `ReportOptions.informationUri` is not given. */
export const SHAPEGRAD_HOME = 'https://github.com/shapegrad/shapegrad';
const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Readonly<Record<Severity, Level>> = { error: 'error', warning: 'warning', info: 'note' };

interface Message {
  text: string;
  markdown?: string;
}

export interface SarifRule {
  id: string;
  shortDescription: Message;
  fullDescription: Message;
  helpUri: string;
  help: Message;
  defaultConfiguration: { level: Level };
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface SarifLocation {
  id?: number;
  physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: SarifRegion };
  message?: Message;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: Message;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
}

export interface SarifLog {
  version: '2.1.0';
  $schema: string;
  runs: {
    tool: { driver: { name: 'shapegrad'; informationUri: string; version?: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
  }[];
}

export function toSarif(results: readonly FileResult[], options: ReportOptions): SarifLog {
  const home = (options.informationUri ?? SHAPEGRAD_HOME).replace(/\/+$/, '');
  const rules = driverRules(results, options.rules ?? [], home);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults: SarifResult[] = [];
  for (const result of results) {
    const file = displayPath(result.filePath, options.cwd);
    for (const d of result.diagnostics) sarifResults.push(sarifResult(d, file, index.get(d.ruleId)!, options.cwd));
  }
  const version = options.toolVersion !== undefined ? { version: options.toolVersion } : {};
  const driver: SarifLog['runs'][number]['tool']['driver'] = { name: 'shapegrad', ...version, informationUri: home, rules };
  return {
    version: '2.1.0',
    $schema: SARIF_SCHEMA,
    runs: [
      {
        tool: { driver },
        // Lets a SARIF viewer resolve the relative URIs on the machine that wrote the log; code
        // scanning resolves them against the checkout instead.
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(options.cwd.replace(/\/*$/, '/')).href } },
        // Our columns count UTF-16 units, as the parsers do.
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
}

export function sarif(results: readonly FileResult[], options: ReportOptions): string {
  return JSON.stringify(toSarif(results, options), null, 2);
}

function driverRules(results: readonly FileResult[], known: readonly RuleMeta[], home: string): SarifRule[] {
  const rules = known.map((m) => describedRule(m, home));
  const ids = new Set(rules.map((r) => r.id));
  for (const result of results) {
    for (const d of result.diagnostics) {
      if (ids.has(d.ruleId)) continue;
      ids.add(d.ruleId);
      rules.push(checkRule(d, home));
    }
  }
  return rules;
}

function describedRule(m: RuleMeta, home: string): SarifRule {
  const helpUri = `${home}/blob/main/${m.docs.replace(/^\/+/, '')}`;
  return {
    id: m.id,
    shortDescription: { text: m.description },
    fullDescription: { text: m.description },
    helpUri,
    help: { text: `${m.description}\nSee ${helpUri}`, markdown: `${m.description}\n\n[Rule documentation](${helpUri})` },
    defaultConfiguration: { level: LEVEL[m.severity] },
  };
}

/** An id that is not a lint rule: a check code of the expression checker or a parse failure. */
function checkRule(d: Diagnostic, home: string): SarifRule {
  const helpUri = `${home}/blob/main/docs/reporters.md`;
  const text = `shapegrad check: ${d.ruleId}`;
  return {
    id: d.ruleId,
    shortDescription: { text },
    fullDescription: { text: `${text} (reported by the expression and derivation checker, not a lint rule).` },
    helpUri,
    help: { text: `${text}\nSee ${helpUri}`, markdown: `${text}\n\n[Reporters and check codes](${helpUri})` },
    defaultConfiguration: { level: LEVEL[d.severity] },
  };
}

function sarifResult(d: Diagnostic, file: string, ruleIndex: number, cwd: string): SarifResult {
  const extra = [...(d.notes ?? []), ...(d.fixes ?? []).map(fixText)];
  const out: SarifResult = {
    ruleId: d.ruleId,
    ruleIndex,
    level: LEVEL[d.severity],
    message: { text: [d.message, ...extra].join('\n') },
    locations: [location(file, d.span)],
  };
  if (d.related?.length) {
    out.relatedLocations = d.related.map((r, i) => ({
      id: i + 1,
      ...location(r.span.file !== undefined ? displayPath(r.span.file, cwd) : file, r.span),
      message: { text: r.message },
    }));
  }
  return out;
}

function location(file: string, span: Span): SarifLocation {
  return {
    physicalLocation: {
      artifactLocation: { uri: pathToUriReference(file), uriBaseId: SRCROOT },
      // SARIF's endColumn is the column after the region, as our spans' endColumn is.
      region: { startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn },
    },
  };
}
