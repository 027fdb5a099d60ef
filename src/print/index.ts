// Printers of derivations for `shapegrad derive --format latex|numpy|ts`.
import type { Expr } from '../expr/expr.js';
import type { Derivation } from '../calculus/derive.js';
import { derivationToLatex } from './latex.js';
import { derivationToNumpy } from './numpy.js';
import { derivationToTs } from './typescript.js';
import type { VariableShape } from './plan.js';

export { exprToLatex, derivationToLatex, derivativeLatexLabel, latexName, latexNumber, type LatexOptions } from './latex.js';
export { derivationToNumpy, type NumpyOptions } from './numpy.js';
export { derivationToTs, type TsOptions } from './typescript.js';
export type { VariableShape } from './plan.js';

export const DERIVATION_FORMATS = ['latex', 'numpy', 'ts'] as const;
export type DerivationFormat = (typeof DERIVATION_FORMATS)[number];

/**
 * A derivation in one of the formats of `derive --format`, ending in a newline. `variables`
 * (e.g. `analysis.elaborated.variables`) orders the code's arguments and marks symmetric ones.
 */
export function formatDerivation(format: DerivationFormat, root: Expr, d: Derivation, variables?: ReadonlyMap<string, VariableShape>): string {
  switch (format) {
    case 'latex':
      return `${derivationToLatex(root, d)}\n`;
    case 'numpy':
      return derivationToNumpy(root, d, variables);
    case 'ts':
      return derivationToTs(root, d, variables);
  }
}
