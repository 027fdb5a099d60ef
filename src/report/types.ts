// What every reporter receives: the results of one run, and how to render them. Reporters are
// pure functions of these two values (ESLint's formatter contract), so the CLI, the library API
// and the tests all get the same text for the same input.

import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from './diagnostic.js';

export type { FileResult, RuleMeta } from './diagnostic.js';
import type { FileResult, RuleMeta } from './diagnostic.js';

export interface ReportOptions {
  /** Injected colour: the CLI decides the level once (see `color.ts`); level 0 prints plain text. */
  color: ChalkInstance;
  /** The directory paths are relative to (the repository root in CI). */
  cwd: string;
  rules?: RuleMeta[];
  toolVersion?: string;
  /** Unicode symbols (✖, ⋮); ASCII fallbacks when false. Defaults to true. */
  unicode?: boolean;
  /**
   * Where the project lives on the web; SARIF's `informationUri`, and the base of rule `helpUri`s
   * (`<informationUri>/blob/main/<docs>`). Defaults to `SHAPEGRAD_HOME` in `sarif.ts`.
   */
  informationUri?: string;
}

export type Reporter = (results: readonly FileResult[], options: ReportOptions) => string;
