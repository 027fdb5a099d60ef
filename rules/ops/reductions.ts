// Reductions and column-wise normalisations.
import type { OpSpec } from '../../src/expr/op-spec.js';

export const reductions: OpSpec[] = [
  {
    name: 'sum', category: 'reduction', syntax: 'sum(X)', shape: 'X:[m,n] -> [1,1]',
    vjp: { X: 'G * ones(m, n)' },
    doc: 'Sum of all entries (a scalar).', example: 'sum((o - y).^2)',
  },
  {
    name: 'mean', category: 'reduction', syntax: 'mean(X)', shape: 'X:[m,n] -> [1,1]',
    vjp: { X: 'G / numel(X) * ones(m, n)' },
    doc: 'Mean of all entries (a scalar).', example: 'mean((W*X - T).^2)',
  },
  {
    name: 'numel', category: 'reduction', syntax: 'numel(X)', shape: 'X:[m,n] -> [1,1]',
    vjp: { X: null },
    doc: 'Number of entries of X, as a scalar (constant: derivative zero).', example: 'sum(x)/numel(x)',
  },
  {
    name: 'norm2', category: 'reduction', syntax: 'norm2(X)', aliases: ['norm'], shape: 'X:[m,n] -> [1,1]',
    vjp: { X: 'G / Y * X' },
    doc: 'Euclidean norm of a vector; Frobenius norm of a matrix (`norm` is an alias).', example: 'norm2(A*x - b)',
  },
  {
    name: 'norm1', category: 'reduction', syntax: 'norm1(X)', shape: 'X:[m,n] -> [1,1]',
    vjp: { X: 'G * sign(X)' },
    doc: 'Sum of absolute values of the entries.', example: 'norm1(w)',
  },
  {
    name: 'softmax', category: 'reduction', syntax: 'softmax(X)', shape: 'X:[m,n] -> [m,n]',
    vjp: { X: 'Y .* (G - ones(1, m) * (G .* Y))' },
    doc: 'Column-wise softmax: each column of exp(X) divided by its sum.', example: "-sum(t .* log(softmax(W*x)))",
  },
  {
    name: 'logsumexp', category: 'reduction', syntax: 'logsumexp(X)', shape: 'X:[m,n] -> [1,n]',
    vjp: { X: 'G .* softmax(X)' },
    doc: 'Column-wise log of the sum of exponentials (a row, one entry per column), computed stably.', example: "logsumexp(z) - t'*z",
  },
];
