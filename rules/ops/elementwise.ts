// Elementwise functions: applied entry by entry, shape unchanged.
import type { OpSpec } from '../../src/expr/op-spec.js';

const unary = (name: string, vjp: string | null, doc: string, extra: Partial<OpSpec> = {}): OpSpec => ({
  name, category: 'elementwise', syntax: `${name}(X)`, shape: 'X:[m,n] -> [m,n]', vjp: { X: vjp }, doc,
  example: `${name}(W*x)`, ...extra,
});

export const elementwise: OpSpec[] = [
  unary('exp', 'G .* Y', 'Exponential.'),
  unary('log', 'G ./ X', 'Natural logarithm.'),
  unary('sqrt', 'G ./ (2 * Y)', 'Square root.'),
  unary('abs', 'G .* sign(X)', 'Absolute value.'),
  unary('sign', null, 'Sign: -1, 0 or 1 (derivative zero almost everywhere).'),
  unary('step', null, 'Heaviside step: 1 where X > 0, else 0 — the derivative of relu.'),
  unary('sigmoid', 'G .* Y .* (1 - Y)', 'Logistic sigmoid 1/(1+exp(-X)); σ is an alias.', { aliases: ['σ'], unicode: 'σ', syntax: 'sigmoid(X)' }),
  unary('tanh', 'G .* (1 - Y .^ 2)', 'Hyperbolic tangent.'),
  unary('relu', 'G .* step(X)', 'Rectified linear unit max(X, 0).'),
  unary('softplus', 'G .* sigmoid(X)', 'Softplus log(1 + exp(X)).'),
  unary('sin', 'G .* cos(X)', 'Sine.'),
  unary('cos', '-(G .* sin(X))', 'Cosine.'),
];
