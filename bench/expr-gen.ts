// Generated expressions of a given size for the benchmark and the big-input tests: a realistic
// mix (products, transposes, elementwise functions, reductions, broadcasting, linear algebra)
// rather than `x+x+…`, deterministic for a seed.

import { postOrder } from '../src/expr/ast.js';
import { parse } from '../src/expr/parser.js';

/** Declarations every generated expression is checked against. */
export const GEN_SHAPES = { W: ['m', 'n'], A: ['m', 'm'], x: ['n'], y: ['m'], b: ['m'], α: [] } as const;

// Each term is an m×1 column under GEN_SHAPES.
const TERMS = [
  'W*x',
  'sigmoid(W*x + b)',
  "(A*A')*y",
  'α*exp(y) ./ sum(exp(y))',
  "relu(A'*y - b).^2",
  'tr(A)*y',
  'inv(A)*softmax(y)',
  '-log(σ(y)) / 2',
  'diag(A) .* y',
  'A^2*y',
  "tanh(W*x) .* (1 - y)",
  "(x'*x)*b + W*(x .* x)",
  'abs(y - b) + ones(m, 1)',
  "y*(b'*y) - logsumexp(y)*b",
];

// Ways to wrap a group of m×1 terms into an m×1 term, with the nodes they add.
const WRAPS: Array<[string, string, number]> = [
  ['softmax(', ')', 2],
  ['A*(', ')', 3],
  ["(y'*(", '))*b', 7],
];

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An m×1 expression of about `nodes` AST nodes: terms joined by `+`, every few terms grouped in
 * parentheses under a function, so the tree has both a long left spine and some depth.
 */
export function generateExpression(nodes: number, seed = 1): string {
  const next = rng(seed);
  const sizes = TERMS.map((t) => postOrder(parse(t)).length);
  const parts: string[] = [];
  let count = 0;
  let group: string[] = [];
  let groupNodes = 0;
  while (count + groupNodes < nodes) {
    const i = Math.floor(next() * TERMS.length);
    group.push(TERMS[i]!);
    groupNodes += sizes[i]! + 1;
    if (group.length === 6) {
      const wrap = WRAPS[Math.floor(next() * WRAPS.length)]!;
      parts.push(wrap[0] + group.join(' + ') + wrap[1]);
      count += groupNodes + wrap[2];
      group = [];
      groupNodes = 0;
    }
  }
  if (group.length > 0) parts.push(group.join(' + '));
  return parts.join(' + ');
}
