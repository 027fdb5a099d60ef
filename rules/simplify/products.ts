// Products: transposes pushed inward, scalars gathered, common factors pulled out.
import type { RewriteRule } from '../../src/calculus/rewrite-spec.js';

export const products: RewriteRule[] = [
  { rule: "(A'*B)' -> B'*A", doc: 'Transpose of a product whose left factor is transposed.' },
  { rule: "(A*B')' -> B*A'", doc: 'Transpose of a product whose right factor is transposed.' },
  { rule: 'c*(d*A) -> (c*d)*A', doc: 'Constant factors multiply.' },
  { rule: 'A*C + B*C -> (A + B)*C', doc: 'A common right factor.' },
  { rule: 'C*A + C*B -> C*(A + B)', doc: 'A common left factor.' },
  { rule: 'A*C - B*C -> (A - B)*C', doc: 'A common right factor.' },
  { rule: 'C .* A + C .* B -> C .* (A + B)', doc: 'A common Hadamard factor.' },
  { rule: 'A + A -> 2*A', doc: 'Twice the same term.' },
  { rule: 'c*A + d*A -> (c + d)*A', doc: 'Like terms.' },
  { rule: 'ones(1, m)*A -> sum(A)', doc: 'A row of ones times a column vector sums it (when the result is a scalar).' },
  { rule: "A'*ones(m, 1) -> sum(A)", doc: 'A row vector times a column of ones sums it (when the result is a scalar).' },
  { rule: 'A .* (B - C ./ A) -> A .* B - C', doc: 'Distribute, cancelling the division (the softmax cross-entropy step).' },
];
