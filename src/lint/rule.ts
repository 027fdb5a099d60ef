// The contract of a lint rule in rules/lint/: ESLint-style metadata, a check over the Model IR,
// and valid / invalid examples that the tests run and the docs page must show verbatim.
import type { Diagnostic, Fix, Related, Span } from '../report/diagnostic.js';
import type { ModelFile, ModelIR } from './ir.js';
import type { Shapes } from './propagate.js';

export interface RuleExample {
  /** File name; its extension picks the front end (`.ts`, `.py`, `.json`). */
  file: string;
  code: string;
}

export interface ExpectedFinding {
  line: number;
  column: number;
  /** A substring the message must contain. */
  message?: string;
}

export interface InvalidExample extends RuleExample {
  errors: ExpectedFinding[];
}

export interface Finding {
  message: string;
  span: Span;
  notes?: string[];
  fixes?: Fix[];
  related?: Related[];
}

export interface RuleContext {
  readonly file: ModelFile;
  readonly shapes: Shapes;
  model(id: number): ModelIR;
  report(finding: Finding): void;
}

export interface LintRule {
  id: string;
  description: string;
  severity: 'error' | 'warning';
  /** Path of the rule's page, relative to the package root. */
  docs: string;
  check(ctx: RuleContext): void;
  examples: { valid: RuleExample[]; invalid: InvalidExample[] };
}

export type { Diagnostic };
