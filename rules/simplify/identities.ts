// Identities, inverses and cancellations.
import type { RewriteRule } from '../../src/calculus/rewrite-spec.js';

export const identities: RewriteRule[] = [
  { rule: "(A')' -> A", doc: 'Transposing twice changes nothing.' },
  { rule: '1 .* A -> A', doc: 'Hadamard product with one.' },
  { rule: 'A .* 1 -> A', doc: 'Hadamard product with one.' },
  { rule: 'ones(m, n) .* A -> A', doc: 'Hadamard product with a matrix of ones of the same shape.' },
  { rule: 'A .* ones(m, n) -> A', doc: 'Hadamard product with a matrix of ones of the same shape.' },
  { rule: 'A * eye(n) -> A', doc: 'The identity on the right.' },
  { rule: 'eye(n) * A -> A', doc: 'The identity on the left.' },
  { rule: '-(-A) -> A', doc: 'Double negation.' },
  { rule: 'A + -B -> A - B', doc: 'Adding a negation is subtracting.' },
  { rule: 'A - -B -> A + B', doc: 'Subtracting a negation is adding.' },
  { rule: '-A + B -> B - A', doc: 'A negation first becomes a subtraction.' },
  { rule: 'A ./ B .* B -> A', doc: 'Elementwise division then multiplication by the same matrix cancel.' },
  { rule: 'B .* (A ./ B) -> A', doc: 'Elementwise multiplication undoes the division.' },
  { rule: 'exp(log(A)) -> A', doc: 'exp undoes log (log is defined only for positive entries).' },
  { rule: 'log(exp(A)) -> A', doc: 'log undoes exp.' },
  { rule: 'A .^ 1 -> A', doc: 'First power.' },
  { rule: 'inv(inv(A)) -> A', doc: 'Inverse of the inverse.' },
  { rule: "inv(A')' -> inv(A)", doc: 'Transpose commutes with the inverse.' },
  { rule: 'diag(ones(m, 1)) -> eye(m)', doc: 'The diagonal matrix of ones is the identity.' },
  { rule: "diag(A*A') -> A .^ 2", where: 'A:[m,1]', doc: 'The diagonal of the outer product of a vector with itself.' },
  { rule: "diag(A*B') -> A .* B", where: 'A:[m,1], B:[m,1]', doc: 'The diagonal of the outer product of two vectors.' },
];
