// Printers of derivations for `shapegrad derive --format latex|numpy|ts`.
export { exprToLatex, derivationToLatex, derivativeLatexLabel, latexName, latexNumber, type LatexOptions } from './latex.js';
export { derivationToNumpy, type NumpyOptions } from './numpy.js';
export type { VariableShape } from './plan.js';
export { derivationToTs, type TsOptions } from './typescript.js';
