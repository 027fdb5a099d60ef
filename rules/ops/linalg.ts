// Linear algebra: trace, determinant, inverse, diagonal.
import type { OpSpec } from '../../src/expr/op-spec.js';

export const linalg: OpSpec[] = [
  {
    name: 'tr', category: 'linear-algebra', syntax: 'tr(X)', aliases: ['trace'], shape: 'X:[n,n] -> [1,1]',
    vjp: { X: 'G * eye(n)' },
    doc: 'Trace of a square matrix (`trace` is an alias).', example: 'tr(A*X*B)',
  },
  {
    name: 'det', category: 'linear-algebra', syntax: 'det(X)', shape: 'X:[n,n] -> [1,1]',
    vjp: { X: "G * Y * inv(X)'" },
    doc: 'Determinant of a square matrix.', example: 'det(X)',
  },
  {
    name: 'logdet', category: 'linear-algebra', syntax: 'logdet(X)', shape: 'X:[n,n] -> [1,1]',
    vjp: { X: "G * inv(X)'" },
    doc: 'log det X of a square matrix with positive determinant.', example: 'logdet(X)',
  },
  {
    name: 'inv', category: 'linear-algebra', syntax: 'inv(X)', shape: 'X:[n,n] -> [n,n]',
    vjp: { X: "-(Y' * G * Y')" },
    doc: 'Inverse of a square matrix.', example: "a'*inv(X)*b",
  },
  {
    name: 'diag', category: 'linear-algebra', syntax: 'diag(X)', shape: 'diag',
    vjp: { X: 'diag(G)' },
    doc: 'A vector to the diagonal matrix with it on the diagonal; a square matrix to its diagonal as a vector.', example: 'diag(x)*A',
  },
];
