// Operators: + - * .* / ./ ^ .^ unary minus and transpose.
import type { OpSpec } from '../../src/expr/op-spec.js';

export const operators: OpSpec[] = [
  {
    name: 'add', category: 'operator', syntax: 'A + B', shape: 'broadcast',
    vjp: { A: 'G', B: 'G' },
    doc: 'Elementwise sum; a scalar, an m×1 column or a 1×n row is broadcast.', example: 'W*x + b',
  },
  {
    name: 'sub', category: 'operator', syntax: 'A - B', shape: 'broadcast',
    vjp: { A: 'G', B: '-G' },
    doc: 'Elementwise difference, broadcasting like +.', example: 'o - y',
  },
  {
    name: 'neg', category: 'operator', syntax: '-A', shape: 'A:[m,n] -> [m,n]',
    vjp: { A: '-G' },
    doc: 'Negation.', example: '-x',
  },
  {
    name: 'matmul', category: 'operator', syntax: 'A * B', aliases: ['·'], shape: 'A:[m,k], B:[k,n] -> [m,n]',
    vjp: { A: "G * B'", B: "A' * G" },
    doc: 'Matrix product (`·` is an alias). When one side is a scalar, `*` scales instead.', example: 'W*h',
  },
  {
    name: 'scale', category: 'operator', syntax: 'a * B', shape: 'a:[1,1], B:[m,n] -> [m,n]',
    vjp: { a: 'sum(G .* B)', B: 'a * G' },
    doc: 'A scalar times anything scales it.', example: '0.5*sum(x)',
  },
  {
    name: 'hadamard', category: 'operator', syntax: 'A .* B', aliases: ['⊙'], unicode: '⊙', shape: 'broadcast',
    vjp: { A: 'G .* B', B: 'G .* A' },
    doc: 'Elementwise (Hadamard) product (`⊙` is an alias), broadcasting like +.', example: 'o .* (1 - o)',
  },
  {
    name: 'div', category: 'operator', syntax: 'A ./ B', shape: 'broadcast',
    vjp: { A: 'G ./ B', B: '-(G .* Y ./ B)' },
    doc: 'Elementwise division, broadcasting like +; `A / b` divides by a scalar.', example: 'x / n',
  },
  {
    name: 'pow', category: 'operator', syntax: 'A .^ B', shape: 'broadcast',
    vjp: { A: 'G .* B .* A .^ (B - 1)', B: 'G .* Y .* log(A)' },
    doc: 'Elementwise power; `a ^ b` of two scalars is the same.', example: '(o - y).^2',
  },
  {
    name: 'mpow', category: 'operator', syntax: 'A ^ k', shape: 'A:[n,n] -> [n,n]',
    // Written out by the engine for the literal k: sum over i of (Aᵀ)^i * G * (Aᵀ)^(k-1-i).
    doc: 'Integer power of a square matrix (k a literal integer; negative k uses inv).', example: 'A^2',
  },
  {
    name: 'transpose', category: 'operator', syntax: "A'", aliases: ['ᵀ'], unicode: 'ᵀ', shape: 'A:[m,n] -> [n,m]',
    vjp: { A: "G'" },
    doc: 'Transpose (`ᵀ` is an alias).', example: "x'*A*x",
  },
];
